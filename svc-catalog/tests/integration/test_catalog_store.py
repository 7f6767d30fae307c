"""Catalogue use cases on the real MongoDB-protocol server (FerretDB)."""

from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2
from govdata.runtime import outbox
from govdata.runtime.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
)
from govdata.runtime.events import parse_envelope

from .conftest import credit_code

_serial = iter(range(1, 10_000))


def org(
    name: str = "海新区民政局",
    parent: str = "",
    kind: int = c.ORGANIZATION_KIND_DEPARTMENT,
    code: str = "",
) -> c.Organization:
    """An organisation with a fresh valid credit code (codes are unique across organisations)."""
    return c.Organization(
        display_name=name,
        unified_social_credit_code=code or credit_code(next(_serial)),
        kind=kind,
        parent=parent,
    )


def resource(
    title: str = "不动产登记信息", share=cm.SHARE_TYPE_UNCONDITIONAL
) -> c.InformationResource:
    return c.InformationResource(
        display_name=title,
        abstract="权利人及坐落",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_DEPARTMENT, classification_code="301002"
        ),
        sharing=c.SharingAttributes(share_type=share, share_method=cm.SHARE_METHOD_INTERFACE),
        data_items=[c.DataItem(name="权利人", type=cm.DATA_ITEM_TYPE_CHARACTER, length=50)],
    )


def events_of(mongo_db, collection: str, name: str) -> list:
    document = mongo_db[collection].find_one({"_id": name})
    return [parse_envelope(item["body"]) for item in document.get(outbox.OUTBOX, [])]


def test_create_assigns_codes_and_announces_in_the_same_document(catalog, mongo_db) -> None:
    catalog.create_organization("minzheng", org())
    first = catalog.create_resource("organizations/minzheng", "", resource())
    second = catalog.create_resource("organizations/minzheng", "house", resource("房屋信息"))

    assert first.resource_code == "301002/000001" and second.resource_code == "301002/000002"
    assert second.name == "organizations/minzheng/resources/house"
    assert first.state == c.RESOURCE_STATE_DRAFT and first.revision == 1 and first.etag
    [event] = events_of(mongo_db, "resources", first.name)
    payload = events_pb2.InformationResourceChanged()
    event.payload.Unpack(payload)
    assert payload.kind == events_pb2.CHANGE_KIND_CREATED
    assert payload.resource.resource_code == "301002/000001" and payload.revision == 1


def test_duplicates_are_already_exists(catalog) -> None:
    first = catalog.create_organization("minzheng", org())
    with pytest.raises(AlreadyExists):
        catalog.create_organization("minzheng", org())
    with pytest.raises(AlreadyExists, match="credit code"):
        catalog.create_organization("other", org(code=first.unified_social_credit_code))
    imported = resource()
    imported.resource_code = "301002/000123"
    catalog.create_resource("organizations/minzheng", "a", imported)
    with pytest.raises(AlreadyExists, match="resource code"):
        catalog.create_resource("organizations/minzheng", "b", imported)


def test_update_with_mask_and_etag(catalog, mongo_db) -> None:
    catalog.create_organization("minzheng", org())
    created = catalog.create_resource("organizations/minzheng", "r1", resource())
    patch = c.InformationResource(name=created.name, etag=created.etag, display_name="不动产登记簿")
    updated = catalog.update_resource(patch, field_mask_pb2.FieldMask(paths=["display_name"]))

    assert updated.display_name == "不动产登记簿" and updated.abstract == "权利人及坐落"
    assert updated.revision == 2 and updated.etag != created.etag
    with pytest.raises(Aborted):  # the old etag is stale now
        catalog.update_resource(patch, field_mask_pb2.FieldMask(paths=["display_name"]))
    with pytest.raises(InvalidArgument, match="cannot be updated"):
        catalog.update_resource(
            c.InformationResource(name=created.name, resource_code="x"),
            field_mask_pb2.FieldMask(paths=["resource_code"]),
        )
    kinds = [
        e.payload.type_url.rsplit(".", 1)[-1]
        for e in events_of(mongo_db, "resources", created.name)
    ]
    assert kinds == ["InformationResourceChanged"] * 2


