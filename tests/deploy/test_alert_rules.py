"""The alert rules the chart ships, checked without a cluster or servers.

``promtool check rules`` accepts the rule file; ``promtool test rules`` passes every unit test
in helm/tests/promtool; every alert carries what an on-call person needs (summary, description,
runbook; severity and service); and every alert is unit-tested both firing and staying silent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "helm" / "govdata" / "files" / "rules" / "govdata-alerts.yaml"
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
