"""The registry of calling systems on the real FerretDB: records, events, and the runtime's
``Registry`` reading the very documents the catalogue writes."""

from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.events.v1 import events_pb2
from govdata.runtime import outbox, registry
from govdata.runtime.errors import Aborted, AlreadyExists, InvalidArgument, NotFound
from govdata.runtime.events import parse_envelope

from .conftest import credit_code

ORG = "organizations/minzheng"


@pytest.fixture
def minzheng(catalog) -> str:
    catalog.create_organization(
        "minzheng",
        c.Organization(
            display_name="海新区民政局",
            unified_social_credit_code=credit_code(501),
            kind=c.ORGANIZATION_KIND_DEPARTMENT,
        ),
    )
    return ORG


def system(subject: str = "mz-dibao", **fields) -> c.CallingSystem:
    values = {
        "display_name": "民政局低保业务系统",
        "certificate_subject": subject,
        "organization": ORG,
        "roles": ["data_consumer", "verifier"],
        **fields,
    }
    return c.CallingSystem(**values)


def changes(mongo_db, name: str) -> list[events_pb2.CallingSystemChanged]:
    document = mongo_db[registry.COLLECTION].find_one({"_id": name})
    found = []
    for item in document.get(outbox.OUTBOX, []):
        payload = events_pb2.CallingSystemChanged()
        parse_envelope(item["body"]).payload.Unpack(payload)
        found.append(payload)
    return found


def mask(*paths: str) -> field_mask_pb2.FieldMask:
    return field_mask_pb2.FieldMask(paths=list(paths))


def test_create_writes_record_registry_fields_and_event_in_one_document(
    calling_systems, minzheng, mongo_db
) -> None:
    created = calling_systems.create("mz-dibao", system(rate_limit_per_second=20))
    assert created.name == "callingSystems/mz-dibao"
    assert created.state == c.CALLING_SYSTEM_STATE_ACTIVE  # UNSPECIFIED → ACTIVE
    assert created.revision == 1 and created.etag and created.create_time.seconds

    document = mongo_db[registry.COLLECTION].find_one({"_id": created.name})
    assert document["subject"] == "mz-dibao"
    assert document["organization"] == ORG
    assert document["roles"] == ["data_consumer", "verifier"]
    assert document["state"] == registry.ACTIVE
    assert document["rate_limit_per_second"] == 20.0
    assert document["calling_system"]["certificate_subject"] == "mz-dibao"

    [event] = changes(mongo_db, created.name)
    assert event.kind == events_pb2.CHANGE_KIND_CREATED and event.revision == 1
    assert event.calling_system == created

    # The runtime's reader serves the catalogue's collection as it is.
    reader = registry.Registry(mongo_db[registry.COLLECTION])
    reader.load()
    entry = reader.lookup("mz-dibao")
    assert entry is not None and entry.name == created.name and entry.active
    assert entry.organization == ORG and entry.roles == {"data_consumer", "verifier"}


def test_get_and_not_found(calling_systems, minzheng) -> None:
    created = calling_systems.create("mz-dibao", system())
    assert calling_systems.get(created.name) == created
    with pytest.raises(NotFound):
        calling_systems.get("callingSystems/nope")
    with pytest.raises(InvalidArgument) as caught:
        calling_systems.get("organizations/minzheng")
    assert [v.field for v in caught.value.violations] == ["name"]


def test_rejected_creates_name_the_field_and_write_nothing(
    calling_systems, minzheng, mongo_db
) -> None:
    cases = [
        ("Bad_Id", system(), "calling_system_id"),
        ("", system(), "calling_system_id"),
        ("ok", system(display_name=""), "calling_system.display_name"),
        ("ok", system(subject="has space"), "calling_system.certificate_subject"),
        ("ok", system(organization="minzheng"), "calling_system.organization"),
        ("ok", system(organization="organizations/nobody"), "calling_system.organization"),
        ("ok", system(roles=["superuser"]), "calling_system.roles[0]"),
        ("ok", system(rate_limit_per_second=float("nan")), "calling_system.rate_limit_per_second"),
        ("ok", system(information_system="x"), "calling_system.information_system"),
    ]
    for system_id, value, field in cases:
        with pytest.raises(InvalidArgument) as caught:
            calling_systems.create(system_id, value)
        assert field in [v.field for v in caught.value.violations], (system_id, field)
    with pytest.raises(InvalidArgument) as caught:
        calling_systems.create("ok", system(), request_id="not-a-uuid")
    assert [v.field for v in caught.value.violations] == ["request_id"]
    assert mongo_db[registry.COLLECTION].count_documents({}) == 0