def test_invalid_update_writes_nothing(catalog) -> None:
    catalog.create_organization("minzheng", org())
    created = catalog.create_resource("organizations/minzheng", "r1", resource())
    bad = c.InformationResource(name=created.name, display_name="")
    with pytest.raises(InvalidArgument):
        catalog.update_resource(bad, field_mask_pb2.FieldMask(paths=["display_name"]))
    assert catalog.get_resource(created.name).revision == 1


def test_lifecycle_and_filters(catalog) -> None:
    catalog.create_organization("minzheng", org())
    catalog.create_organization("gongan", org("公安分局"))
    a = catalog.create_resource("organizations/minzheng", "a", resource())
    catalog.create_resource("organizations/gongan", "b", resource("户籍人口信息"))
    submitted = catalog.transition(a.name, a.etag, c.RESOURCE_STATE_SUBMITTED)
    published = catalog.transition(a.name, submitted.etag, c.RESOURCE_STATE_PUBLISHED)
    assert published.state == c.RESOURCE_STATE_PUBLISHED
    with pytest.raises(FailedPrecondition):
        catalog.transition(a.name, "", c.RESOURCE_STATE_DRAFT)

    only_published, _ = catalog.list_resources(
        "organizations/-", "", 0, c.RESOURCE_STATE_PUBLISHED, 0, ""
    )
    assert [r.name for r in only_published] == [a.name]
    of_gongan, page = catalog.list_resources("organizations/gongan", "", 0, 0, 0, "")
    assert [r.display_name for r in of_gongan] == ["户籍人口信息"] and page.total_size == 1


def test_paging_walks_every_resource_once(catalog) -> None:
    catalog.create_organization("minzheng", org())
    for i in range(7):
        catalog.create_resource("organizations/minzheng", f"r{i}", resource(f"资源{i}"))
    seen, token = [], ""
    while True:
        items, page = catalog.list_resources("organizations/minzheng", "", 0, 0, 3, token)
        seen += [r.name for r in items]
        token = page.next_page_token
        assert page.total_size == 7
        if not token:
            break
    assert len(seen) == 7 == len(set(seen))
    with pytest.raises(InvalidArgument, match="page_token"):
        catalog.list_resources(
            "organizations/minzheng",
            "",
            cm.SHARE_TYPE_CONDITIONAL,
            0,
            3,
            catalog.list_resources("organizations/minzheng", "", 0, 0, 3, "")[1].next_page_token,
        )


def test_delete_leaves_a_tombstone_until_its_event_is_sent(catalog, mongo_db) -> None:
    catalog.create_organization("minzheng", org())
    created = catalog.create_resource("organizations/minzheng", "r1", resource())
    published = catalog.transition(
        created.name,
        catalog.transition(created.name, "", c.RESOURCE_STATE_SUBMITTED).etag,
        c.RESOURCE_STATE_PUBLISHED,
    )
    with pytest.raises(FailedPrecondition, match="retire it first"):
        catalog.delete_resource(created.name, published.etag)
    with pytest.raises(InvalidArgument, match="reason"):
        catalog.transition(created.name, published.etag, c.RESOURCE_STATE_RETIRED)
    retired = catalog.transition(
        created.name, published.etag, c.RESOURCE_STATE_RETIRED, reason="并入不动产登记信息"
    )
    catalog.delete_resource(created.name, retired.etag)

    with pytest.raises(NotFound):
        catalog.get_resource(created.name)
    kinds = []
    for envelope in events_of(mongo_db, "resources", created.name):
        payload = events_pb2.InformationResourceChanged()
        envelope.payload.Unpack(payload)
        kinds.append(payload.kind)
    assert (
        kinds[0] == events_pb2.CHANGE_KIND_CREATED and kinds[-1] == events_pb2.CHANGE_KIND_DELETED
    )
    assert len(kinds) == 5  # created, submitted, published, retired, deleted
    # the resource code is free again at once
    again = catalog.create_resource("organizations/minzheng", "r2", resource())
    again_code = resource()
    again_code.resource_code = created.resource_code
    catalog.create_resource("organizations/minzheng", "r3", again_code)
    assert again.name.endswith("r2")


