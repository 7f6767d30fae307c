"""Duties, information systems and sharing demands on the real MongoDB-protocol server."""

from __future__ import annotations

import uuid

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2
from govdata.catalog.demands import SharingDemands
from govdata.catalog.duties import Duties
from govdata.catalog.systems import InformationSystems
from govdata.runtime import context, outbox
from govdata.runtime.context import CallContext
from govdata.runtime.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from govdata.runtime.events import parse_envelope

from .conftest import credit_code

MZ = "organizations/minzheng"
GA = "organizations/gongan"
OFFICE = "organizations/minzheng-jzk"
_serial = iter(range(500, 10_000))


@pytest.fixture
def duties(store) -> Duties:
    return Duties(store)


@pytest.fixture
def systems(store) -> InformationSystems:
    return InformationSystems(store)


@pytest.fixture
def demands(store) -> SharingDemands:
    return SharingDemands(store)


@pytest.fixture
def orgs(catalog) -> None:
    """A government with two departments; civil affairs has an internal office."""

    def org(org_id: str, title: str, kind: int, parent: str = "") -> None:
        catalog.create_organization(
            org_id,
            c.Organization(
                display_name=title,
                unified_social_credit_code=credit_code(next(_serial)),
                kind=kind,
                parent=parent,
            ),
        )

    org("zf", "海新区人民政府", c.ORGANIZATION_KIND_GOVERNMENT)
    org("minzheng", "海新区民政局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf")
    org("gongan", "海新区公安分局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf")
    org("minzheng-jzk", "社会救助科", c.ORGANIZATION_KIND_INTERNAL_OFFICE, MZ)
    org("gongan-jgk", "交通管理科", c.ORGANIZATION_KIND_INTERNAL_OFFICE, GA)