def test_subject_is_unique_among_live_systems_and_free_after_delete(
    calling_systems, minzheng
) -> None:
    first = calling_systems.create("mz-dibao", system())
    with pytest.raises(AlreadyExists) as caught:
        calling_systems.create("mz-dibao-2", system())
    assert "certificate subject" in caught.value.message
    with pytest.raises(AlreadyExists):
        calling_systems.create("mz-dibao", system("other-subject"))

    calling_systems.delete(first.name, first.etag)
    with pytest.raises(NotFound):
        calling_systems.get(first.name)
    again = calling_systems.create("mz-dibao-2", system())
    assert again.certificate_subject == "mz-dibao"


def test_request_id_makes_create_idempotent(calling_systems, minzheng, mongo_db) -> None:
    request_id = "7f0c2a52-8d7e-4c1e-9a53-0f4f1e2f3a4b"
    first = calling_systems.create("mz-dibao", system(), request_id)
    assert calling_systems.create("mz-dibao", system(), request_id) == first
    with pytest.raises(AlreadyExists):
        calling_systems.create("mz-other", system("other"), request_id)
    assert len(changes(mongo_db, first.name)) == 1


def test_update_with_mask_and_etag_announces_the_changed_fields(
    calling_systems, minzheng, mongo_db
) -> None:
    created = calling_systems.create("mz-dibao", system())
    patch = c.CallingSystem(
        name=created.name,
        etag=created.etag,
        state=c.CALLING_SYSTEM_STATE_SUSPENDED,
        rate_limit_per_second=5,
        display_name="ignored: not in the mask",
    )
    updated = calling_systems.update(patch, mask("state", "rate_limit_per_second"))
    assert updated.state == c.CALLING_SYSTEM_STATE_SUSPENDED
    assert updated.rate_limit_per_second == 5 and updated.display_name == created.display_name
    assert updated.revision == 2 and updated.etag != created.etag
    document = mongo_db[registry.COLLECTION].find_one({"_id": created.name})
    assert document["state"] == registry.SUSPENDED and document["rate_limit_per_second"] == 5.0

    _, event = changes(mongo_db, created.name)
    assert event.kind == events_pb2.CHANGE_KIND_UPDATED and event.revision == 2
    assert list(event.changed_fields) == ["state", "rate_limit_per_second"]
    assert event.calling_system == updated

    with pytest.raises(Aborted):  # the etag read before the first update is stale now
        calling_systems.update(patch, mask("display_name"))


def test_empty_mask_updates_the_populated_mutable_fields(calling_systems, minzheng) -> None:
    created = calling_systems.create("mz-dibao", system())
    full = c.CallingSystem()
    full.CopyFrom(created)  # a caller sending back what it read, roles changed
    del full.roles[:]
    full.roles.append("catalog_reader")
    updated = calling_systems.update(full, mask())
    assert list(updated.roles) == ["catalog_reader"]
    assert updated.certificate_subject == created.certificate_subject


def test_subject_and_organization_are_immutable(calling_systems, minzheng, catalog) -> None:
    created = calling_systems.create("mz-dibao", system())
    for field, value, paths in [
        ("certificate_subject", "mz-dibao-new", ["certificate_subject"]),
        ("organization", "organizations/other", ["organization"]),
        ("certificate_subject", "mz-dibao-new", []),  # empty mask: populated fields
        ("organization", "", ["organization"]),  # clearing is a change too
    ]:
        patch = c.CallingSystem(name=created.name)
        setattr(patch, field, value)
        with pytest.raises(InvalidArgument) as caught:
            calling_systems.update(patch, mask(*paths))
        assert [v.field for v in caught.value.violations] == [f"calling_system.{field}"]
    # Naming them with the value they have is no change, so it is allowed.
    same = c.CallingSystem(
        name=created.name, certificate_subject="mz-dibao", organization=ORG, display_name="新名称"
    )
    updated = calling_systems.update(
        same, mask("certificate_subject", "organization", "display_name")
    )
    assert updated.display_name == "新名称" and updated.revision == 2


def test_rejected_updates_name_the_field_and_change_nothing(
    calling_systems, minzheng, mongo_db
) -> None:
    created = calling_systems.create("mz-dibao", system())
    for patch, paths, field in [
        (c.CallingSystem(roles=[]), ["roles"], "calling_system.roles"),
        (c.CallingSystem(roles=["root"]), ["roles"], "calling_system.roles[0]"),
        (c.CallingSystem(), ["state"], "calling_system.state"),
        (
            c.CallingSystem(rate_limit_per_second=-2),
            ["rate_limit_per_second"],
            "calling_system.rate_limit_per_second",
        ),
        (c.CallingSystem(), ["display_name"], "calling_system.display_name"),
        (c.CallingSystem(), ["revision"], "update_mask"),
        (c.CallingSystem(), ["nope"], "update_mask"),
    ]:
        patch.name = created.name
        with pytest.raises(InvalidArgument) as caught:
            calling_systems.update(patch, mask(*paths))
        assert field in [v.field for v in caught.value.violations], paths
    with pytest.raises(InvalidArgument) as caught:
        calling_systems.update(c.CallingSystem(name="mz-dibao"), mask())
    assert [v.field for v in caught.value.violations] == ["calling_system.name"]
    with pytest.raises(NotFound):
        calling_systems.update(c.CallingSystem(name="callingSystems/nope"), mask())
    assert calling_systems.get(created.name) == created
    assert len(changes(mongo_db, created.name)) == 1


