"""The dashboards and alert rules against the running platform: every metric they name is one
some process really exports, and every dashboard query runs in the local Prometheus.

A metric renamed in the code (or a typo in a panel) would otherwise show as an empty panel or an
alert that can never fire, which no unit test of the rules notices.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from govdata.runtime.local_platform import API_METRICS_PORTS, WORKER_METRICS_PORTS

from .conftest import eventually, metrics_text, prometheus_get

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "helm" / "govdata" / "files"
DASHBOARDS = sorted((FILES / "dashboards").glob("*.json"))
RULES = FILES / "rules" / "govdata-alerts.yaml"

# What Grafana substitutes before a query reaches Prometheus; every custom variable is used as
# a regular expression (label=~"$var"), so "all" is ".*".
GRAFANA_INTERVALS = {"__rate_interval": "1m", "__interval": "30s", "__range": "1h"}
# Series Prometheus makes itself for every target.
PROMETHEUS_OWN = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
PROMQL_WORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    "bool", "offset", "inf", "nan", "atan2",
}  # fmt: skip
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "summary": ("_sum", "_count", "_created"),
}


# ------------------------------------------------------------------------------- scraping


def exported_names(exposition: str) -> set[str]:
    """Every series name the ``# TYPE`` lines of one scrape allow (a labelled metric with no
    samples yet still has its TYPE line). prometheus_client names a counter's family with or
    without ``_total`` depending on its version; both spellings are accepted."""
    names = set()
    for name, kind in re.findall(r"^# TYPE (\S+) (\S+)$", exposition, re.M):
        base = name.removesuffix("_total") if kind == "counter" else name
        names.update({name, base})
        names.update(base + suffix for suffix in SUFFIXES.get(kind, ()))
    return names


@pytest.fixture(scope="module")
def exported(platform) -> set[str]:
    """The union of what the ten processes export (api 9401-9405, worker 9411-9415)."""
    ports = [*API_METRICS_PORTS.values(), *WORKER_METRICS_PORTS.values()]
    names: set[str] = set()
    for port in ports:
        names |= exported_names(metrics_text(port))
    return names


# --------------------------------------------------------------------- reading the queries


def dashboard_panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for panel in panels:
        yield panel
        yield from dashboard_panels(panel.get("panels") or [])  # collapsed rows nest theirs


def dashboard_queries() -> list[tuple[str, str, str]]:
    """(dashboard file, panel title, PromQL) for every panel target."""
    found = []
    for path in DASHBOARDS:
        board = json.loads(path.read_text())
        for panel in dashboard_panels(board["panels"]):
            for target in panel.get("targets") or []:
                if target.get("expr"):
                    found.append((path.name, panel.get("title", ""), target["expr"]))
    return found


def variable_metrics() -> list[tuple[str, str]]:
    """(dashboard file, metric) named by each template variable's label_values() query."""
    found = []
    for path in DASHBOARDS:
        for variable in json.loads(path.read_text())["templating"]["list"]:
            query = variable.get("query")
            text = query.get("query", "") if isinstance(query, dict) else str(query or "")
            match = re.match(r"\s*label_values\(\s*([a-zA-Z_:][\w:]*)\s*[{,]", text)
            if variable.get("type") == "query" and match:
                found.append((path.name, match[1]))
    return found


def rule_expressions() -> list[tuple[str, str]]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return [(rule["alert"], rule["expr"]) for group in groups for rule in group["rules"]]


def metric_names(promql: str) -> set[str]:
    """The metric names a PromQL expression reads: what is left once strings, label matchers,
    grouping lists, ranges, numbers, function calls and keywords are taken away."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', promql)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\boffset\s+\S+", " ", text)
    names = set()
    for match in re.finditer(r"[a-zA-Z_:][\w:]*", text):
        word, rest = match[0], text[match.end() :]
        if rest.lstrip().startswith("("):
            continue  # a function
        if word.lower() in PROMQL_WORDS or re.fullmatch(r"\d+[smhdwy]?", word):
            continue
        names.add(word)
    return names


def grafana_to_promql(expr: str) -> str:
    """The query as Grafana sends it: built-in intervals and every variable substituted."""

    def substitute(match: re.Match) -> str:
        name = match[1] or match[2]
        return GRAFANA_INTERVALS.get(name, ".*")

    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)", substitute, expr)


def test_the_metric_name_reader_knows_promql() -> None:
    expr = (
        "histogram_quantile(0.99, sum by (service, le) (rate(govdata_grpc_server_handling_seconds"
        '_bucket{job="govdata",grpc_method!~"A|B"}[5m]))) > 1 and on (job) '
        "deriv(govdata_outbox_backlog_documents[15m]) > 0 or time() - max(x_y offset 15m) "
        'unless absent(up{job="govdata"})'
    )
    assert metric_names(expr) == {
        "govdata_grpc_server_handling_seconds_bucket",
        "govdata_outbox_backlog_documents",
        "x_y",
        "up",
    }
    assert exported_names("# TYPE a_total counter\n# TYPE h histogram\n") >= {
        "a",
        "a_total",
        "h_bucket",
        "h_count",
    }


# ------------------------------------------------------------------------------- the tests


def test_the_dashboards_exist_one_per_service_and_an_overview() -> None:
    uids = {json.loads(path.read_text())["uid"] for path in DASHBOARDS}
    assert uids == {f"govdata-{s}" for s in API_METRICS_PORTS} | {"govdata-overview"}
    for path in DASHBOARDS:
        board = json.loads(path.read_text())
        variables = {v["name"]: v for v in board["templating"]["list"]}
        assert variables["datasource"]["type"] == "datasource", path.name
        assert variables["datasource"]["query"] == "prometheus", path.name
        for panel in dashboard_panels(board["panels"]):
            if panel.get("type") != "row":
                assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}


def test_every_metric_the_dashboards_and_rules_read_is_exported(exported) -> None:
    used = [
        *((f"{board} / {title}", expr) for board, title, expr in dashboard_queries()),
        *((f"rule {alert}", expr) for alert, expr in rule_expressions()),
    ]
    missing = sorted(
        f"{where}: {name}"
        for where, expr in used
        for name in metric_names(grafana_to_promql(expr))
        if name not in exported and name not in PROMETHEUS_OWN
    )
    missing += sorted(
        f"{board} variable: {name}"
        for board, name in variable_metrics()
        if name not in exported and name not in PROMETHEUS_OWN
    )
    assert not missing, "named but exported by no process:\n" + "\n".join(missing)


def test_every_dashboard_query_and_rule_runs_in_prometheus(platform) -> None:
    def scraped() -> None:
        up = prometheus_get("query", query='up{job="govdata"}')["data"]["result"]
        assert len(up) == 10, up

    eventually(scraped, timeout=60)  # queries over no series would prove little
    queries = [
        *(
            (f"{board} / {title}", grafana_to_promql(expr))
            for board, title, expr in dashboard_queries()
        ),
        *((f"rule {alert}", expr) for alert, expr in rule_expressions()),
    ]
    failed = []
    for where, promql in queries:
        answer = prometheus_get("query", query=promql)
        if answer.get("status") != "success":
            failed.append(f"{where}: {answer.get('error')}\n    {promql}")
    assert not failed, "\n".join(failed)
