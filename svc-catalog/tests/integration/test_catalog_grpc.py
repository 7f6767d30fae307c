"""Error codes and audit over real gRPC, on the real store: what a calling system relies on."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2
from govdata.runtime.events import parse_envelope

from .conftest import CALLER, credit_code

CODE = credit_code(7)


def org(code: str = CODE) -> c.Organization:
    return c.Organization(
        display_name="海新区民政局",
        unified_social_credit_code=code,
        kind=c.ORGANIZATION_KIND_DEPARTMENT,
    )


def resource(**fields) -> c.InformationResource:
    res = c.InformationResource(
        display_name="最低生活保障对象信息",
        abstract="低保对象家庭及成员信息",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_THEME, classification_code="203001"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_CONDITIONAL,
            share_method=cm.SHARE_METHOD_INTERFACE,
            conditions="用于社会救助核对",
            legal_basis="《社会救助暂行办法》",
        ),
    )
    for key, value in fields.items():
        setattr(res, key, value)
    return res


def violations(error: grpc.RpcError) -> list[str]:
    status = rpc_status.from_call(error)
    fields = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields += [v.field for v in bad.field_violations]
    return fields


def call(method, request):
    with pytest.raises(grpc.RpcError) as caught:
        method(request, metadata=CALLER)
    return caught.value


def test_bad_credit_code_is_invalid_argument_naming_the_field_and_writes_nothing(stub) -> None:
    error = call(
        stub.CreateOrganization,
        c.CreateOrganizationRequest(
            organization_id="minzheng",
            organization=org(CODE[:17] + ("0" if CODE[17] != "0" else "1")),
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(error) == ["organization.unified_social_credit_code"]
    assert "Traceback" not in error.details()
    missing = call(stub.GetOrganization, c.GetOrganizationRequest(name="organizations/minzheng"))
    assert missing.code() == grpc.StatusCode.NOT_FOUND


def test_unknown_enum_and_empty_required_field(stub) -> None:
    stub.CreateOrganization(
        c.CreateOrganizationRequest(organization_id="minzheng", organization=org()), metadata=CALLER
    )
    error = call(
        stub.CreateInformationResource,
        c.CreateInformationResourceRequest(
            parent="organizations/minzheng",
            information_resource=resource(format=42, display_name=""),
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(error)) == {
        "information_resource.format",
        "information_resource.display_name",
    }
    listed = stub.ListInformationResources(
        c.ListInformationResourcesRequest(parent="organizations/-"), metadata=CALLER
    )
    assert listed.total_size == 0


def test_oversize_field_and_oversize_message(stub) -> None:
    stub.CreateOrganization(
        c.CreateOrganizationRequest(organization_id="minzheng", organization=org()), metadata=CALLER
    )
    error = call(
        stub.CreateInformationResource,
        c.CreateInformationResourceRequest(
            parent="organizations/minzheng", information_resource=resource(abstract="长" * 5000)
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(error) == ["information_resource.abstract"]
    # Past the transport limit (1 MiB in this fixture) gRPC refuses before any handler runs.
    huge = call(
        stub.CreateInformationResource,
        c.CreateInformationResourceRequest(
            parent="organizations/minzheng", information_resource=resource(abstract="长" * 600_000)
        ),
    )
    assert huge.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_duplicate_stale_and_unknown(stub) -> None:
    stub.CreateOrganization(
        c.CreateOrganizationRequest(organization_id="minzheng", organization=org()), metadata=CALLER
    )
    again = call(
        stub.CreateOrganization,
        c.CreateOrganizationRequest(organization_id="minzheng", organization=org()),
    )
    assert again.code() == grpc.StatusCode.ALREADY_EXISTS

    imported = resource(resource_code="203001/000009")
    created = stub.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent="organizations/minzheng", information_resource=imported
        ),
        metadata=CALLER,
    )
    duplicate = call(
        stub.CreateInformationResource,
        c.CreateInformationResourceRequest(
            parent="organizations/minzheng", information_resource=imported
        ),
    )
    assert duplicate.code() == grpc.StatusCode.ALREADY_EXISTS

    patch = c.InformationResource(name=created.name, etag=created.etag, abstract="更新后的摘要")
    stub.UpdateInformationResource(
        c.UpdateInformationResourceRequest(
            information_resource=patch, update_mask=field_mask_pb2.FieldMask(paths=["abstract"])
        ),
        metadata=CALLER,
    )
    stale = call(
        stub.UpdateInformationResource,
        c.UpdateInformationResourceRequest(
            information_resource=patch, update_mask=field_mask_pb2.FieldMask(paths=["abstract"])
        ),
    )
    assert stale.code() == grpc.StatusCode.ABORTED

    unknown = call(
        stub.GetInformationResource,
        c.GetInformationResourceRequest(name="organizations/minzheng/resources/nope"),
    )
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    malformed = call(
        stub.GetInformationResource, c.GetInformationResourceRequest(name="resources/x")
    )
    assert malformed.code() == grpc.StatusCode.INVALID_ARGUMENT and violations(malformed) == [
        "name"
    ]


def test_calls_without_identity_are_refused(stub) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stub.ListOrganizations(c.ListOrganizationsRequest())
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_every_call_is_audited_durably_with_its_request_id(stub, mongo_db) -> None:
    metadata = (*CALLER, ("x-request-id", "req-audit-1"))
    stub.CreateOrganization(
        c.CreateOrganizationRequest(organization_id="minzheng", organization=org()),
        metadata=metadata,
    )
    with pytest.raises(grpc.RpcError):
        stub.GetOrganization(
            c.GetOrganizationRequest(name="organizations/nope"),
            metadata=(*CALLER, ("x-request-id", "req-audit-2")),
        )
    records = {}
    for document in mongo_db["audit_outbox"].find():
        payload = events_pb2.AccessRecorded()
        parse_envelope(document["_outbox"][0]["body"]).payload.Unpack(payload)
        records[payload.request_id] = payload
    assert records["req-audit-1"].outcome == "OK"
    assert records["req-audit-1"].resource == "organizations/minzheng"
    # The caller is the registered calling system its certificate subject names.
    assert records["req-audit-1"].actor.system == "callingSystems/district-portal"
    assert records["req-audit-1"].actor.organization == "organizations/hx-dsjzx"
    assert records["req-audit-1"].method.endswith("CreateOrganization")
    assert records["req-audit-2"].outcome == "NOT_FOUND"
