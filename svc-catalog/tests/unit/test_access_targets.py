"""What the own_organization condition checks against: the target of each catalogue request."""

from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import access
from govdata.catalog.access import NO_ORGANIZATION, NO_TARGET, OwnOrganization
from govdata.runtime import policy
from govdata.runtime.context import CallContext

SERVICE = c.DESCRIPTOR.services_by_name["CatalogService"]
ORG = "organizations/minzheng"


def conditional_methods() -> list[str]:
    """Catalogue methods the shipped policy allows to some role only ``if: own_organization``."""
    loaded = policy.load()
    return sorted(
        method.name
        for method in SERVICE.methods
        if any(
            rule.condition == "own_organization"
            for rule in loaded.methods[f"{SERVICE.full_name}/{method.name}"].rules
        )
    )


def request_of(method: str, target_name: str):
    """A request of ``method`` whose target (name, parent or the patch's name) is as given."""
    request = getattr(c, SERVICE.methods_by_name[method].input_type.name)()
    descriptor = request.DESCRIPTOR
    if method == "CreateOrganization":
        request.organization.parent = target_name
    elif method == "UpdateOrganization":
        request.organization.name = target_name
    elif "parent" in descriptor.fields_by_name:
        request.parent = target_name
    elif "name" in descriptor.fields_by_name:
        request.name = target_name
    else:  # Update*: the patch message carries the name
        [patch] = [f for f in descriptor.fields if f.message_type and f.name != "update_mask"]
        getattr(request, patch.name).name = target_name
    return request


def name_for(method: str, org: str) -> str:
    """A name of the kind ``method`` takes, inside ``org``."""
    kinds = {
        "InformationResource": "resources",
        "Duty": "duties",
        "InformationSystem": "systems",
        "SharingDemand": "demands",
    }
    for noun, segment in kinds.items():
        if method.endswith(noun) and not method.startswith(("Create", "List")):
            return f"{org}/{segment}/x-1"
    return org


def test_the_policy_uses_the_condition_where_expected() -> None:
    # Guards the parametrized tests below against an empty (vacuous) list.
    assert {
        "CreateOrganization",
        "UpdateOrganization",
        "CreateInformationResource",
        "UpdateInformationResource",
        "DeleteInformationResource",
        "SubmitInformationResource",
        "RetireInformationResource",
        "CreateSharingDemand",
    } <= set(conditional_methods())


@pytest.mark.parametrize("method", conditional_methods())
def test_every_conditional_method_has_its_target(method: str) -> None:
    request = request_of(method, name_for(method, ORG))
    assert access.target_organization(request) == ORG


@pytest.mark.parametrize("method", conditional_methods())
@pytest.mark.parametrize(
    "bad", ["", "organizations/-", "organizations/Bad_Id", "x/y", "organizations"]
)
def test_a_missing_or_malformed_target_is_no_target(method: str, bad: str) -> None:
    assert access.target_organization(request_of(method, bad)) is None


def test_targets_cover_every_catalogue_request_with_an_organisation() -> None:
    for method in SERVICE.methods:
        if "CallingSystem" in method.name or method.name.startswith("ListOrganizations"):
            continue
        assert method.input_type.full_name in access.TARGETS, method.name


def test_requests_of_other_kinds_name_no_target() -> None:
    assert access.target_organization(c.GetCallingSystemRequest(name="callingSystems/x")) is None
    assert access.target_organization(c.ListOrganizationsRequest(parent_organization=ORG)) is None


def test_specific_shapes() -> None:
    create = c.CreateOrganizationRequest(
        organization_id="office-1", organization=c.Organization(parent=ORG)
    )
    assert access.target_organization(create) == ORG
    root = c.CreateOrganizationRequest(organization_id="gov", organization=c.Organization())
    assert access.target_organization(root) is None
    update = c.UpdateInformationResourceRequest(
        information_resource=c.InformationResource(name=f"{ORG}/resources/r-1"),
        update_mask=field_mask_pb2.FieldMask(paths=["abstract"]),
    )
    assert access.target_organization(update) == ORG
    retire = c.RetireInformationResourceRequest(name=f"{ORG}/resources/r-1", reason="x")
    assert access.target_organization(retire) == ORG


class _NoStore:
    """Records stand-in that fails the test if the check reads the store."""

    def get(self, name):  # pragma: no cover - must not be called
        raise AssertionError(f"read {name}")


def test_reasons_without_reading_the_store() -> None:
    check = OwnOrganization(_NoStore())  # type: ignore[arg-type]
    request = c.CreateInformationResourceRequest(parent=ORG)
    assert check(request, CallContext(system="callingSystems/a", organization=ORG)) is None
    assert check(request, CallContext(system="callingSystems/a")) == NO_ORGANIZATION
    unnamed = c.CreateInformationResourceRequest(parent="")
    assert check(unnamed, CallContext(organization=ORG)) == NO_TARGET
    assert NO_TARGET == "the request names no organisation to check against your own"
