"""Identity and access on the running platform, as the data authority and departments meet it.

The administrator registers calling systems through the catalogue; every api admits them once
the registry events reach it; roles and the "own organisation" condition decide what they may
do; suspension shuts them out everywhere; denials reach the audit log.
"""

from __future__ import annotations

import time
import uuid

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from gov.search.v1 import search_pb2 as s
from gov.search.v1 import search_pb2_grpc

from .catalogue import organization, resource
from .conftest import (
    PORTS,
    admitted_everywhere,
    audit_record,
    caller,
    channel,
    eventually,
    register_system,
    status_of,
)


def reason(error: grpc.RpcError) -> str:
    status = rpc_status.from_call(error)
    info = error_details_pb2.ErrorInfo()
    for detail in status.details if status else []:
        if detail.Unpack(info):
            return info.reason
    return ""


@pytest.fixture(scope="module")
def district(catalog) -> tuple[str, str, str]:
    """Two departments (one with an internal office) created by the administrator."""
    tag = uuid.uuid4().hex[:6]
    names = []
    for i, title in enumerate(("民政局", "公安分局")):
        created = catalog.CreateOrganization(
            c.CreateOrganizationRequest(
                organization_id=f"id-{tag}-{i}", organization=organization(tag, i, title)
            ),
            metadata=caller(),
        )
        names.append(created.name)
    office = organization(tag, 9, "社会救助科")
    office.kind = c.ORGANIZATION_KIND_INTERNAL_OFFICE
    office.parent = names[0]
    created = catalog.CreateOrganization(
        c.CreateOrganizationRequest(organization_id=f"id-{tag}-office", organization=office),
        metadata=caller(),
    )
    return names[0], names[1], created.name


def test_a_registered_system_is_admitted_by_every_api_and_limited_to_its_roles(
    catalog, district
) -> None:
    system_id = f"portal-{uuid.uuid4().hex[:6]}"
    registered = register_system(catalog, system_id, ["catalog_reader"], organization=district[0])
    assert registered.name == f"callingSystems/{system_id}"
    assert registered.state == c.CALLING_SYSTEM_STATE_ACTIVE
    admitted_everywhere(system_id)

    with channel("catalog", system_id) as opened:
        portal = catalog_pb2_grpc.CatalogServiceStub(opened)
        listed = portal.ListOrganizations(c.ListOrganizationsRequest(), metadata=caller())
        assert listed.total_size >= 2
        with pytest.raises(grpc.RpcError) as denied:
            portal.CreateOrganization(c.CreateOrganizationRequest(), metadata=caller())
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert reason(denied.value) == "ROLE_NOT_ALLOWED"
    assert "catalog_reader" in denied.value.details()

    with channel("search", system_id) as opened:
        found = search_pb2_grpc.SearchServiceStub(opened).Search(
            s.SearchRequest(query="信息"), metadata=caller()
        )
    assert found.total_size >= 0


