"""The read model's bookkeeping, with in-memory collections: what it reads when, and that a
store failure loses no change."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pymongo.errors import AutoReconnect

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog.read_model import CatalogueReadModel, WriteListeners
from govdata.runtime import outbox
from govdata.runtime.errors import InvalidArgument, Unavailable


class Collection:
    """Documents by _id; counts the scans and the reads by _id; fails while ``down``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.documents: dict[str, dict] = {}
        self.scans = 0
        self.reads = 0
        self.down = False

    def put(self, doc_id: str, deleted: bool = False) -> None:
        self.documents[doc_id] = {"_id": doc_id, outbox.DELETED: deleted}

    def find(self, query, projection):
        if self.down:
            raise AutoReconnect("down")
        self.scans += 1
        return list(self.documents.values())

    def find_one(self, query, projection):
        if self.down:
            raise AutoReconnect("down")
        self.reads += 1
        return self.documents.get(query["_id"])


class Records(SimpleNamespace):
    """The part of ``store.Records`` the read model uses: its collection, and where Lists
    are sent."""

    def __init__(self, collection: Collection) -> None:
        super().__init__(collection=collection, source=None)

    def serve_reads_from(self, source) -> None:
        self.source = source


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def convert(document: dict) -> c.Duty:
    return c.Duty(name=document["_id"])


def fake_store() -> SimpleNamespace:
    """The five collections' records, as ``CatalogStore`` has them, and its converters."""
    return SimpleNamespace(
        **{
            kind: Records(Collection(kind))
            for kind in ("organizations", "resources", "duties", "systems", "demands")
        },
        organization=convert,
        resource=convert,
        duty=convert,
        system=convert,
        demand=convert,
    )


@pytest.fixture
def parts():
    store = fake_store()
    clock = Clock()
    return store.duties.collection, CatalogueReadModel(store, max_age=60, clock=clock), clock


def test_one_scan_then_reads_by_id_of_what_changed(parts) -> None:
    duties, model, clock = parts
    for i in range(20):
        duties.put(f"organizations/o/duties/d{i}")
    assert len(model.duties()) == 20 and duties.scans == 1
    assert model.duties() is model.duties() and duties.scans == 1 and duties.reads == 0
    duties.put("organizations/o/duties/new")
    duties.put("organizations/o/duties/d3", deleted=True)
    model.notify("duties", "organizations/o/duties/new")
    model.notify("duties", "organizations/o/duties/d3")
    model.notify("systems", "organizations/o/systems/s")  # another collection's change
    names = set(model.duties())
    assert "organizations/o/duties/new" in names and "organizations/o/duties/d3" not in names
    assert (duties.scans, duties.reads) == (1, 2)
    clock.now += 61
    model.duties()
    assert duties.scans == 2


def test_many_changes_at_once_are_one_rescan(parts) -> None:
    duties, model, _ = parts
    for i in range(70):
        duties.put(f"organizations/o/duties/d{i}")
    model.duties()
    for i in range(11):  # more than a seventh of 70
        model.notify("duties", f"organizations/o/duties/d{i}")
    model.duties()
    assert (duties.scans, duties.reads) == (2, 0)


def test_a_store_failure_loses_no_change(parts) -> None:
    duties, model, _ = parts
    duties.put("organizations/o/duties/a")
    model.duties()
    duties.put("organizations/o/duties/b")
    model.notify("duties", "organizations/o/duties/b")
    duties.down = True
    with pytest.raises(Unavailable):
        model.duties()
    duties.down = False
    assert set(model.duties()) == {"organizations/o/duties/a", "organizations/o/duties/b"}


def test_write_listeners_fan_out_in_order() -> None:
    heard = []
    listeners = WriteListeners(lambda col, i: heard.append(("relay", col, i)))
    listeners.add(lambda col, i: heard.append(("model", col, i)))
    listeners("resources", "r1")
    assert heard == [("relay", "resources", "r1"), ("model", "resources", "r1")]


def test_lists_are_served_in_name_order_with_filters_totals_and_tokens(parts) -> None:
    duties, model, _ = parts
    for i in range(7):
        duties.put(f"organizations/o/duties/d{i}")
        duties.documents[f"organizations/o/duties/d{i}"]["kind"] = "A" if i % 2 else "B"
    lister = model._parts["duties"].page
    first = lister({"kind": "A"}, 2, "")
    assert [d["_id"] for d in first.documents] == [
        "organizations/o/duties/d1",
        "organizations/o/duties/d3",
    ]
    assert first.total_size == 3 and first.next_page_token
    second = lister({"kind": "A"}, 2, first.next_page_token)
    assert [d["_id"] for d in second.documents] == ["organizations/o/duties/d5"]
    assert second.next_page_token == "" and second.total_size == 3
    with pytest.raises(InvalidArgument):  # a token of one filter is refused by another
        lister({"kind": "B"}, 2, first.next_page_token)
    # a record written between pages is seen by the next page, not served twice
    duties.put("organizations/o/duties/d4a")
    duties.documents["organizations/o/duties/d4a"]["kind"] = "A"
    model.notify("duties", "organizations/o/duties/d4a")
    again = lister({"kind": "A"}, 2, first.next_page_token)
    assert [d["_id"] for d in again.documents] == [
        "organizations/o/duties/d4a",
        "organizations/o/duties/d5",
    ]
    assert again.total_size == 4


def test_every_collection_s_gets_and_lists_are_handed_to_the_read_model() -> None:
    store = fake_store()
    records = {
        k: getattr(store, k) for k in ("organizations", "resources", "duties", "systems", "demands")
    }
    CatalogueReadModel(store)
    store.systems.collection.put("organizations/o/systems/s")
    assert all(r.source is not None for r in records.values())
    assert records["systems"].source.page({}, 0, "").total_size == 1
    assert records["systems"].source.document("organizations/o/systems/s") is not None
    assert records["systems"].source.document("organizations/o/systems/t") is None
