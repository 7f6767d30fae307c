"""Versions and GetHistory on the real MongoDB-protocol server: every change keeps a version,
written in the same document write, moved out without loss or duplication, kept after a
deletion."""

from __future__ import annotations

import threading

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.duties import Duties
from govdata.catalog.history import History
from govdata.catalog.versions import DELETED, MOVE_AT, PENDING, new_version
from govdata.runtime import context, outbox
from govdata.runtime.context import CallContext
from govdata.runtime.errors import Aborted, InvalidArgument, NotFound

from .conftest import credit_code

MZ = "organizations/minzheng"
CLERK = CallContext(
    request_id="req-clerk",
    system="callingSystems/minzheng-catalogue",
    person="clerk-8",
    organization=MZ,
    roles=frozenset({"catalog_editor"}),
)


@pytest.fixture
def duties(store) -> Duties:
    return Duties(store)


@pytest.fixture
def history(store) -> History:
    return History(store)


@pytest.fixture
def minzheng(catalog) -> None:
    catalog.create_organization(
        "minzheng",
        c.Organization(
            display_name="海新区民政局",
            unified_social_credit_code=credit_code(901),
            kind=c.ORGANIZATION_KIND_DEPARTMENT,
        ),
    )


class acting_as:  # noqa: N801 - reads as a phrase in ``with acting_as(CLERK):``
    def __init__(self, caller: CallContext) -> None:
        self.caller = caller

    def __enter__(self) -> None:
        self.token = context.bind(self.caller)

    def __exit__(self, *exc: object) -> None:
        context.reset(self.token)


def all_versions(history: History, name: str, page_size: int = 0) -> list[c.Version]:
    found, token = [], ""
    while True:
        page, token = history.get_history(name, page_size, token)
        found += page
        if not token:
            return found


def rename(duties: Duties, name: str, title: str) -> c.Duty:
    return duties.update(
        c.Duty(name=name, display_name=title), field_mask_pb2.FieldMask(paths=["display_name"])
    )


def test_the_version_is_in_the_same_document_write_as_the_change_and_its_event(
    minzheng, duties, mongo_db
) -> None:
    with acting_as(CLERK):
        created = duties.create(
            MZ,
            "dibao",
            c.Duty(display_name="低保认定", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION),
        )
    document = mongo_db["duties"].find_one({"_id": created.name})
    [version] = document[PENDING]
    [event] = document[outbox.OUTBOX]
    assert version["revision"] == document["revision"] == 1
    assert version["actor"]["person"] == "clerk-8" and version["request_id"] == "req-clerk"
    assert event["event_type"] == "gov.events.v1.DutyChanged"