def test_a_department_edits_its_own_catalogue_and_nobody_elses(catalog, district) -> None:
    own, other, office = district
    system_id = f"editor-{uuid.uuid4().hex[:6]}"
    register_system(catalog, system_id, ["catalog_editor"], organization=own)
    admitted_everywhere(system_id)
    item = resource("低保对象信息", "低保家庭成员", 2, ["姓名", "公民身份号码"])
    with channel("catalog", system_id) as opened:
        editor = catalog_pb2_grpc.CatalogServiceStub(opened)
        mine = editor.CreateInformationResource(
            c.CreateInformationResourceRequest(parent=own, information_resource=item),
            metadata=caller(),
        )
        assert mine.name.startswith(f"{own}/")
        in_office = editor.CreateInformationResource(
            c.CreateInformationResourceRequest(parent=office, information_resource=item),
            metadata=caller(),
        )
        assert in_office.name.startswith(f"{office}/")
        with pytest.raises(grpc.RpcError) as denied:
            editor.CreateInformationResource(
                c.CreateInformationResourceRequest(parent=other, information_resource=item),
                metadata=caller(),
            )
        assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert reason(denied.value) == "CONDITION_NOT_MET"
        # Publication is the data authority's review, not the department's own act.
        submitted = editor.SubmitInformationResource(
            c.SubmitInformationResourceRequest(name=mine.name, etag=mine.etag), metadata=caller()
        )
        with pytest.raises(grpc.RpcError) as refused:
            editor.PublishInformationResource(
                c.PublishInformationResourceRequest(name=submitted.name), metadata=caller()
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # Nothing was written under the other department.
    listed = catalog.ListInformationResources(
        c.ListInformationResourcesRequest(parent=other), metadata=caller()
    )
    assert listed.total_size == 0


def test_suspension_shuts_a_system_out_everywhere_and_deletion_unregisters_it(catalog) -> None:
    system_id = f"suspend-{uuid.uuid4().hex[:6]}"
    registered = register_system(catalog, system_id, ["catalog_reader"])
    admitted_everywhere(system_id)
    suspended = catalog.UpdateCallingSystem(
        c.UpdateCallingSystemRequest(
            calling_system=c.CallingSystem(
                name=registered.name,
                etag=registered.etag,
                state=c.CALLING_SYSTEM_STATE_SUSPENDED,
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["state"]),
        ),
        metadata=caller(),
    )
    assert suspended.state == c.CALLING_SYSTEM_STATE_SUSPENDED

    def refused_everywhere(code: grpc.StatusCode) -> None:
        from .conftest import GRPC_SERVICES, PROBE_METHODS

        for service, method in PROBE_METHODS.items():
            with channel(service, system_id) as opened:
                call = opened.unary_unary(
                    f"/{GRPC_SERVICES[service]}/{method}",
                    request_serializer=lambda _: b"",
                    response_deserializer=lambda raw: raw,
                )
                assert status_of(call, None) == code, service

    eventually(lambda: refused_everywhere(grpc.StatusCode.PERMISSION_DENIED), timeout=30)
    catalog.DeleteCallingSystem(
        c.DeleteCallingSystemRequest(name=suspended.name, etag=suspended.etag), metadata=caller()
    )
    eventually(lambda: refused_everywhere(grpc.StatusCode.UNAUTHENTICATED), timeout=30)


def test_an_unregistered_certificate_is_unauthenticated(platform) -> None:
    from govdata.runtime import devpki

    from .conftest import PKI

    subject = f"stranger-{uuid.uuid4().hex[:6]}"
    devpki.issue_to(PKI, subject)
    with channel("catalog", subject) as opened, pytest.raises(grpc.RpcError) as caught:
        catalog_pb2_grpc.CatalogServiceStub(opened).ListOrganizations(
            c.ListOrganizationsRequest(), metadata=caller()
        )
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert reason(caught.value) == "CALLER_NOT_REGISTERED"


def test_plain_text_callers_are_refused(platform) -> None:
    for port in PORTS.values():
        with grpc.insecure_channel(f"127.0.0.1:{port}") as opened:
            call = opened.unary_unary("/gov.catalog.v1.CatalogService/ListOrganizations")
            with pytest.raises(grpc.RpcError) as caught:
                call(b"", timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE


def test_a_system_over_its_rate_is_told_to_retry(catalog) -> None:
    system_id = f"busy-{uuid.uuid4().hex[:6]}"
    register_system(catalog, system_id, ["catalog_reader"], rate_limit_per_second=2)
    admitted_everywhere(system_id)
    # The probes above spend this system's tokens too (one per round, until every api knows
    # it); a second refills its bucket of two, so the burst below starts from a full bucket:
    # 8 calls in far less than a second, now that a List is answered from memory.
    time.sleep(1.0)
    with channel("catalog", system_id) as opened:
        stub = catalog_pb2_grpc.CatalogServiceStub(opened)
        codes = [
            status_of(stub.ListOrganizations, c.ListOrganizationsRequest(page_size=1))
            for _ in range(8)
        ]
    assert grpc.StatusCode.OK in codes and grpc.StatusCode.RESOURCE_EXHAUSTED in codes


def test_denials_reach_the_audit_log(catalog) -> None:
    system_id = f"denied-{uuid.uuid4().hex[:6]}"
    register_system(catalog, system_id, ["catalog_reader"])
    admitted_everywhere(system_id)
    metadata = caller()
    request_id = dict(metadata)["x-request-id"]
    with channel("catalog", system_id) as opened, pytest.raises(grpc.RpcError):
        catalog_pb2_grpc.CatalogServiceStub(opened).DeleteOrganization(
            c.DeleteOrganizationRequest(name="organizations/hx-zf"), metadata=metadata
        )
    record = audit_record(request_id)
    assert record["outcome"] == "PERMISSION_DENIED"
    assert record["actor"]["system"] == f"callingSystems/{system_id}"
    assert record["method"] == "/gov.catalog.v1.CatalogService/DeleteOrganization"
