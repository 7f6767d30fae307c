"""The own_organization condition walking the organisation tree on the real FerretDB."""

from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog.access import OwnOrganization
from govdata.runtime.context import CallContext

from .conftest import credit_code

GOVERNMENT = c.ORGANIZATION_KIND_GOVERNMENT
DEPARTMENT = c.ORGANIZATION_KIND_DEPARTMENT
OFFICE = c.ORGANIZATION_KIND_INTERNAL_OFFICE
_codes = iter(range(700, 800))


def add(catalog, org_id: str, kind: int, parent: str = "") -> str:
    catalog.create_organization(
        org_id,
        c.Organization(
            display_name=org_id,
            unified_social_credit_code=credit_code(next(_codes)),
            kind=kind,
            parent=parent,
        ),
    )
    return f"organizations/{org_id}"


@pytest.fixture
def tree(catalog) -> dict[str, str]:
    """海新区 → 民政局 → 低保科; 海新区 → 公安分局; and an unrelated government."""
    hx = add(catalog, "hx", GOVERNMENT)
    minzheng = add(catalog, "minzheng", DEPARTMENT, hx)
    dibao = add(catalog, "dibao-ke", OFFICE, minzheng)
    gongan = add(catalog, "gongan", DEPARTMENT, hx)
    other = add(catalog, "other-gov", GOVERNMENT)
    return {"hx": hx, "minzheng": minzheng, "dibao": dibao, "gongan": gongan, "other": other}


def caller(org: str) -> CallContext:
    return CallContext(system="callingSystems/test", organization=org)


def create_in(parent: str) -> c.CreateInformationResourceRequest:
    return c.CreateInformationResourceRequest(parent=parent)


def test_own_organization_and_everything_below_it(store, tree) -> None:
    check = OwnOrganization(store.organizations)
    as_minzheng = caller(tree["minzheng"])
    assert check(create_in(tree["minzheng"]), as_minzheng) is None
    assert check(create_in(tree["dibao"]), as_minzheng) is None
    assert (
        check(c.GetInformationResourceRequest(name=f"{tree['dibao']}/resources/r-1"), as_minzheng)
        is None
    )
    # A government's system reaches two levels down.
    assert check(create_in(tree["dibao"]), caller(tree["hx"])) is None


def test_siblings_parents_strangers_and_unknowns_are_refused(store, tree) -> None:
    check = OwnOrganization(store.organizations)
    as_minzheng = caller(tree["minzheng"])
    for target in (tree["gongan"], tree["hx"], tree["other"], "organizations/nobody"):
        reason = check(create_in(target), as_minzheng)
        assert reason == f"{target} is neither your organisation ({tree['minzheng']}) nor below it"
    # An office's system does not reach its department.
    assert check(create_in(tree["minzheng"]), caller(tree["dibao"])) is not None


def test_a_deleted_organisation_is_below_nobody(store, catalog, tree) -> None:
    check = OwnOrganization(store.organizations)
    office = catalog.get_organization(tree["dibao"])
    catalog.delete_organization(office.name, office.etag)
    assert check(create_in(tree["dibao"]), caller(tree["minzheng"])) is not None


def test_the_walk_is_bounded(store, catalog, mongo_db) -> None:
    # A chain of governments deeper than the check looks.
    parent = add(catalog, "g0", GOVERNMENT)
    for i in range(1, 5):
        parent = add(catalog, f"g{i}", GOVERNMENT, parent)
    assert (
        OwnOrganization(store.organizations, max_depth=5)(
            create_in(parent), caller("organizations/g0")
        )
        is None
    )
    assert (
        OwnOrganization(store.organizations, max_depth=4)(
            create_in(parent), caller("organizations/g0")
        )
        is not None
    )
    # A corrupted tree with a cycle ends too, refused.
    mongo_db["organizations"].update_one({"_id": "organizations/g0"}, {"$set": {"parent": parent}})
    assert (
        OwnOrganization(store.organizations)(create_in(parent), caller("organizations/other"))
        is not None
    )


def test_creating_and_moving_organisations(store, tree) -> None:
    check = OwnOrganization(store.organizations)
    as_minzheng = caller(tree["minzheng"])
    new_office = c.CreateOrganizationRequest(
        organization_id="jiuzhu-ke",
        organization=c.Organization(parent=tree["minzheng"], kind=OFFICE),
    )
    assert check(new_office, as_minzheng) is None
    new_root = c.CreateOrganizationRequest(
        organization_id="x", organization=c.Organization(kind=GOVERNMENT)
    )
    assert check(new_root, as_minzheng) is not None

    def move(name: str, parent: str, *paths: str) -> c.UpdateOrganizationRequest:
        return c.UpdateOrganizationRequest(
            organization=c.Organization(name=name, parent=parent, display_name="新名称"),
            update_mask=field_mask_pb2.FieldMask(paths=list(paths)),
        )

    # Renaming its own department while sending the unchanged parent (outside its tree) is fine.
    assert check(move(tree["minzheng"], tree["hx"]), as_minzheng) is None
    assert check(move(tree["minzheng"], tree["hx"], "display_name", "parent"), as_minzheng) is None
    assert check(move(tree["minzheng"], "", "display_name"), as_minzheng) is None
    # Handing its office to another department, or re-hanging itself, is not.
    assert check(move(tree["dibao"], tree["gongan"], "parent"), as_minzheng) is not None
    assert check(move(tree["minzheng"], tree["other"], "parent"), as_minzheng) is not None
    assert check(move(tree["dibao"], "", "parent"), as_minzheng) is not None
    assert check(move(tree["dibao"], tree["gongan"], "*"), as_minzheng) is not None
    # The district's own system may move an office between its departments.
    assert check(move(tree["dibao"], tree["gongan"], "parent"), caller(tree["hx"])) is None
    # Another department's organisation is not the caller's to update at all.
    assert check(move(tree["gongan"], tree["hx"], "display_name"), as_minzheng) is not None
