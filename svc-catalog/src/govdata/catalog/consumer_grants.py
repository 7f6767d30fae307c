"""The catalogue's copy of the exchange's grants: who consumes a resource through a grant.

svc-exchange announces every grant change (``gov.events.v1.GrantChanged``); the catalogue's
worker keeps the latest revision of each grant here, and the unified view's
``ListResourceParties`` lists the consumers from it beside those with sharing demands. Only
the worker writes this collection; the api only reads it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from gov.events.v1 import events_pb2 as e
from gov.exchange.v1 import exchange_pb2 as x
from govdata.catalog.views import ConsumerGrant
from govdata.runtime.errors import Unavailable
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

COLLECTION = "consumer_grants"


def apply(collection: Collection, change: e.GrantChanged) -> None:
    """Keep ``change`` unless a newer revision of the grant is here already."""
    grant = change.grant
    document = {
        "revision": change.revision,
        "resource": grant.resource,
        "consumer": grant.consumer,
        "state": x.GrantState.Name(grant.state).removeprefix("GRANT_STATE_").lower(),
    }
    with document_lock(collection.name, change.name):
        stored = collection.find_one({"_id": change.name}, {"revision": 1})
        if stored is None:
            try:
                collection.insert_one({"_id": change.name, **document})
                return
            except DuplicateKeyError:
                stored = collection.find_one({"_id": change.name}, {"revision": 1})
        if stored is not None and stored["revision"] >= change.revision:
            return
        guard = write_filter(collection, change.name, {"revision": {"$lt": change.revision}})
        collection.update_one(guard, {"$set": document})


class ConsumerGrants:
    """``UnifiedView``'s grants: the grants on one resource, as the catalogue knows them."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def __call__(self, resource: str) -> Iterable[ConsumerGrant]:
        try:
            rows = list(self.collection.find({"resource": resource}))
        except PyMongoError as exc:
            raise Unavailable("the catalogue's store is not answering; retry later") from exc
        return [ConsumerGrant(r["consumer"], r["_id"], r["state"]) for r in rows]
