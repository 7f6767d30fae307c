"""The api's read side of the exchange's copy of the catalogue (kept by the worker).

Requests are decided, and records validated, against what the catalogue says of a resource
now: its state, share type, legal basis and data items. The worker keeps that copy from
``InformationResourceChanged`` events; the exchange never reads the catalogue's database.
"""

from __future__ import annotations

from typing import Any

from pymongo.collection import Collection

from gov.catalog.v1 import catalog_pb2 as c
from govdata.exchange.store import guarded
from govdata.runtime.errors import NotFound


class CatalogueCopy:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def resource(self, name: str) -> c.InformationResource:
        """The resource as last announced; NOT_FOUND if it was never announced or deleted."""
        document = guarded(lambda: self.collection.find_one({"_id": name}))
        if document is None or document.get("deleted") or "snapshot" not in document:
            raise NotFound(f"{name} is not in the catalogue")
        return c.InformationResource.FromString(document["snapshot"])

    def published(self) -> list[dict[str, Any]]:
        """Terms of every published resource (for freshness): small, one per resource."""
        return guarded(
            lambda: list(
                self.collection.find(
                    {"state": c.RESOURCE_STATE_PUBLISHED, "deleted": False},
                    {"snapshot": 0},
                )
            )
        )
