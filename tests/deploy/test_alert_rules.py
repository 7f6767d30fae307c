"""The alert rules and dashboards the chart ships, checked without a cluster or servers.

``promtool check rules`` accepts the rule file; ``promtool test rules`` passes every unit test
in helm/tests/promtool; every alert carries what an on-call person needs (summary, description,
runbook; severity and service); every alert is unit-tested both firing and staying silent; and
the chart renders the rule file and the dashboards unchanged.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .chart import CHART, ROOT, render

RULES = CHART / "files" / "rules" / "govdata-alerts.yaml"
DASHBOARDS = sorted((CHART / "files" / "dashboards").glob("*.json"))
PROMTOOL_TESTS = sorted((ROOT / "helm" / "tests" / "promtool").glob("*.yaml"))
SERVICES = {"catalog", "search", "exchange", "verify", "audit"}
SEVERITIES = {"critical", "warning"}


def promtool(*args: str) -> subprocess.CompletedProcess:
    binary = shutil.which("promtool")
    if binary is None:
        pytest.fail("promtool not found on PATH: install the Debian package prometheus")
    return subprocess.run([binary, *args], capture_output=True, text=True, check=False, cwd=ROOT)


def alerts() -> list[dict[str, Any]]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def rule_tests() -> list[tuple[Path, dict[str, Any]]]:
    """Every ``alert_rule_test`` entry, with the file it is in."""
    found = []
    for path in PROMTOOL_TESTS:
        for test in yaml.safe_load(path.read_text())["tests"]:
            found.extend((path, case) for case in test.get("alert_rule_test") or [])
    return found


def test_promtool_checks_the_rule_file() -> None:
    done = promtool("check", "rules", str(RULES))
    assert done.returncode == 0, done.stdout + done.stderr


def test_promtool_unit_tests_pass() -> None:
    assert PROMTOOL_TESTS, "no promtool unit tests in helm/tests/promtool"
    done = promtool("test", "rules", *map(str, PROMTOOL_TESTS))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_unit_tests_load_the_shipped_rule_file() -> None:
    for path in PROMTOOL_TESTS:
        files = yaml.safe_load(path.read_text())["rule_files"]
        assert [(path.parent / f).resolve() for f in files] == [RULES], path.name


def test_every_alert_says_what_it_is_and_what_to_do() -> None:
    names = [rule["alert"] for rule in alerts()]
    assert len(names) == len(set(names)), "alert names repeat"
    for rule in alerts():
        name, annotations, labels = (
            rule["alert"],
            rule.get("annotations", {}),
            rule.get("labels", {}),
        )
        for key in ("summary", "description", "runbook"):
            assert str(annotations.get(key, "")).strip(), f"{name}: no {key}"
        # A runbook is steps to take, not a restatement of the summary.
        assert len(re.findall(r"^\d+\. ", annotations["runbook"], re.M)) >= 2, name
        assert labels.get("severity") in SEVERITIES, name
        service = labels.get("service")
        assert service in SERVICES or service == "{{ $labels.service }}", f"{name}: {service}"


def test_every_alert_selects_govdata_series_only() -> None:
    """Each metric selector names job="govdata", so the rules never match another job's series."""
    for rule in alerts():
        selectors = re.findall(r"\b([a-z_:][a-z0-9_:]*)\{([^}]*)\}", rule["expr"])
        assert selectors, rule["alert"]
        for metric, matchers in selectors:
            assert 'job="govdata"' in matchers, f"{rule['alert']}: {metric}{{{matchers}}}"


def test_every_alert_is_tested_firing_and_silent() -> None:
    names = {rule["alert"] for rule in alerts()}
    cases = rule_tests()
    firing = {case["alertname"] for _, case in cases if case.get("exp_alerts")}
    silent = {case["alertname"] for _, case in cases if not case.get("exp_alerts")}
    assert not names - firing, f"never tested firing: {sorted(names - firing)}"
    assert not names - silent, f"never tested silent: {sorted(names - silent)}"
    tested = {case["alertname"] for _, case in cases}
    assert not tested - names, f"tests of alerts that do not exist: {sorted(tested - names)}"


def test_firing_cases_check_labels_and_annotations() -> None:
    for path, case in rule_tests():
        for expected in case.get("exp_alerts") or []:
            where = f"{path.name}: {case['alertname']} at {case['eval_time']}"
            assert {"severity", "service"} <= set(expected.get("exp_labels", {})), where
            assert expected.get("exp_annotations", {}).get("summary"), where


def test_the_chart_ships_the_tested_rules_unchanged() -> None:
    """.Files.Get does not template: {{ $labels }} in the annotations survives Helm."""
    docs = render(
        "--set",
        "global.monitoring.prometheusRule.enabled=true",
        "--set",
        "global.monitoring.prometheusRule.labels.release=kube-prometheus-stack",
    )
    [rule] = [d for d in docs if d["kind"] == "PrometheusRule"]
    assert rule["apiVersion"] == "monitoring.coreos.com/v1"
    assert rule["metadata"]["name"] == "gd-govdata"
    assert rule["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    assert rule["metadata"]["labels"]["app.kubernetes.io/name"] == "govdata"
    assert rule["spec"]["groups"] == yaml.safe_load(RULES.read_text())["groups"]
    assert "{{ $labels.service }}" in json.dumps(rule["spec"])


def test_rules_of_a_disabled_service_are_left_out() -> None:
    docs = render(
        "--set", "global.monitoring.prometheusRule.enabled=true", "--set", "audit.enabled=false"
    )
    [rule] = [d for d in docs if d["kind"] == "PrometheusRule"]
    shipped = {r["alert"]: r for g in rule["spec"]["groups"] for r in g["rules"]}
    expected = {r["alert"] for r in alerts() if r["labels"]["service"] != "audit"}
    assert set(shipped) == expected  # no absent() rule firing for a service not installed
    assert "GovdataProcessDown" in shipped


def test_no_prometheus_rule_unless_asked() -> None:
    assert not [d for d in render() if d["kind"] == "PrometheusRule"]


def test_the_chart_ships_every_dashboard_as_a_configmap() -> None:
    docs = render("--set", "global.monitoring.dashboards.annotations.grafana_folder=govdata")
    maps = {
        key: (doc, value)
        for doc in docs
        if doc["kind"] == "ConfigMap"
        for key, value in doc.get("data", {}).items()
        if key.endswith(".json")
    }
    assert set(maps) == {path.name for path in DASHBOARDS}
    for path in DASHBOARDS:
        doc, text = maps[path.name]
        assert json.loads(text) == json.loads(path.read_text()), path.name
        assert doc["metadata"]["labels"]["grafana_dashboard"] == "1", path.name
        assert doc["metadata"]["annotations"] == {"grafana_folder": "govdata"}, path.name
    off = render("--set", "global.monitoring.dashboards.enabled=false")
    assert not [
        d for d in off if d["kind"] == "ConfigMap" and "-dashboard-" in d["metadata"]["name"]
    ]
