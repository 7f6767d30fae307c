"""Stock tools, not ours: grpcurl over server reflection, and health checks as Kubernetes does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from google.protobuf import json_format

from gov.audit.v1 import audit_pb2
from govdata_client.tree_head import load_public_key, verify_head_message

from .catalogue import credit_code
from .conftest import METRICS, PKI, PORTS, ROOT, metrics_text


def grpcurl() -> str:
    home = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
    found = shutil.which("grpcurl") or str(home / "bin" / "grpcurl")
    if not Path(found).exists():
        pytest.fail("grpcurl is not installed; scripts/servers.sh tools installs it")
    return found


def run(*args: str, data: dict | None = None) -> subprocess.CompletedProcess:
    command = [
        grpcurl(),
        "-cacert",
        str(PKI / "ca.crt"),
        "-cert",
        str(PKI / "govdata-admin.crt"),
        "-key",
        str(PKI / "govdata-admin.key"),
        "-H",
        "x-gov-person: operator",
    ]
    if data is not None:
        command += ["-d", json.dumps(data, ensure_ascii=False)]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=30, check=False
    )


def test_reflection_lists_and_describes_the_catalogue(platform) -> None:
    listed = run("127.0.0.1:20051", "list")
    assert listed.returncode == 0, listed.stderr
    assert {"gov.catalog.v1.CatalogService", "grpc.health.v1.Health"} <= set(listed.stdout.split())
    described = run("127.0.0.1:20051", "describe", "gov.catalog.v1.InformationResource")
    assert "resource_code" in described.stdout and "data_items" in described.stdout


def test_grpcurl_drives_the_catalogue(platform, tag) -> None:
    org_id = f"grpcurl-{tag}"
    code = credit_code()
    created = run(
        "127.0.0.1:20051",
        "gov.catalog.v1.CatalogService/CreateOrganization",
        data={
            "organizationId": org_id,
            "organization": {
                "displayName": "海新区大数据中心",
                "kind": "ORGANIZATION_KIND_DEPARTMENT",
                "unifiedSocialCreditCode": code,
            },
        },
    )
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["name"] == f"organizations/{org_id}"

    bad = run(
        "127.0.0.1:20051",
        "gov.catalog.v1.CatalogService/CreateOrganization",
        data={
            "organizationId": f"{org_id}-x",
            "organization": {
                "displayName": "x",
                "kind": "ORGANIZATION_KIND_DEPARTMENT",
                "unifiedSocialCreditCode": code[:17] + ("0" if code[17] != "0" else "1"),
            },
        },
    )
    assert bad.returncode != 0
    assert "InvalidArgument" in bad.stderr and "unified_social_credit_code" in bad.stderr

    got = run(
        "127.0.0.1:20051",
        "gov.catalog.v1.CatalogService/GetOrganization",
        data={"name": f"organizations/{org_id}"},
    )
    # grpcurl prints proto field names (display_name), and accepts JSON names on input
    assert json.loads(got.stdout)["display_name"] == "海新区大数据中心"


@pytest.mark.parametrize("service", sorted(PORTS))
def test_every_api_is_healthy_and_serves_metrics(platform, service) -> None:
    # Kubernetes' gRPC probe calls grpc.health.v1.Health/Check with an empty service name.
    health = run(f"127.0.0.1:{PORTS[service]}", "grpc.health.v1.Health/Check", data={"service": ""})
    assert health.returncode == 0 and json.loads(health.stdout)["status"] == "SERVING"
    for port in METRICS[service]:
        text = metrics_text(port)
        assert "govdata_" in text and "process_resident_memory_bytes" in text


def test_grpcurl_completes_and_matches_as_the_readme_shows(platform) -> None:
    """The README's Suggest and MatchDemand commands, on the demo district."""
    search = f"127.0.0.1:{PORTS['search']}"
    suggested = run(search, "gov.search.v1.SearchService/Suggest", data={"prefix": "bdc"})
    assert suggested.returncode == 0, suggested.stderr
    texts = [x["text"] for x in json.loads(suggested.stdout).get("suggestions", [])]
    assert any(t.startswith("不动产") for t in texts), texts  # bdc: b(u) d(ong) c(han)
    matched = run(
        search,
        "gov.search.v1.SearchService/MatchDemand",
        data={"need": "核对低保家庭成员名下机动车", "dataItems": ["号牌号码"]},
    )
    assert matched.returncode == 0, matched.stderr
    candidates = json.loads(matched.stdout)["candidates"]
    # grpcurl prints proto field names
    assert any(c.get("offered_data_items") == ["号牌号码"] for c in candidates), candidates


def test_the_exchange_answers_stock_tools(platform) -> None:
    answer = run(
        f"127.0.0.1:{PORTS['exchange']}",
        "gov.exchange.v1.ExchangeService/ListOverdueResources",
        data={"page_size": 5},
    )
    assert answer.returncode == 0, answer.stderr
    assert isinstance(json.loads(answer.stdout or "{}"), dict)


def test_the_audit_log_hands_stock_tools_a_head_they_can_check(platform) -> None:
    answer = run(f"127.0.0.1:{PORTS['audit']}", "gov.audit.v1.AuditService/GetTreeHead", data={})
    assert answer.returncode == 0, answer.stderr
    head = json_format.Parse(answer.stdout, audit_pb2.TreeHead())
    key = load_public_key((PKI / "audit-signing-key.pub").read_bytes())
    verify_head_message(key, head)  # the signature holds under the published key
