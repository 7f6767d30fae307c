"""svc-exchange's nameko worker: keeps the exchange's own view of what the catalogue offers.

Sharing requests are decided by a resource's share type and its data items, so the exchange
keeps a local, revision-guarded copy of each resource's sharing terms, fed by catalogue
events (it never reads the catalogue's database).
"""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.exchange.freshness import listed_time
from govdata.runtime.inbox import apply_once
from govdata.runtime.locks import document_lock
from govdata.runtime.registry_view import RegistryView
from govdata.runtime.stores import write_filter
from govdata.runtime.worker import ServiceDatabase, ServiceInbox, event_handler


def sharing_terms(event: events_pb2.InformationResourceChanged) -> dict[str, Any]:
    res = event.resource
    return {
        "revision": event.revision,
        "deleted": event.kind == events_pb2.CHANGE_KIND_DELETED,
        "provider": res.provider,
        "state": res.state,
        "share_type": common_pb2.ShareType.Name(res.sharing.share_type),
        "conditions": res.sharing.conditions,
        "legal_basis": res.sharing.legal_basis,
        "data_items": [item.name for item in res.data_items],
        "key_items": [item.name for item in res.data_items if item.key],
        "update_cycle": common_pb2.UpdateCycle.Name(res.update_cycle),
        # since when a provider owes publications (freshness)
        "listed": listed_time(res),
        # the whole entry, for what the api decides from it (item types and lengths)
        "snapshot": res.SerializeToString(),
    }


class ExchangeWorker(RegistryView):
    name = "exchange"
    database = ServiceDatabase()
    inbox = ServiceInbox()

    @event_handler("catalog", "gov.events.v1.InformationResourceChanged")
    def on_resource_changed(self, body: bytes) -> None:
        apply_once(self.inbox, body, events_pb2.InformationResourceChanged, self._apply)

    def _apply(
        self, envelope: events_pb2.EventEnvelope, event: events_pb2.InformationResourceChanged
    ) -> None:
        terms = sharing_terms(event)
        resources = self.database["resources"]
        with document_lock(resources.name, event.name):
            stored = resources.find_one({"_id": event.name}, {"revision": 1})
            if stored is not None and stored["revision"] >= event.revision:
                return  # this or a newer revision is here already: delivery order is moot
            if stored is not None:
                guard = write_filter(resources, event.name, {"revision": {"$lt": event.revision}})
                resources.update_one(guard, {"$set": terms})
                return
            try:
                resources.insert_one({"_id": event.name, **terms})
            except DuplicateKeyError:  # inserted meanwhile by another worker process
                guard = write_filter(resources, event.name, {"revision": {"$lt": event.revision}})
                resources.update_one(guard, {"$set": terms})