def duty(title: str = "最低生活保障对象认定", **fields) -> c.Duty:
    value = c.Duty(display_name=title, kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    for key, item in fields.items():
        if isinstance(item, list):
            getattr(value, key).extend(item)
        else:
            setattr(value, key, item)
    return value


def system(title: str = "低保业务管理系统", **fields) -> c.InformationSystem:
    value = c.InformationSystem(
        display_name=title, function="低保申请受理与审批", status=c.SYSTEM_STATUS_IN_OPERATION
    )
    for key, item in fields.items():
        if isinstance(item, list):
            getattr(value, key).extend(item)
        else:
            setattr(value, key, item)
    return value


def demand(duty_name: str, **fields) -> c.SharingDemand:
    value = c.SharingDemand(
        display_name="核查车辆登记", duty=duty_name, description="核查申请家庭名下机动车"
    )
    for key, item in fields.items():
        if isinstance(item, list):
            getattr(value, key).extend(item)
        else:
            setattr(value, key, item)
    return value


def events(mongo_db, collection: str, name: str, payload_type) -> list:
    document = mongo_db[collection].find_one({"_id": name})
    found = []
    for item in document.get(outbox.OUTBOX, []):
        payload = payload_type()
        assert parse_envelope(item["body"]).payload.Unpack(payload)
        found.append(payload)
    return found


def violations(caught) -> dict[str, str]:
    return {v.field: v.description for v in caught.value.violations}


# -- duties -------------------------------------------------------------------------------------


def test_duty_crud_with_events_in_the_same_document(orgs, duties, systems, mongo_db) -> None:
    dibao = systems.create(MZ, "dibao", system())
    created = duties.create(
        MZ, "dibao", duty(responsible_office=OFFICE, systems=[dibao.name], item_code="XZQR-1")
    )
    assert created.name == f"{MZ}/duties/dibao" and created.revision == 1 and created.etag
    assert duties.get(created.name) == created
    stored = mongo_db["duties"].find_one({"_id": created.name})
    assert (
        stored["organization"] == MZ and stored["kind"] == "DUTY_KIND_ADMINISTRATIVE_CONFIRMATION"
    )
    assert stored["systems"] == [dibao.name] and stored["responsible_office"] == OFFICE

    patch = c.Duty(name=created.name, etag=created.etag, description="认定城乡低保对象")
    updated = duties.update(patch, field_mask_pb2.FieldMask(paths=["description"]))
    assert updated.revision == 2 and updated.description == "认定城乡低保对象"
    assert list(updated.systems) == [dibao.name]  # untouched by the mask
    with pytest.raises(Aborted):
        duties.update(patch, field_mask_pb2.FieldMask(paths=["description"]))

    duties.delete(created.name, updated.etag)
    with pytest.raises(NotFound):
        duties.get(created.name)
    kinds = [
        (e.kind, list(e.changed_fields), e.revision)
        for e in events(mongo_db, "duties", created.name, events_pb2.DutyChanged)
    ]
    assert kinds == [
        (events_pb2.CHANGE_KIND_CREATED, [], 1),
        (events_pb2.CHANGE_KIND_UPDATED, ["description"], 2),
        (events_pb2.CHANGE_KIND_DELETED, [], 3),
    ]
    [first] = events(mongo_db, "duties", created.name, events_pb2.DutyChanged)[:1]
    assert first.duty.display_name == "最低生活保障对象认定" and first.duty.revision == 1


def test_duty_references_must_exist_and_nothing_is_written_otherwise(orgs, duties) -> None:
    with pytest.raises(InvalidArgument) as caught:
        duties.create(
            MZ,
            "d1",
            duty(
                responsible_office="organizations/gongan-jgk",  # another department's office
                systems=[f"{MZ}/systems/nope"],
            ),
        )
    found = violations(caught)
    assert "is not an internal office of organizations/minzheng" in found["duty.responsible_office"]
    assert found["duty.systems[0]"] == f"{MZ}/systems/nope does not exist"
    with pytest.raises(InvalidArgument, match="not an internal office"):
        duties.create(MZ, "d2", duty(responsible_office=GA))  # a department, not an office
    with pytest.raises(InvalidArgument, match="does not exist"):
        duties.create(MZ, "d3", duty(responsible_office="organizations/ghost"))
    assert duties.list("organizations/-", {}, 0, "")[1].total_size == 0
    with pytest.raises(NotFound):
        duties.create("organizations/ghost", "d4", duty())


def test_request_id_makes_a_create_idempotent(orgs, duties) -> None:
    request_id = str(uuid.uuid4())
    first = duties.create(MZ, "", duty(), request_id)
    again = duties.create(MZ, "", duty(), request_id)
    assert again.name == first.name and again.revision == 1
    assert duties.list(MZ, {}, 0, "")[1].total_size == 1
    with pytest.raises(AlreadyExists):
        duties.create(MZ, first.name.rsplit("/", 1)[1], duty())


def test_list_duties_by_kind_and_pages(orgs, duties) -> None:
    for i in range(5):
        duties.create(MZ, f"d{i}", duty(f"事项{i}"))
    duties.create(GA, "fine", duty("交通违法处罚", kind=c.DUTY_KIND_ADMINISTRATIVE_PENALTY))
    penalties, page = duties.list_duties(
        "organizations/-", c.DUTY_KIND_ADMINISTRATIVE_PENALTY, 0, ""
    )
    assert [d.name for d in penalties] == [f"{GA}/duties/fine"] and page.total_size == 1
    seen, token = [], ""
    while True:
        batch, page = duties.list_duties(MZ, 0, 2, token)
        seen += [d.name for d in batch]
        token = page.next_page_token
        if not token:
            break
    assert seen == [f"{MZ}/duties/d{i}" for i in range(5)]
    with pytest.raises(InvalidArgument):
        duties.list_duties(MZ, 77, 0, "")


def test_a_duty_still_named_cannot_be_deleted(orgs, duties, systems, demands) -> None:
    dibao = duties.create(MZ, "dibao", duty())
    supported = systems.create(MZ, "dibao-sys", system(duties=[dibao.name]))
    with pytest.raises(FailedPrecondition, match="1 information system") as caught:
        duties.delete(dibao.name, "")
    assert caught.value.reason == "DUTY_IN_USE"
    systems.update(
        c.InformationSystem(name=supported.name), field_mask_pb2.FieldMask(paths=["duties"])
    )
    wanted = demands.create(MZ, "cars", demand(dibao.name))
    with pytest.raises(FailedPrecondition, match="1 sharing demand"):
        duties.delete(dibao.name, "")
    demands.delete(wanted.name, "")
    duties.delete(dibao.name, "")


def test_output_only_and_unknown_mask_paths_are_refused(orgs, duties) -> None:
    created = duties.create(MZ, "d1", duty())
    for path in ("revision", "name", "nope"):
        with pytest.raises(InvalidArgument):
            duties.update(
                c.Duty(name=created.name, revision=9), field_mask_pb2.FieldMask(paths=[path])
            )
    with pytest.raises(InvalidArgument, match=r"duty\.name"):
        duties.update(c.Duty(name="organizations/minzheng/systems/x"), field_mask_pb2.FieldMask())


# -- information systems -----------------------------------------------------------------------


def test_system_crud_filters_and_assessment(orgs, systems, duties, mongo_db) -> None:
    dibao = duties.create(MZ, "dibao", duty())
    sneaky = system(duties=[dibao.name])
    sneaky.assessment.zombie_indicators.append(c.ZOMBIE_INDICATOR_IDLE)  # output-only
    sneaky.last_used_time.FromSeconds(1_700_000_000)
    created = systems.create(MZ, "dibao", sneaky)
    assert not created.HasField("assessment")
    stored = mongo_db["systems"].find_one({"_id": created.name})
    assert stored["duties"] == [dibao.name] and stored["status"] == "SYSTEM_STATUS_IN_OPERATION"
    assert stored["last_used_time"].timestamp() == 1_700_000_000
    assert stored["zombie"] is False and stored["shadow"] is False

    old = systems.create(
        MZ, "old", system("旧低保系统", status=c.SYSTEM_STATUS_MAINTENANCE_STOPPED)
    )
    stopped, page = systems.list_systems(
        "organizations/-", c.SYSTEM_STATUS_MAINTENANCE_STOPPED, False, False, 0, ""
    )
    assert [s.name for s in stopped] == [old.name] and page.total_size == 1

    verdict = c.SystemAssessment(
        zombie_indicators=[c.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED], shadow_of=[created.name]
    )
    assessed = systems.record_assessment(old.name, verdict)
    assert list(assessed.assessment.zombie_indicators) == [c.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED]
    assert [s.name for s in systems.list_systems(MZ, 0, True, False, 0, "")[0]] == [old.name]
    assert [s.name for s in systems.list_systems(MZ, 0, False, True, 0, "")[0]] == [old.name]
    # An update keeps the assessment: callers cannot set or clear it.
    renamed = systems.update(
        c.InformationSystem(name=old.name, display_name="旧低保系统（停用）"),
        field_mask_pb2.FieldMask(),
    )
    assert renamed.assessment == assessed.assessment
    with pytest.raises(InvalidArgument, match="cannot be updated"):
        systems.update(
            c.InformationSystem(name=old.name), field_mask_pb2.FieldMask(paths=["assessment"])
        )
    with pytest.raises(InvalidArgument) as bad:
        systems.record_assessment(
            old.name, c.SystemAssessment(zombie_indicators=[0, 42], shadow_of=[old.name])
        )
    assert set(violations(bad)) == {
        "assessment.zombie_indicators[0]",
        "assessment.zombie_indicators[1]",
        "assessment.shadow_of[0]",
    }
    [*_, last] = events(mongo_db, "systems", old.name, events_pb2.InformationSystemChanged)
    assert list(last.changed_fields) == ["display_name"]


def test_system_references_and_deletion(orgs, systems, duties) -> None:
    with pytest.raises(InvalidArgument) as caught:
        systems.create(MZ, "s1", system(duties=[f"{MZ}/duties/ghost", f"{GA}/duties/ghost"]))
    assert set(violations(caught)) == {
        "information_system.duties[0]",
        "information_system.duties[1]",
    }
    created = systems.create(MZ, "s1", system())
    served = duties.create(MZ, "d1", duty(systems=[created.name]))
    with pytest.raises(FailedPrecondition, match="1 duty") as refused:
        systems.delete(created.name, created.etag)
    assert refused.value.reason == "SYSTEM_IN_USE"
    duties.delete(served.name, "")
    systems.delete(created.name, created.etag)
    assert systems.list(MZ, {}, 0, "")[1].total_size == 0


# -- sharing demands ---------------------------------------------------------------------------


def test_demand_crud_default_state_and_filters(orgs, demands, duties, catalog, mongo_db) -> None:
    need = duties.create(MZ, "dibao", duty())
    cars = published_resource(catalog, GA, "vehicles")
    created = demands.create(
        MZ,
        "cars",
        demand(need.name, resource=cars.name, expected_provider=GA, data_items=["号牌号码"]),
    )
    assert created.state == c.DEMAND_STATE_OPEN
    stored = mongo_db["demands"].find_one({"_id": created.name})
    assert (stored["state"], stored["resource"], stored["expected_provider"]) == (
        "DEMAND_STATE_OPEN",
        cars.name,
        GA,
    )
    free_text = demands.create(MZ, "houses", demand(need.name, description="房产信息"))
    by_resource, _ = demands.list_demands("organizations/-", 0, cars.name, "", 0, "")
    assert [d.name for d in by_resource] == [created.name]
    by_provider, _ = demands.list_demands(MZ, 0, "", GA, 0, "")
    assert [d.name for d in by_provider] == [created.name]

    matched = demands.update(
        c.SharingDemand(name=created.name, state=c.DEMAND_STATE_MATCHED),
        field_mask_pb2.FieldMask(paths=["state"]),
    )
    assert matched.state == c.DEMAND_STATE_MATCHED
    open_ones, _ = demands.list_demands(MZ, c.DEMAND_STATE_OPEN, "", "", 0, "")
    assert [d.name for d in open_ones] == [free_text.name]
    with pytest.raises(InvalidArgument, match=r"sharing_demand\.state"):
        demands.update(
            c.SharingDemand(name=created.name), field_mask_pb2.FieldMask(paths=["state"])
        )
    with pytest.raises(InvalidArgument):
        demands.list_demands(MZ, 42, "", "", 0, "")


def test_demand_references(orgs, demands, duties, catalog) -> None:
    need = duties.create(MZ, "dibao", duty())
    cars = published_resource(catalog, GA, "vehicles")
    with pytest.raises(InvalidArgument) as caught:
        demands.create(
            MZ,
            "bad",
            demand(
                f"{MZ}/duties/ghost",
                resource=f"{GA}/resources/ghost",
                expected_provider="organizations/ghost",
            ),
        )
    assert set(violations(caught)) == {
        "sharing_demand.duty",
        "sharing_demand.resource",
        "sharing_demand.expected_provider",
    }
    with pytest.raises(InvalidArgument, match="is provided by organizations/gongan"):
        demands.create(MZ, "bad", demand(need.name, resource=cars.name, expected_provider=MZ))
    # A demand whose resource went away can still be edited (and pointed elsewhere).
    kept = demands.create(MZ, "kept", demand(need.name, resource=cars.name))
    retired = catalog.transition(cars.name, "", c.RESOURCE_STATE_RETIRED, "并入新库")
    catalog.delete_resource(retired.name, "")
    edited = demands.update(
        c.SharingDemand(name=kept.name, purpose="低保核对"), field_mask_pb2.FieldMask()
    )
    assert edited.purpose == "低保核对" and edited.resource == cars.name


def test_another_departments_draft_is_as_absent_as_in_get(orgs, demands, duties, catalog) -> None:
    need = duties.create(MZ, "dibao", duty())
    draft = catalog.create_resource(GA, "draft", resource())
    token = context.bind(CallContext(system="callingSystems/mz-editor", organization=MZ))
    try:
        with pytest.raises(InvalidArgument) as caught:
            demands.create(MZ, "q", demand(need.name, resource=draft.name))
    finally:
        context.reset(token)
    assert violations(caught) == {"sharing_demand.resource": f"{draft.name} does not exist"}
    demands.create(MZ, "q", demand(need.name, resource=draft.name))  # the service itself may


def resource() -> c.InformationResource:
    return c.InformationResource(
        display_name="机动车登记信息",
        abstract="机动车所有人、号牌与登记状态",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_DEPARTMENT, classification_code="302002001"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
        data_items=[c.DataItem(name="号牌号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=16)],
    )


def published_resource(catalog, parent: str, resource_id: str) -> c.InformationResource:
    created = catalog.create_resource(parent, resource_id, resource())
    submitted = catalog.transition(created.name, created.etag, c.RESOURCE_STATE_SUBMITTED)
    return catalog.transition(submitted.name, submitted.etag, c.RESOURCE_STATE_PUBLISHED)
