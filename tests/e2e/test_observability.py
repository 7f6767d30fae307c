"""Monitoring staff's view: Prometheus scrapes every process; access records reach svc-audit."""

from __future__ import annotations

from gov.catalog.v1 import catalog_pb2 as c

from .conftest import audit_record, caller, eventually, prometheus_get


def test_prometheus_scrapes_all_ten_processes(platform) -> None:
    def all_up() -> None:
        up = {
            (r["metric"]["service"], r["metric"]["process"]): r["value"][1]
            for r in prometheus_get("query", query='up{job="govdata"}')["data"]["result"]
        }
        assert len(up) == 10 and set(up.values()) == {"1"}, up

    eventually(all_up, timeout=60)


def test_access_records_reach_the_audit_service(catalog, tag) -> None:
    metadata = caller()
    request_id = dict(metadata)["x-request-id"]
    catalog.ListOrganizations(c.ListOrganizationsRequest(page_size=1), metadata=metadata)
    record = audit_record(request_id)
    assert record["method"] == "/gov.catalog.v1.CatalogService/ListOrganizations"
    assert record["outcome"] == "OK"
    assert record["actor"]["system"] == "callingSystems/govdata-admin"