def test_delete_leaves_a_tombstone_with_the_deleted_event(
    calling_systems, minzheng, mongo_db
) -> None:
    created = calling_systems.create("mz-dibao", system())
    with pytest.raises(Aborted):
        calling_systems.delete(created.name, "stale")
    calling_systems.delete(created.name, created.etag)
    _created, deleted = changes(mongo_db, created.name)
    assert deleted.kind == events_pb2.CHANGE_KIND_DELETED and deleted.revision == 2
    assert not deleted.HasField("calling_system")
    reader = registry.Registry(mongo_db[registry.COLLECTION])
    reader.load()
    assert reader.lookup("mz-dibao") is None
    with pytest.raises(NotFound):
        calling_systems.delete(created.name, "")


def test_a_name_registered_again_continues_its_revisions(
    calling_systems, minzheng, mongo_db
) -> None:
    created = calling_systems.create("mz-dibao", system())
    calling_systems.delete(created.name, created.etag)
    # Until the relay has announced the deletion, the tombstone holds the name.
    with pytest.raises(Aborted) as caught:
        calling_systems.create("mz-dibao", system())
    assert "retry shortly" in caught.value.message
    mongo_db[registry.COLLECTION].delete_one({"_id": created.name})  # as the relay does
    again = calling_systems.create("mz-dibao", system())
    # Other services' copies hold the tombstone at revision 2 and ignore anything older.
    assert again.revision == 3 and again.etag != created.etag
    [event] = changes(mongo_db, again.name)
    assert event.kind == events_pb2.CHANGE_KIND_CREATED and event.revision == 3


def test_list_filters_and_pages(calling_systems, minzheng, catalog) -> None:
    catalog.create_organization(
        "gongan",
        c.Organization(
            display_name="海新区公安分局",
            unified_social_credit_code=credit_code(502),
            kind=c.ORGANIZATION_KIND_DEPARTMENT,
        ),
    )
    for i in range(5):
        calling_systems.create(f"mz-{i}", system(f"mz-{i}"))
    police = system("ga-1", organization="organizations/gongan")
    calling_systems.create("ga-1", police)
    suspended = calling_systems.get("callingSystems/mz-3")
    calling_systems.update(
        c.CallingSystem(name=suspended.name, state=c.CALLING_SYSTEM_STATE_SUSPENDED), mask("state")
    )

    seen, token = [], ""
    while True:
        page, info = calling_systems.list(ORG, 0, 2, token)
        assert info.total_size == 5 and len(page) <= 2
        seen += [s.name for s in page]
        token = info.next_page_token
        if not token:
            break
    assert seen == [f"callingSystems/mz-{i}" for i in range(5)]

    everything, info = calling_systems.list("", 0, 0, "")
    assert info.total_size == 6 == len(everything) and not info.next_page_token
    only, _ = calling_systems.list("", c.CALLING_SYSTEM_STATE_SUSPENDED, 0, "")
    assert [s.name for s in only] == ["callingSystems/mz-3"]
    active, _ = calling_systems.list(ORG, c.CALLING_SYSTEM_STATE_ACTIVE, 0, "")
    assert len(active) == 4

    for args, field in [
        (("minzheng", 0, 0, ""), "organization"),
        ((ORG, 7, 0, ""), "state"),
        ((ORG, 0, -1, ""), "page_size"),
        ((ORG, 0, 2, "garbage"), "page_token"),
    ]:
        with pytest.raises(InvalidArgument) as caught:
            calling_systems.list(*args)
        assert [v.field for v in caught.value.violations] == [field]
    _, first = calling_systems.list(ORG, 0, 2, "")
    with pytest.raises(InvalidArgument):  # a token of another filter
        calling_systems.list("", 0, 2, first.next_page_token)


def test_an_organisation_with_registered_systems_cannot_be_deleted(
    calling_systems, minzheng, catalog
) -> None:
    from govdata.runtime.errors import FailedPrecondition

    created = calling_systems.create("mz-dibao", system())
    org = catalog.get_organization(ORG)
    with pytest.raises(FailedPrecondition) as caught:
        catalog.delete_organization(ORG, org.etag)
    assert caught.value.reason == "HAS_CALLING_SYSTEMS"
    calling_systems.delete(created.name, created.etag)
    catalog.delete_organization(ORG, org.etag)
