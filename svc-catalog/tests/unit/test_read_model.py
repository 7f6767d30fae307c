"""The read model's bookkeeping, with in-memory collections: what it reads when, and that a
store failure loses no change."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pymongo.errors import AutoReconnect

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog.read_model import CatalogueReadModel, WriteListeners
from govdata.runtime import outbox
from govdata.runtime.errors import Unavailable


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


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def convert(document: dict) -> c.Duty:
    return c.Duty(name=document["_id"])


@pytest.fixture
def parts():
    collections = {
        kind: Collection(kind)
        for kind in ("organizations", "resources", "duties", "systems", "demands")
    }
    store = SimpleNamespace(
        **{k: SimpleNamespace(collection=v) for k, v in collections.items()},
        organization=convert,
        resource=convert,
        duty=convert,
        system=convert,
        demand=convert,
    )
    clock = Clock()
    return collections["duties"], CatalogueReadModel(store, max_age=60, clock=clock), clock


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
