"""A Prometheus of the test's own scrapes the running platform: what monitoring staff rely on.

The scrape configuration is generated here from the ports the platform runs on and labels
every target as the chart's ServiceMonitors do (job="govdata", service, process); the chart's
alert rules are loaded too, so every alert expression is evaluated against live series. After
driving traffic, the test asks Prometheus' own HTTP API (not the processes) that the request,
latency, event and consumer-lag metrics arrived with the labels the dashboards and alerts use.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import yaml

from gov.catalog.v1 import catalog_pb2 as c
from govdata.runtime.local_platform import API_METRICS_PORTS, SERVICES, WORKER_METRICS_PORTS

from .catalogue import department
from .conftest import ROOT, caller, eventually, free_ports, prometheus_get

RULES = ROOT / "helm" / "govdata" / "files" / "rules" / "govdata-alerts.yaml"
EVENT = "gov.events.v1.OrganizationChanged"


def scrape_config() -> dict:
    targets = [
        {"targets": [f"127.0.0.1:{ports[s]}"], "labels": {"service": s, "process": process}}
        for process, ports in (("api", API_METRICS_PORTS), ("worker", WORKER_METRICS_PORTS))
        for s in SERVICES
    ]
    return {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(RULES)],
        "scrape_configs": [{"job_name": "govdata", "static_configs": targets}],
    }


@pytest.fixture(scope="module")
def prometheus(platform, tmp_path_factory) -> Iterator[str]:
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.fail("prometheus is not installed; scripts/servers.sh install prometheus does it")
    folder: Path = tmp_path_factory.mktemp("prometheus")
    config = folder / "prometheus.yml"
    config.write_text(yaml.safe_dump(scrape_config()))
    [port] = free_ports(1)
    log = (folder / "prometheus.log").open("wb")
    process = subprocess.Popen(
        [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={folder / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def ready() -> None:
        assert process.poll() is None, (folder / "prometheus.log").read_text()[-2000:]
        try:
            with urllib.request.urlopen(f"{base}/-/ready", timeout=2) as reply:  # noqa: S310
                assert reply.status == 200
        except OSError as exc:
            raise AssertionError(str(exc)) from exc

    eventually(ready, timeout=60)
    yield base
    process.terminate()
    process.wait(timeout=30)
    log.close()


def api(base: str, path: str, **params: str) -> dict:
    answer = prometheus_get(path, base, **params)
    assert answer["status"] == "success", answer
    return answer["data"]


def query(base: str, promql: str) -> list[dict]:
    return api(base, "query", query=promql)["result"]


def value(base: str, promql: str) -> float:
    result = query(base, promql)
    assert len(result) == 1, (promql, result)
    return float(result[0]["value"][1])


def test_requests_latency_events_and_lag_arrive_with_their_labels(prometheus, catalog, tag) -> None:
    ok = (
        'govdata_grpc_server_handled_total{job="govdata",service="catalog",process="api",'
        'grpc_service="gov.catalog.v1.CatalogService",grpc_method="ListOrganizations",'
        'grpc_code="OK"}'
    )
    refused = ok.replace('grpc_method="ListOrganizations"', 'grpc_method="GetOrganization"')
    refused = refused.replace('grpc_code="OK"', 'grpc_code="INVALID_ARGUMENT"')
    published = (
        f'sum(govdata_events_published_total{{service="catalog",process="api",'
        f'event_type="{EVENT}"}})'
    )

    def scraped() -> None:
        up = {
            (r["metric"]["service"], r["metric"]["process"]) for r in query(prometheus, "up == 1")
        }
        assert up == {(s, p) for s in SERVICES for p in ("api", "worker")}, up

    eventually(scraped, timeout=60)
    before = {
        promql: sum(float(r["value"][1]) for r in query(prometheus, promql))
        for promql in (ok, refused, published)
    }

    for _ in range(5):
        catalog.ListOrganizations(c.ListOrganizationsRequest(page_size=1), metadata=caller())
    with pytest.raises(grpc.RpcError) as refusal:
        catalog.GetOrganization(c.GetOrganizationRequest(name="organizations/"), metadata=caller())
    assert refusal.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    department(catalog, f"scrape-{tag}", tag, "普罗米修斯测试局")

    def arrived() -> None:
        assert value(prometheus, ok) >= before[ok] + 5
        assert value(prometheus, refused) >= before[refused] + 1
        assert value(prometheus, published) >= before[published] + 1

    eventually(arrived, timeout=60)

    # latency: histogram buckets by le, and the p99 the alert computes is a number
    buckets = query(
        prometheus,
        'govdata_grpc_server_handling_seconds_bucket{service="catalog",process="api",'
        'grpc_method="ListOrganizations"}',
    )
    assert {"le", "grpc_service", "grpc_method", "job", "service", "process"} <= set(
        buckets[0]["metric"]
    )
    assert "+Inf" in {b["metric"]["le"] for b in buckets}
    p99 = value(
        prometheus,
        "histogram_quantile(0.99, sum by (le) (rate(govdata_grpc_server_handling_seconds_bucket"
        '{service="catalog",grpc_method="ListOrganizations"}[1m])))',
    )
    assert 0 < p99 <= 10

    # events: the catalogue's event consumed by the other services' workers
    def consumed() -> None:
        by = query(
            prometheus,
            f'govdata_events_consumed_total{{process="worker",event_type="{EVENT}",'
            'result="applied"}',
        )
        assert {r["metric"]["service"] for r in by} >= {"search", "audit"}, by

    eventually(consumed, timeout=60)

    # consumer lag: one series per consumed queue, from every worker
    lag = query(prometheus, 'govdata_events_queue_messages{process="worker"}')
    assert {r["metric"]["service"] for r in lag} == set(SERVICES)
    assert all(r["metric"]["queue"].startswith("evt-") for r in lag)


def test_every_alert_rule_evaluates_against_the_live_series(prometheus) -> None:
    """The chart's rules load into a real Prometheus and evaluate without error; none of the
    platform-health alerts fires while the platform is healthy."""

    def evaluated() -> list[dict]:
        groups = api(prometheus, "rules")["groups"]
        rules = [rule for group in groups for rule in group["rules"]]
        assert rules and all(r.get("lastEvaluation", "").startswith("20") for r in rules)
        return rules

    rules = eventually(evaluated, timeout=60)
    broken = [(r["name"], r.get("lastError")) for r in rules if r["health"] != "ok"]
    assert not broken, broken
    names = {r["name"] for r in rules if r["type"] == "alerting"}
    declared = {
        rule["alert"]
        for group in yaml.safe_load(RULES.read_text())["groups"]
        for rule in group["rules"]
        if "alert" in rule
    }
    assert names == declared
    firing = {r["name"] for r in rules if r["type"] == "alerting" and r["state"] == "firing"}
    down = {name for name in firing if "Down" in name}
    assert not down, f"the platform is up, yet {down} fire"
