"""The unified view's read model on the real FerretDB: one scan, then kept current from the
store's write notifications; writes it was not told of show after the maximum age."""

from __future__ import annotations

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.read_model import CatalogueReadModel, WriteListeners
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore

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


def test_notified_writes_show_at_once_and_others_after_the_maximum_age(mongo_db) -> None:
    listeners = WriteListeners()
    notified = CatalogStore(mongo_db, notify=listeners)
    notified.ensure_indexes()
    clock = Clock()
    model = CatalogueReadModel(notified, max_age=60.0, clock=clock)
    listeners.add(model.notify)
    catalog = Catalog(notified)
    catalog.create_organization(
        "minzheng",
        c.Organization(
            display_name="民政局",
            unified_social_credit_code=credit_code(3),
            kind=c.ORGANIZATION_KIND_DEPARTMENT,
        ),
    )
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