def test_history_newest_first_with_who_when_and_before_after(minzheng, duties, history) -> None:
    created = duties.create(
        MZ, "dibao", c.Duty(display_name="低保认定", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    with acting_as(CLERK):
        updated = rename(duties, created.name, "最低生活保障对象认定")
    versions = all_versions(history, created.name)
    assert [(v.revision, v.kind) for v in versions] == [
        (2, c.VERSION_KIND_UPDATED),
        (1, c.VERSION_KIND_CREATED),
    ]
    newest = versions[0]
    assert newest.actor.system == "callingSystems/minzheng-catalogue"
    assert newest.actor.organization == MZ and newest.request_id == "req-clerk"
    assert newest.time.ToDatetime() == updated.update_time.ToDatetime()
    [change] = newest.changes
    assert (change.field, change.before_json, change.after_json) == (
        "display_name",
        '"低保认定"',
        '"最低生活保障对象认定"',
    )
    assert {ch.field for ch in versions[1].changes} == {"display_name", "kind"}
    assert all(not ch.before_json for ch in versions[1].changes)


def test_versions_move_out_of_the_record_without_loss_or_duplicate(
    minzheng, duties, history, store, mongo_db
) -> None:
    created = duties.create(
        MZ, "dibao", c.Duty(display_name="v1", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    for i in range(2, MOVE_AT + 3):
        rename(duties, created.name, f"v{i}")
    document = mongo_db["duties"].find_one({"_id": created.name})
    revision = document["revision"]
    assert revision == MOVE_AT + 2
    # The fifth version moved all five out; the two after it wait in the record.
    assert [v["revision"] for v in document[PENDING]] == [MOVE_AT + 1, MOVE_AT + 2]
    assert mongo_db["versions"].count_documents({"name": created.name}) == MOVE_AT
    # A move that stopped after copying (a crash before clearing) duplicates nothing.
    store.versions.store(document[PENDING])
    revisions = [v.revision for v in all_versions(history, created.name)]
    assert revisions == list(range(revision, 0, -1))
    # Nor does moving again.
    store.versions.move(mongo_db["duties"], document)
    assert mongo_db["duties"].find_one({"_id": created.name})[PENDING] == []
    assert [v.revision for v in all_versions(history, created.name, 3)] == revisions


def test_pages_across_the_record_and_the_collection(minzheng, duties, history) -> None:
    created = duties.create(
        MZ, "dibao", c.Duty(display_name="v1", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    for i in range(2, 9):
        rename(duties, created.name, f"v{i}")
    first, token = history.get_history(created.name, 3, "")
    assert [v.revision for v in first] == [8, 7, 6] and token
    assert [v.revision for v in all_versions(history, created.name, 2)] == list(range(8, 0, -1))
    with pytest.raises(InvalidArgument):
        history.get_history(f"{MZ}/duties/other", 3, token)  # another entity's token
    with pytest.raises(InvalidArgument):
        history.get_history(created.name, 3, "garbage")


def test_a_deleted_entity_keeps_its_history_and_a_new_one_continues_it(
    minzheng, duties, history, mongo_db
) -> None:
    created = duties.create(
        MZ, "dibao", c.Duty(display_name="低保认定", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    rename(duties, created.name, "最低生活保障对象认定")
    with acting_as(CLERK):
        duties.delete(created.name, "")
    # The relay removes the tombstone once the deletion is announced.
    tombstone = mongo_db["duties"].find_one({"_id": created.name})
    assert tombstone[outbox.DELETED] and tombstone[PENDING] == []
    mongo_db["duties"].delete_one({"_id": created.name})
    versions = all_versions(history, created.name)
    assert [(v.revision, v.kind) for v in versions] == [
        (3, c.VERSION_KIND_DELETED),
        (2, c.VERSION_KIND_UPDATED),
        (1, c.VERSION_KIND_CREATED),
    ]
    deletion = versions[0]
    assert deletion.actor.person == "clerk-8"
    assert {ch.field: (ch.before_json, ch.after_json) for ch in deletion.changes}[
        "display_name"
    ] == ('"最低生活保障对象认定"', "")
    assert not mongo_db["versions"].find_one({"name": created.name, "tentative": True})

    again = duties.create(MZ, "dibao", c.Duty(display_name="重建", kind=c.DUTY_KIND_PUBLIC_SERVICE))
    assert again.revision == 4
    assert [v.revision for v in all_versions(history, created.name)] == [4, 3, 2, 1]


def test_a_deletion_that_did_not_happen_is_not_history(
    minzheng, duties, history, store, mongo_db
) -> None:
    created = duties.create(
        MZ, "dibao", c.Duty(display_name="v1", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    # A delete wrote its tentative version, then its tombstone write failed (or it crashed).
    store.versions.store_tentative(
        new_version(created.name, 2, DELETED, created.update_time.ToDatetime(), {}, None)
    )
    assert [v.revision for v in all_versions(history, created.name)] == [1]
    # The next real change takes revision 2 and replaces the unconfirmed deletion.
    rename(duties, created.name, "v2")
    assert [(v.revision, v.kind) for v in all_versions(history, created.name)] == [
        (2, c.VERSION_KIND_UPDATED),
        (1, c.VERSION_KIND_CREATED),
    ]
    store.versions.move(mongo_db["duties"], mongo_db["duties"].find_one({"_id": created.name}))
    assert mongo_db["versions"].find_one({"name": created.name, "revision": 2})["kind"] == (
        "VERSION_KIND_UPDATED"
    )
    # And a tentative deletion never overwrites a version that happened.
    with pytest.raises(Aborted):
        store.versions.store_tentative(
            new_version(created.name, 2, DELETED, created.update_time.ToDatetime(), {}, None)
        )
    duties.delete(created.name, "")
    assert all_versions(history, created.name)[0].kind == c.VERSION_KIND_DELETED


def test_concurrent_writers_leave_exactly_one_version_per_revision(
    minzheng, duties, history
) -> None:
    created = duties.create(
        MZ, "dibao", c.Duty(display_name="v0", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    done: list[int] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        for i in range(4):
            while True:
                try:
                    updated = rename(duties, created.name, f"w{n}-{i}")
                except Aborted:
                    continue  # another writer got there first: read again and retry
                with lock:
                    done.append(updated.revision)
                break

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(done) == list(range(2, 18))
    assert [v.revision for v in all_versions(history, created.name, 5)] == list(range(17, 0, -1))


def test_every_kind_of_entity_has_a_history(minzheng, catalog, calling_systems, history) -> None:
    res = catalog.create_resource(
        MZ,
        "dibao",
        c.InformationResource(
            display_name="最低生活保障对象信息",
            abstract="低保家庭",
            format=cm.RESOURCE_FORMAT_DATABASE,
            update_cycle=cm.UPDATE_CYCLE_MONTHLY,
            classification=c.Classification(
                category=cm.CLASSIFICATION_CATEGORY_THEME, classification_code="203001001"
            ),
            sharing=c.SharingAttributes(
                share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
            ),
        ),
    )
    catalog.transition(res.name, "", c.RESOURCE_STATE_SUBMITTED)
    [submitted, _] = all_versions(history, res.name)
    assert submitted.kind == c.VERSION_KIND_STATE_CHANGED
    assert {ch.field for ch in submitted.changes} == {"state", "state_changes"}
    system = calling_systems.create(
        "mz-portal",
        c.CallingSystem(
            display_name="民政门户",
            certificate_subject="mz-portal",
            organization=MZ,
            roles=["catalog_reader"],
        ),
    )
    assert [v.kind for v in all_versions(history, system.name)] == [c.VERSION_KIND_CREATED]
    assert [v.kind for v in all_versions(history, MZ)] == [c.VERSION_KIND_CREATED]
    with pytest.raises(NotFound):
        history.get_history(f"{MZ}/demands/never", 0, "")
    with pytest.raises(InvalidArgument):
        history.get_history("organizations/minzheng/grants/x", 0, "")


def test_the_history_of_an_unpublished_resource_is_its_own_organisations(
    minzheng, catalog, history
) -> None:
    res = catalog.create_resource(
        MZ,
        "draft",
        c.InformationResource(
            display_name="草稿",
            abstract="草稿",
            format=cm.RESOURCE_FORMAT_DATABASE,
            update_cycle=cm.UPDATE_CYCLE_MONTHLY,
            classification=c.Classification(
                category=cm.CLASSIFICATION_CATEGORY_THEME, classification_code="203001"
            ),
            sharing=c.SharingAttributes(
                share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
            ),
        ),
    )
    with acting_as(CLERK):
        assert len(all_versions(history, res.name)) == 1
    stranger = CallContext(system="callingSystems/x", organization="organizations/gongan")
    with acting_as(stranger), pytest.raises(NotFound):
        history.get_history(res.name, 0, "")
    catalog.delete_resource(res.name, "")
    with acting_as(stranger), pytest.raises(NotFound):
        history.get_history(res.name, 0, "")
    with acting_as(CLERK):
        assert all_versions(history, res.name)[0].kind == c.VERSION_KIND_DELETED
