"""The registry of calling systems and the own_organization condition over real gRPC."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2
from govdata.runtime import outbox, registry
from govdata.runtime.events import parse_envelope

from .conftest import AUDITOR, CALLER, EDITOR, credit_code

ORG = "organizations/minzheng"


def failure(method, request, metadata=CALLER) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        method(request, metadata=metadata)
    return caught.value


def violations(error: grpc.RpcError) -> list[str]:
    fields = []
    for detail in rpc_status.from_call(error).details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [v.field for v in bad.field_violations]
    return fields


def reason(error: grpc.RpcError) -> str:
    for detail in rpc_status.from_call(error).details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info.reason
    return ""


def add_org(stub, org_id: str, n: int, kind=c.ORGANIZATION_KIND_DEPARTMENT, parent="") -> str:
    stub.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=org_id,
            organization=c.Organization(
                display_name=org_id,
                unified_social_credit_code=credit_code(n),
                kind=kind,
                parent=parent,
            ),
        ),
        metadata=CALLER,
    )
    return f"organizations/{org_id}"


def dibao(subject: str = "mz-dibao") -> c.CallingSystem:
    return c.CallingSystem(
        display_name="民政局低保业务系统",
        certificate_subject=subject,
        organization=ORG,
        roles=["verifier", "data_consumer"],
        rate_limit_per_second=10,
    )


def test_crud_over_grpc(stub, mongo_db) -> None:
    add_org(stub, "minzheng", 901)
    created = stub.CreateCallingSystem(
        c.CreateCallingSystemRequest(calling_system_id="mz-dibao", calling_system=dibao()),
        metadata=CALLER,
    )
    assert created.name == "callingSystems/mz-dibao"
    assert created.state == c.CALLING_SYSTEM_STATE_ACTIVE and created.revision == 1
    got = stub.GetCallingSystem(c.GetCallingSystemRequest(name=created.name), metadata=CALLER)
    assert got == created

    listed = stub.ListCallingSystems(
        c.ListCallingSystemsRequest(organization=ORG, page_size=10), metadata=CALLER
    )
    # The seeded department catalogue system (conftest) acts for the same organisation.
    assert [s.name for s in listed.calling_systems] == [
        "callingSystems/minzheng-catalogue",
        created.name,
    ]
    assert listed.total_size == 2 and not listed.next_page_token
    everything = stub.ListCallingSystems(c.ListCallingSystemsRequest(), metadata=CALLER)
    assert everything.total_size == 4  # with the three the seed registered

    suspended = stub.UpdateCallingSystem(
        c.UpdateCallingSystemRequest(
            calling_system=c.CallingSystem(
                name=created.name, etag=created.etag, state=c.CALLING_SYSTEM_STATE_SUSPENDED
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["state"]),
        ),
        metadata=CALLER,
    )
    assert suspended.state == c.CALLING_SYSTEM_STATE_SUSPENDED and suspended.revision == 2
    only = stub.ListCallingSystems(
        c.ListCallingSystemsRequest(state=c.CALLING_SYSTEM_STATE_SUSPENDED), metadata=CALLER
    )
    assert [s.name for s in only.calling_systems] == [created.name]

    stale = failure(
        stub.DeleteCallingSystem,
        c.DeleteCallingSystemRequest(name=created.name, etag=created.etag),
    )
    assert stale.code() == grpc.StatusCode.ABORTED
    stub.DeleteCallingSystem(
        c.DeleteCallingSystemRequest(name=created.name, etag=suspended.etag), metadata=CALLER
    )
    gone = failure(stub.GetCallingSystem, c.GetCallingSystemRequest(name=created.name))
    assert gone.code() == grpc.StatusCode.NOT_FOUND

    document = mongo_db[registry.COLLECTION].find_one({"_id": created.name})
    kinds = []
    for item in document[outbox.OUTBOX]:
        envelope = parse_envelope(item["body"])
        payload = events_pb2.CallingSystemChanged()
        envelope.payload.Unpack(payload)
        kinds.append(payload.kind)
        assert envelope.actor.system == "callingSystems/district-portal"
        assert envelope.event_type == "gov.events.v1.CallingSystemChanged"
    assert kinds == [
        events_pb2.CHANGE_KIND_CREATED,
        events_pb2.CHANGE_KIND_UPDATED,
        events_pb2.CHANGE_KIND_DELETED,
    ]


def test_invalid_requests_name_the_fields_and_write_nothing(stub, mongo_db) -> None:
    bad = c.CallingSystem(
        display_name="",
        certificate_subject="mz dibao",
        organization="organizations/nobody",
        roles=["verifier", "superuser", "verifier"],
        rate_limit_per_second=-1,
        information_system="organizations/nobody/resources/x",
    )
    error = failure(
        stub.CreateCallingSystem,
        c.CreateCallingSystemRequest(calling_system_id="mz-dibao", calling_system=bad),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(error)) == {
        "calling_system.display_name",
        "calling_system.certificate_subject",
        "calling_system.roles[1]",
        "calling_system.roles[2]",
        "calling_system.rate_limit_per_second",
        "calling_system.information_system",
    }
    # Well-formed, but the organisation does not exist: named like any broken reference.
    missing = failure(
        stub.CreateCallingSystem,
        c.CreateCallingSystemRequest(calling_system_id="mz-dibao", calling_system=dibao()),
    )
    assert missing.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(missing) == ["calling_system.organization"]
    assert mongo_db[registry.COLLECTION].count_documents({"_id": "callingSystems/mz-dibao"}) == 0


def test_subject_uniqueness_and_immutability(stub) -> None:
    add_org(stub, "minzheng", 902)
    first = stub.CreateCallingSystem(
        c.CreateCallingSystemRequest(calling_system_id="mz-dibao", calling_system=dibao()),
        metadata=CALLER,
    )
    taken = failure(
        stub.CreateCallingSystem,
        c.CreateCallingSystemRequest(calling_system_id="mz-dibao-2", calling_system=dibao()),
    )
    assert taken.code() == grpc.StatusCode.ALREADY_EXISTS
    seeded_subject = failure(
        stub.CreateCallingSystem,
        c.CreateCallingSystemRequest(
            calling_system_id="impostor", calling_system=dibao("district-portal")
        ),
    )
    assert seeded_subject.code() == grpc.StatusCode.ALREADY_EXISTS

    moved = failure(
        stub.UpdateCallingSystem,
        c.UpdateCallingSystemRequest(
            calling_system=c.CallingSystem(
                name=first.name, organization="organizations/hx-dsjzx", roles=["auditor"]
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["organization", "roles"]),
        ),
    )
    assert moved.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(moved) == ["calling_system.organization"]
    renamed = failure(
        stub.UpdateCallingSystem,
        c.UpdateCallingSystemRequest(
            calling_system=c.CallingSystem(name=first.name, certificate_subject="other")
        ),
    )
    assert violations(renamed) == ["calling_system.certificate_subject"]
    unchanged = stub.GetCallingSystem(c.GetCallingSystemRequest(name=first.name), metadata=CALLER)
    assert unchanged == first

    stub.DeleteCallingSystem(c.DeleteCallingSystemRequest(name=first.name), metadata=CALLER)
    reused = stub.CreateCallingSystem(
        c.CreateCallingSystemRequest(calling_system_id="mz-dibao-2", calling_system=dibao()),
        metadata=CALLER,
    )
    assert reused.certificate_subject == first.certificate_subject


def test_paging_over_grpc(stub) -> None:
    add_org(stub, "minzheng", 903)
    for i in range(5):
        stub.CreateCallingSystem(
            c.CreateCallingSystemRequest(
                calling_system_id=f"mz-{i}", calling_system=dibao(f"mz-{i}")
            ),
            metadata=CALLER,
        )
    names, token = [], ""
    while True:
        page = stub.ListCallingSystems(
            c.ListCallingSystemsRequest(organization=ORG, page_size=2, page_token=token),
            metadata=CALLER,
        )
        assert page.total_size == 6 and len(page.calling_systems) <= 2
        names += [s.name for s in page.calling_systems]
        token = page.next_page_token
        if not token:
            break
    assert names == ["callingSystems/minzheng-catalogue"] + [
        f"callingSystems/mz-{i}" for i in range(5)
    ]
    bad = failure(stub.ListCallingSystems, c.ListCallingSystemsRequest(organization="minzheng"))
    assert violations(bad) == ["organization"]


def test_only_the_platform_administration_keeps_the_registry(stub) -> None:
    add_org(stub, "minzheng", 904)
    request = c.CreateCallingSystemRequest(calling_system_id="mz-dibao", calling_system=dibao())
    for who in (EDITOR, AUDITOR):
        denied = failure(stub.CreateCallingSystem, request, metadata=who)
        assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
    # The audit office reads it.
    listed = stub.ListCallingSystems(c.ListCallingSystemsRequest(), metadata=AUDITOR)
    assert listed.total_size == 3
    stranger = failure(
        stub.ListCallingSystems,
        c.ListCallingSystemsRequest(),
        metadata=(("x-gov-system", "not-registered"),),
    )
    assert stranger.code() == grpc.StatusCode.UNAUTHENTICATED


def resource() -> c.InformationResource:
    return c.InformationResource(
        display_name="最低生活保障对象信息",
        abstract="低保对象家庭及成员信息",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_THEME, classification_code="203001"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
    )


def test_a_department_system_maintains_only_its_own_tree(stub) -> None:
    district = add_org(stub, "hx", 905, kind=c.ORGANIZATION_KIND_GOVERNMENT)
    minzheng = add_org(stub, "minzheng", 906, parent=district)
    gongan = add_org(stub, "gongan", 907, parent=district)
    office = add_org(
        stub, "dibao-ke", 908, kind=c.ORGANIZATION_KIND_INTERNAL_OFFICE, parent=minzheng
    )

    own = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(parent=minzheng, information_resource=resource()),
        metadata=EDITOR,
    )
    below = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(parent=office, information_resource=resource()),
        metadata=EDITOR,
    )
    assert own.provider == minzheng and below.provider == office
    stub.SubmitInformationResource(
        c.SubmitInformationResourceRequest(name=own.name, etag=own.etag), metadata=EDITOR
    )

    for target in (gongan, district, "organizations/nobody"):
        denied = failure(
            stub.CreateInformationResource,
            c.CreateInformationResourceRequest(parent=target, information_resource=resource()),
            metadata=EDITOR,
        )
        assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
        assert reason(denied) == "CONDITION_NOT_MET"
        assert f"{target} is neither your organisation" in denied.details()
    unnamed = failure(
        stub.CreateInformationResource,
        c.CreateInformationResourceRequest(parent="", information_resource=resource()),
        metadata=EDITOR,
    )
    assert unnamed.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "names no organisation to check against your own" in unnamed.details()

    # Publication stays with the data authority, whatever the tree says.
    publish = failure(
        stub.PublishInformationResource,
        c.PublishInformationResourceRequest(name=own.name),
        metadata=EDITOR,
    )
    assert publish.code() == grpc.StatusCode.PERMISSION_DENIED
    assert reason(publish) == "ROLE_NOT_ALLOWED"


def test_a_system_registered_over_the_api_is_admitted_at_once(stub, monkeypatch) -> None:
    add_org(stub, "minzheng", 909)
    reader = (("x-gov-system", "mz-reader"),)
    # Not registered yet: refused, and the registry copy was just reloaded for the miss; a
    # miss may reload it again only after an hour here, so only the write can make it see.
    monkeypatch.setattr(registry, "_MISS_RELOAD_SECONDS", 3600.0)
    with pytest.raises(grpc.RpcError) as refused:
        stub.ListOrganizations(c.ListOrganizationsRequest(), metadata=reader)
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    stub.CreateCallingSystem(
        c.CreateCallingSystemRequest(
            calling_system_id="mz-reader",
            calling_system=c.CallingSystem(
                display_name="民政局门户",
                certificate_subject="mz-reader",
                organization=ORG,
                roles=["catalog_reader"],
            ),
        ),
        metadata=CALLER,
    )
    # the registry write reloaded this api's copy: the very next call is admitted
    listed = stub.ListOrganizations(c.ListOrganizationsRequest(), metadata=reader)
    assert [o.name for o in listed.organizations] == [ORG]
