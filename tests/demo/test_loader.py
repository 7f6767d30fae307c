"""The demo loader's own logic, without a server: reading the file, the order of what it
creates, the rebased last-used times, and what counts as differing from the file."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import grpc
import pytest

from gov.catalog.v1 import catalog_pb2 as c

import demo  # isort: skip  (scripts/demo.py, see conftest)


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_reads_the_committed_catalogue_in_dependency_order() -> None:
    catalogue = demo.read_catalogue(demo.DEFAULT_FILE)
    orgs = catalogue.of(demo.ORGANIZATIONS)
    placed: set[str] = set()
    for request in orgs:
        assert not request.organization.parent or request.organization.parent in placed
        placed.add(f"organizations/{request.organization_id}")
    assert len(catalogue.of(demo.RESOURCES)) >= 300
    assert len(catalogue.of(demo.DUTIES)) > len(catalogue.of(demo.SYSTEMS)) >= 60
    assert catalogue.inventory_date is not None
    assert catalogue.related


def test_organisations_are_put_after_their_parents(tmp_path) -> None:
    path = write(
        tmp_path,
        {
            "organizations": [
                {"organizationId": "office", "organization": {"parent": "organizations/dept"}},
                {"organizationId": "dept", "organization": {"parent": "organizations/gov"}},
                {"organizationId": "gov", "organization": {}},
            ]
        },
    )
    ordered = demo.read_catalogue(path).of(demo.ORGANIZATIONS)
    assert [r.organization_id for r in ordered] == ["gov", "dept", "office"]


def test_a_cycle_of_parents_is_refused(tmp_path) -> None:
    path = write(
        tmp_path,
        {
            "organizations": [
                {"organizationId": "a", "organization": {"parent": "organizations/b"}},
                {"organizationId": "b", "organization": {"parent": "organizations/a"}},
            ]
        },
    )
    with pytest.raises(demo.LoadError, match="cycle"):
        demo.read_catalogue(path)


def test_a_related_resource_must_come_first(tmp_path) -> None:
    resources = [
        {"parent": "organizations/x", "informationResourceId": "a", "informationResource": {}},
        {"parent": "organizations/x", "informationResourceId": "b", "informationResource": {}},
    ]
    fine = {"organizations/x/resources/b": ["organizations/x/resources/a"]}
    assert (
        demo.read_catalogue(
            write(tmp_path, {"informationResources": resources, "relatedResources": fine})
        ).related
        == fine
    )
    backwards = {"organizations/x/resources/a": ["organizations/x/resources/b"]}
    with pytest.raises(demo.LoadError, match="not a resource listed before it"):
        demo.read_catalogue(
            write(tmp_path, {"informationResources": resources, "relatedResources": backwards})
        )


def test_an_unknown_field_names_its_entry(tmp_path) -> None:
    path = write(tmp_path, {"duties": [{"parent": "organizations/x", "dutyId": "d", "bogus": 1}]})
    with pytest.raises(demo.LoadError, match=r"duties\[0\]"):
        demo.read_catalogue(path)


def test_last_use_moves_forward_by_the_days_since_the_inventory() -> None:
    request = c.CreateInformationSystemRequest(parent="organizations/x", information_system_id="s")
    request.information_system.last_used_time.FromDatetime(datetime(2026, 11, 20, 9, 30))
    moved = demo.rebased_last_use(request, date(2026, 11, 20), date(2027, 3, 1))
    assert moved.information_system.last_used_time.ToDatetime(tzinfo=UTC) == datetime(
        2027, 3, 1, 9, 30, tzinfo=UTC
    )
    assert request.information_system.last_used_time.ToDatetime().day == 20  # not changed
    same_day = demo.rebased_last_use(request, date(2026, 11, 20), date(2026, 11, 20))
    assert same_day is request


def test_differing_fields_compare_only_what_the_file_sets() -> None:
    wanted = c.InformationResource(
        display_name="户籍人口基本信息", duties=["organizations/x/duties/d"]
    )
    stored = c.InformationResource(
        name="organizations/x/resources/r",
        display_name="户籍人口基本信息",
        duties=["organizations/x/duties/d"],
        resource_code="101001/000001",
        state=c.RESOURCE_STATE_PUBLISHED,
    )
    assert demo.differing_fields(demo.RESOURCES, wanted, stored) == []
    stored.duties[:] = []
    stored.abstract = "changed by someone"
    assert demo.differing_fields(demo.RESOURCES, wanted, stored) == ["duties"]


def test_fields_the_loader_manages_are_never_differences() -> None:
    wanted = c.Duty(display_name="最低生活保障对象认定", systems=["organizations/x/systems/s"])
    assert (
        demo.differing_fields(demo.DUTIES, wanted, c.Duty(display_name="最低生活保障对象认定"))
        == []
    )
    system = c.InformationSystem(display_name="社会救助管理信息系统")
    system.last_used_time.FromDatetime(datetime(2026, 11, 20))
    stored = c.InformationSystem(display_name="社会救助管理信息系统")
    assert demo.differing_fields(demo.SYSTEMS, system, stored) == []


def test_entry_names() -> None:
    assert demo.ORGANIZATIONS.name(c.CreateOrganizationRequest(organization_id="hx-mzj")) == (
        "organizations/hx-mzj"
    )
    assert (
        demo.DEMANDS.name(
            c.CreateSharingDemandRequest(parent="organizations/hx-mzj", sharing_demand_id="hd-tax")
        )
        == "organizations/hx-mzj/demands/hd-tax"
    )


def loader() -> demo.Loader:
    return demo.Loader(grpc.insecure_channel("127.0.0.1:9"), "127.0.0.1:9")  # never called


def test_a_claim_another_provider_holds_is_left_out_and_reported() -> None:
    request = c.CreateInformationResourceRequest(
        parent="organizations/hx-gafj", information_resource_id="household-population"
    )
    for name in ("公民身份号码", "姓名", "户号"):
        request.information_resource.data_items.add(name=name, authoritative=True)
    refused = demo.Refused(
        grpc.StatusCode.INVALID_ARGUMENT,
        "公民身份号码 is authoritative at organizations/other already",
        ("information_resource.data_items[0].authoritative",),
    )
    load = loader()
    copy = load.without_claims(demo.RESOURCES, request, demo.RESOURCES.name(request), refused)
    assert [i.authoritative for i in copy.information_resource.data_items] == [False, True, True]
    assert request.information_resource.data_items[0].authoritative  # the file's is untouched
    assert load.yielded == ["公民身份号码 (organizations/hx-gafj/resources/household-population)"]


def test_any_other_refusal_stops_the_load() -> None:
    request = c.CreateInformationResourceRequest(
        parent="organizations/hx-gafj", information_resource_id="r"
    )
    refused = demo.Refused(
        grpc.StatusCode.INVALID_ARGUMENT,
        "bad classification",
        ("information_resource.classification.classification_code",),
    )
    with pytest.raises(demo.LoadError, match="bad classification"):
        loader().without_claims(demo.RESOURCES, request, "r", refused)
