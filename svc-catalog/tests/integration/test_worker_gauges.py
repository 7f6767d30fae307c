"""The catalogue worker's gauge of resources by share type and state."""

from __future__ import annotations

from nameko.testing.services import worker_factory

from govdata.catalog.worker import RESOURCES, CatalogWorker


def test_gauge_skips_tombstones(mongo_db) -> None:
    database = mongo_db
    database["resources"].insert_many(
        [
            {"share_type": "SHARE_TYPE_CONDITIONAL", "state": "RESOURCE_STATE_PUBLISHED"},
            {"share_type": "SHARE_TYPE_CONDITIONAL", "state": "RESOURCE_STATE_PUBLISHED"},
            {
                "share_type": "SHARE_TYPE_CONDITIONAL",
                "state": "RESOURCE_STATE_DRAFT",
                "_deleted": True,
            },
        ]
    )
    worker_factory(CatalogWorker, database=database).refresh_gauges()
    assert RESOURCES.labels("SHARE_TYPE_CONDITIONAL", "RESOURCE_STATE_PUBLISHED")._value.get() == 2
    assert RESOURCES.labels("SHARE_TYPE_CONDITIONAL", "RESOURCE_STATE_DRAFT")._value.get() == 0
