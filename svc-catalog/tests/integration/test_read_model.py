"""The unified view's read model on the real FerretDB: one scan, then kept current from the
store's write notifications; writes it was not told of show after the maximum age."""

from __future__ import annotations

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.read_model import CatalogueReadModel, WriteListeners
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore
from govdata.runtime.errors import NotFound

from .conftest import credit_code

MZ = "organizations/minzheng"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def resource(name: str) -> c.InformationResource:
    return c.InformationResource(
        display_name=name,
        abstract="摘要",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="101001"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
        data_items=[c.DataItem(name="姓名", type=cm.DATA_ITEM_TYPE_CHARACTER)],
    )


def served_catalogue(
    mongo_db, clock: Clock | None = None
) -> tuple[CatalogStore, CatalogueReadModel, Catalog]:
    """A store whose writes the read model hears, as the api wires them, and the 民政局."""
    listeners = WriteListeners()
    store = CatalogStore(mongo_db, notify=listeners)
    store.ensure_indexes()
    model = CatalogueReadModel(store, max_age=60.0, clock=clock or Clock())
    listeners.add(model.notify)
    catalog = Catalog(store)
    catalog.create_organization(
        "minzheng",
        c.Organization(
            display_name="民政局",
            unified_social_credit_code=credit_code(3),
            kind=c.ORGANIZATION_KIND_DEPARTMENT,
        ),
    )
    return store, model, catalog


def test_notified_writes_show_at_once_and_others_after_the_maximum_age(mongo_db) -> None:
    clock = Clock()
    _, model, catalog = served_catalogue(mongo_db, clock)
    first = catalog.create_resource(MZ, "dibao", resource("低保"))
    assert list(model.resources()) == [first.name]
    assert MZ in model.tree()

    # a write through the notified store: the next read has it, fetched by _id
    updated = catalog.create_resource(MZ, "tekun", resource("特困"))
    assert set(model.resources()) == {first.name, updated.name}
    catalog.delete_resource(updated.name, "")
    assert set(model.resources()) == {first.name}
    renamed = catalog.transition(first.name, "", c.RESOURCE_STATE_SUBMITTED)
    assert model.resources()[first.name].state == c.RESOURCE_STATE_SUBMITTED
    assert model.resources()[first.name].etag == renamed.etag

    # a writer the model is not told of (another replica): seen after the maximum age
    elsewhere = Catalog(CatalogStore(mongo_db))
    other = elsewhere.create_resource(MZ, "qita", resource("其他"))
    assert other.name not in model.resources()
    clock.now += 61
    assert other.name in model.resources()


def test_an_unchanged_model_reads_nothing(mongo_db) -> None:
    store = CatalogStore(mongo_db)
    store.ensure_indexes()
    model = CatalogueReadModel(store, clock=Clock())
    first = model.systems()
    assert first == {}
    # the same dict, not a new scan
    assert model.systems() is first


def test_gets_answered_from_the_model_read_their_own_writes(mongo_db) -> None:
    served, _, catalog = served_catalogue(mongo_db)
    created = catalog.create_resource(MZ, "dibao", resource("低保"))
    assert catalog.get_resource(created.name) == created
    submitted = catalog.transition(created.name, created.etag, c.RESOURCE_STATE_SUBMITTED)
    got = catalog.get_resource(created.name)
    assert got == submitted and got.etag != created.etag
    # what the store itself holds
    assert got == served.resource(served.resources.get(created.name))
    # the copy handed out is the caller's: changing it changes nothing held
    got.display_name = "改动"
    assert catalog.get_resource(created.name).display_name == "低保"
    draft = catalog.create_resource(MZ, "tekun", resource("特困"))
    assert catalog.get_resource(draft.name) == draft
    catalog.delete_resource(draft.name, draft.etag)
    with pytest.raises(NotFound):
        catalog.get_resource(draft.name)
