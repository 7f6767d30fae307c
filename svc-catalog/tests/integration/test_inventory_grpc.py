"""Duties, systems, demands, visibility and history over real gRPC, on the real store: what a
department's catalogue system and the data authority rely on."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2
from govdata.runtime import outbox
from govdata.runtime.events import parse_envelope

from .conftest import AUDITOR, CALLER, EDITOR, credit_code

MZ = "organizations/minzheng"
GA = "organizations/gongan"


def violations(error: grpc.RpcError) -> list[str]:
    fields = []
    for detail in rpc_status.from_call(error).details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [v.field for v in bad.field_violations]
    return fields


def refused(method, request, metadata=CALLER) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        method(request, metadata=metadata)
    return caught.value


@pytest.fixture
def district(stub) -> None:
    for n, (org_id, title, kind, parent) in enumerate(
        (
            ("zf", "海新区人民政府", c.ORGANIZATION_KIND_GOVERNMENT, ""),
            ("minzheng", "海新区民政局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf"),
            ("gongan", "海新区公安分局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf"),
            ("minzheng-jzk", "社会救助科", c.ORGANIZATION_KIND_INTERNAL_OFFICE, MZ),
        )
    ):
        stub.CreateOrganization(
            c.CreateOrganizationRequest(
                organization_id=org_id,
                organization=c.Organization(
                    display_name=title,
                    unified_social_credit_code=credit_code(300 + n),
                    kind=kind,
                    parent=parent,
                ),
            ),
            metadata=CALLER,
        )


def resource(title: str, authoritative: bool = False) -> c.InformationResource:
    return c.InformationResource(
        display_name=title,
        abstract=f"{title}：权利人、坐落、面积",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="103001001"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_CONDITIONAL,
            share_method=cm.SHARE_METHOD_INTERFACE,
            conditions="限于履行法定职责",
            legal_basis="《不动产登记暂行条例》第二十七条",
        ),
        data_items=[
            c.DataItem(
                name="不动产单元号",
                type=cm.DATA_ITEM_TYPE_CHARACTER,
                length=28,
                authoritative=authoritative,
            )
        ],
    )


def test_a_department_keeps_its_duties_systems_and_demands(stub, district, mongo_db) -> None:
    # The department's own catalogue system (catalog_editor, own organisation only).
    duty = stub.CreateDuty(
        c.CreateDutyRequest(
            parent=MZ,
            duty_id="dibao",
            duty=c.Duty(
                display_name="最低生活保障对象认定",
                kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION,
                responsible_office="organizations/minzheng-jzk",
            ),
        ),
        metadata=EDITOR,
    )
    system = stub.CreateInformationSystem(
        c.CreateInformationSystemRequest(
            parent=MZ,
            information_system_id="dibao",
            information_system=c.InformationSystem(
                display_name="低保业务管理系统",
                function="低保申请受理、审核审批",
                duties=[duty.name],
                networks=[cm.NETWORK_GOVERNMENT_EXTRANET],
            ),
        ),
        metadata=EDITOR,
    )
    updated = stub.UpdateDuty(
        c.UpdateDutyRequest(
            duty=c.Duty(name=duty.name, etag=duty.etag, systems=[system.name]),
            update_mask=field_mask_pb2.FieldMask(paths=["systems"]),
        ),
        metadata=EDITOR,
    )
    assert list(updated.systems) == [system.name] and updated.revision == 2
    demand = stub.CreateSharingDemand(
        c.CreateSharingDemandRequest(
            parent=MZ,
            sharing_demand=c.SharingDemand(
                display_name="核查车辆",
                duty=duty.name,
                expected_provider=GA,
                description="申请家庭名下机动车",
                data_items=["号牌号码"],
            ),
        ),
        metadata=EDITOR,
    )
    assert demand.state == c.DEMAND_STATE_OPEN and demand.name.startswith(f"{MZ}/demands/q-")
    assert stub.GetSharingDemand(c.GetSharingDemandRequest(name=demand.name), metadata=AUDITOR)

    listed = stub.ListDuties(c.ListDutiesRequest(parent="organizations/-"), metadata=AUDITOR)
    assert [d.name for d in listed.duties] == [duty.name] and listed.total_size == 1
    systems = stub.ListInformationSystems(
        c.ListInformationSystemsRequest(parent=MZ, status=c.SYSTEM_STATUS_UNSPECIFIED),
        metadata=AUDITOR,
    )
    assert [s.name for s in systems.information_systems] == [system.name]
    demands = stub.ListSharingDemands(
        c.ListSharingDemandsRequest(parent=MZ, expected_provider=GA), metadata=AUDITOR
    )
    assert [d.name for d in demands.sharing_demands] == [demand.name]

    # Not its organisation: the access policy's own_organization condition.
    other = refused(
        stub.CreateDuty,
        c.CreateDutyRequest(parent=GA, duty=c.Duty(display_name="x", kind=c.DUTY_KIND_OTHER_POWER)),
        EDITOR,
    )
    assert other.code() == grpc.StatusCode.PERMISSION_DENIED

    # Every change announced in the same document.
    document = mongo_db["duties"].find_one({"_id": duty.name})
    payloads = []
    for item in document[outbox.OUTBOX]:
        payload = events_pb2.DutyChanged()
        parse_envelope(item["body"]).payload.Unpack(payload)
        payloads.append((payload.kind, list(payload.changed_fields)))
    assert payloads == [
        (events_pb2.CHANGE_KIND_CREATED, []),
        (events_pb2.CHANGE_KIND_UPDATED, ["systems"]),
    ]

    stub.DeleteSharingDemand(c.DeleteSharingDemandRequest(name=demand.name), metadata=EDITOR)
    in_use = refused(stub.DeleteDuty, c.DeleteDutyRequest(name=duty.name), EDITOR)
    assert in_use.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_bad_input_names_every_field_and_writes_nothing(stub, district) -> None:
    error = refused(
        stub.CreateInformationSystem,
        c.CreateInformationSystemRequest(
            parent=MZ,
            information_system=c.InformationSystem(
                display_name="",
                function="系统",
                scope=77,
                duties=[f"{MZ}/duties/ghost"],
            ),
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(error)) == {
        "information_system.display_name",
        "information_system.scope",
    }
    missing = refused(
        stub.CreateInformationSystem,
        c.CreateInformationSystemRequest(
            parent=MZ,
            information_system=c.InformationSystem(
                display_name="系统", function="系统", duties=[f"{MZ}/duties/ghost"]
            ),
        ),
    )
    assert violations(missing) == ["information_system.duties[0]"]
    empty = stub.ListInformationSystems(
        c.ListInformationSystemsRequest(parent="organizations/-"), metadata=CALLER
    )
    assert empty.total_size == 0
    unknown = refused(stub.GetDuty, c.GetDutyRequest(name=f"{MZ}/duties/ghost"))
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    malformed = refused(stub.GetDuty, c.GetDutyRequest(name=f"{MZ}/systems/x"))
    assert malformed.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_unpublished_resources_of_others_are_not_found_and_not_listed(stub, district) -> None:
    draft = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(parent=GA, information_resource=resource("不动产权利")),
        metadata=CALLER,
    )
    own = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(parent=MZ, information_resource=resource("低保房产")),
        metadata=EDITOR,
    )
    hidden = refused(
        stub.GetInformationResource, c.GetInformationResourceRequest(name=draft.name), EDITOR
    )
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    assert stub.GetInformationResource(
        c.GetInformationResourceRequest(name=own.name), metadata=EDITOR
    )
    seen = stub.ListInformationResources(
        c.ListInformationResourcesRequest(parent="organizations/-"), metadata=EDITOR
    )
    assert [r.name for r in seen.information_resources] == [own.name] and seen.total_size == 1
    audit_view = stub.ListInformationResources(
        c.ListInformationResourcesRequest(parent="organizations/-"), metadata=AUDITOR
    )
    assert audit_view.total_size == 0

    submitted = stub.SubmitInformationResource(
        c.SubmitInformationResourceRequest(name=draft.name), metadata=CALLER
    )
    published = stub.PublishInformationResource(
        c.PublishInformationResourceRequest(name=submitted.name), metadata=CALLER
    )
    assert [s.state for s in published.state_changes] == [
        c.RESOURCE_STATE_SUBMITTED,
        c.RESOURCE_STATE_PUBLISHED,
    ]
    assert published.state_changes[1].actor.system == "callingSystems/district-portal"
    assert published.state_changes[1].actor.person == "clerk-007"
    assert (
        stub.GetInformationResource(
            c.GetInformationResourceRequest(name=draft.name), metadata=EDITOR
        ).state
        == c.RESOURCE_STATE_PUBLISHED
    )
    assert (
        stub.ListInformationResources(
            c.ListInformationResourcesRequest(parent="organizations/-"), metadata=AUDITOR
        ).total_size
        == 1
    )


def test_one_datum_one_source_over_grpc(stub, district) -> None:
    first = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=GA, information_resource=resource("不动产权利", authoritative=True)
        ),
        metadata=CALLER,
    )
    error = refused(
        stub.CreateInformationResource,
        c.CreateInformationResourceRequest(
            parent=MZ, information_resource=resource("低保房产", authoritative=True)
        ),
        EDITOR,
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(error) == ["information_resource.data_items[0].authoritative"]
    assert GA in error.details() and first.name in error.details()


def test_history_over_grpc_keeps_a_deleted_entity(stub, district) -> None:
    duty = stub.CreateDuty(
        c.CreateDutyRequest(
            parent=MZ,
            duty_id="dibao",
            duty=c.Duty(display_name="低保认定", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION),
        ),
        metadata=EDITOR,
    )
    renamed = stub.UpdateDuty(
        c.UpdateDutyRequest(
            duty=c.Duty(name=duty.name, display_name="最低生活保障对象认定"),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name"]),
        ),
        metadata=EDITOR,
    )
    stub.DeleteDuty(c.DeleteDutyRequest(name=duty.name, etag=renamed.etag), metadata=CALLER)
    first = stub.GetHistory(c.GetHistoryRequest(name=duty.name, page_size=2), metadata=AUDITOR)
    assert [(v.revision, v.kind) for v in first.versions] == [
        (3, c.VERSION_KIND_DELETED),
        (2, c.VERSION_KIND_UPDATED),
    ]
    assert first.versions[0].actor.system == "callingSystems/district-portal"
    assert first.versions[1].actor.system == "callingSystems/minzheng-catalogue"
    assert first.versions[1].actor.person == "clerk-008"
    [change] = first.versions[1].changes
    assert (change.field, change.before_json, change.after_json) == (
        "display_name",
        '"低保认定"',
        '"最低生活保障对象认定"',
    )
    rest = stub.GetHistory(
        c.GetHistoryRequest(name=duty.name, page_size=2, page_token=first.next_page_token),
        metadata=AUDITOR,
    )
    assert [v.kind for v in rest.versions] == [c.VERSION_KIND_CREATED]
    assert rest.next_page_token == ""
    never = refused(stub.GetHistory, c.GetHistoryRequest(name=f"{MZ}/duties/never"), AUDITOR)
    assert never.code() == grpc.StatusCode.NOT_FOUND


def test_the_history_of_a_calling_system_is_for_registry_readers(stub, district) -> None:
    name = "callingSystems/minzheng-catalogue"  # registered by the seed at start
    denied = refused(stub.GetHistory, c.GetHistoryRequest(name=name), EDITOR)
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    seen = stub.GetHistory(c.GetHistoryRequest(name=name), metadata=AUDITOR)
    assert [v.kind for v in seen.versions] == [c.VERSION_KIND_CREATED]