def test_organisation_tree_rules(catalog) -> None:
    catalog.create_organization(
        "district", org("海新区人民政府", kind=c.ORGANIZATION_KIND_GOVERNMENT)
    )
    catalog.create_organization("minzheng", org(parent="organizations/district"))
    with pytest.raises(InvalidArgument, match="does not exist"):
        catalog.create_organization("x", org(parent="organizations/nowhere"))
    district = catalog.get_organization("organizations/district")
    with pytest.raises(InvalidArgument, match="cannot sit"):  # a government under a department
        catalog.update_organization(
            c.Organization(name=district.name, parent="organizations/minzheng"),
            field_mask_pb2.FieldMask(paths=["parent"]),
        )
    catalog.create_organization(
        "city",
        org("滨海市人民政府", kind=c.ORGANIZATION_KIND_GOVERNMENT, parent="organizations/district"),
    )
    with pytest.raises(InvalidArgument, match="cycle"):
        catalog.update_organization(
            c.Organization(name=district.name, parent="organizations/city"),
            field_mask_pb2.FieldMask(paths=["parent"]),
        )
    with pytest.raises(InvalidArgument, match="INTERNAL_OFFICE cannot sit without a parent"):
        catalog.create_organization(
            "office", org("办公室", kind=c.ORGANIZATION_KIND_INTERNAL_OFFICE)
        )
    with pytest.raises(FailedPrecondition):
        catalog.delete_organization("organizations/district", "")


def test_request_id_makes_a_retried_create_return_the_first_result(catalog) -> None:
    catalog.create_organization("minzheng", org())
    request_id = "6f1c2b1e-8a8b-4d0f-9a51-2f0a4c1b9e77"
    first = catalog.create_resource("organizations/minzheng", "", resource(), request_id)
    retry = catalog.create_resource("organizations/minzheng", "", resource(), request_id)
    assert retry.name == first.name and retry.revision == 1
    assert catalog.list_resources("organizations/minzheng", "", 0, 0, 0, "")[1].total_size == 1


def test_creates_that_cannot_succeed_use_up_no_code_number(catalog) -> None:
    """A create refused because the id is taken, or a retry answered with the first result,
    leaves the sequence as it was: the next resource gets the next number (found by the
    hostile-input suite: both used to spend one)."""
    catalog.create_organization("minzheng", org())
    request_id = "0e0c7d7a-3a1f-4c55-9d6b-0d7f1c9a2b33"
    first = catalog.create_resource("organizations/minzheng", "taken", resource(), request_id)
    assert first.resource_code == "301002/000001"
    with pytest.raises(AlreadyExists):
        catalog.create_resource("organizations/minzheng", "taken", resource())
    retry = catalog.create_resource("organizations/minzheng", "taken", resource(), request_id)
    assert retry.name == first.name and retry.resource_code == first.resource_code
    following = catalog.create_resource("organizations/minzheng", "", resource())
    assert following.resource_code == "301002/000002"


def test_server_numbering_steps_over_codes_taken_by_imports(catalog) -> None:
    catalog.create_organization("minzheng", org())
    imported = resource()
    imported.resource_code = "301002/000001"
    catalog.create_resource("organizations/minzheng", "imported", imported)
    numbered = catalog.create_resource("organizations/minzheng", "", resource())
    assert numbered.resource_code == "301002/000002"


def test_concurrent_updates_of_one_resource_lose_nothing(catalog) -> None:
    """Writers race on one document: each either wins a distinct revision or is told ABORTED;
    none is silently lost (FerretDB alone would lose some: see govdata.runtime.locks)."""
    from concurrent.futures import ThreadPoolExecutor

    catalog.create_organization("minzheng", org())
    created = catalog.create_resource("organizations/minzheng", "r1", resource())

    def rename(i: int) -> int | None:
        patch = c.InformationResource(name=created.name, display_name=f"名称{i}")
        try:
            return catalog.update_resource(
                patch, field_mask_pb2.FieldMask(paths=["display_name"])
            ).revision
        except Aborted:
            return None

    with ThreadPoolExecutor(4) as pool:
        won = [r for r in pool.map(rename, range(40)) if r is not None]
    assert won and len(won) == len(set(won))
    final = catalog.get_resource(created.name)
    assert final.revision == 1 + len(won) == max(won)
