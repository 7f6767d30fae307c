"""svc-catalog's nameko worker: keeps the exchange's grants for the unified view, and
acknowledges the catalogue's own duty, system and demand events.

Every event type needs a consumer: the outbox relay publishes ``mandatory``, so an event no
queue is bound for would wait in its outbox for ever. Nothing in the catalogue acts on its own
inventory events yet (svc-search indexes resources and organisations), so each is only
checked and acknowledged. ``GrantChanged`` from svc-exchange is kept (``consumer_grants``),
once per event id. The catalogue's gauges are counted by the api from its read model
(``gauges.py``).
"""

from __future__ import annotations

import logging

from google.protobuf.message import DecodeError

from gov.events.v1 import events_pb2
from govdata.catalog import consumer_grants
from govdata.runtime import metrics
from govdata.runtime.events import parse_envelope
from govdata.runtime.inbox import apply_once
from govdata.runtime.worker import ServiceDatabase, ServiceInbox, event_handler

log = logging.getLogger(__name__)


class CatalogWorker:
    name = "catalog"
    database = ServiceDatabase()
    inbox = ServiceInbox()

    @event_handler("exchange", "gov.events.v1.GrantChanged")
    def on_grant_changed(self, body: bytes) -> None:
        """Who consumes a resource through a grant, for ``ListResourceParties``."""
        apply_once(
            self.inbox,
            body,
            events_pb2.GrantChanged,
            lambda envelope, change: consumer_grants.apply(
                self.database[consumer_grants.COLLECTION], change
            ),
        )

    @event_handler("catalog", "gov.events.v1.DutyChanged")
    def on_duty_changed(self, body: bytes) -> None:
        self._inventory_changed(body, "gov.events.v1.DutyChanged")

    @event_handler("catalog", "gov.events.v1.InformationSystemChanged")
    def on_system_changed(self, body: bytes) -> None:
        self._inventory_changed(body, "gov.events.v1.InformationSystemChanged")

    @event_handler("catalog", "gov.events.v1.SharingDemandChanged")
    def on_demand_changed(self, body: bytes) -> None:
        self._inventory_changed(body, "gov.events.v1.SharingDemandChanged")

    def _inventory_changed(self, body: bytes, event_type: str) -> None:
        try:
            parse_envelope(body)
        except (DecodeError, ValueError) as exc:
            log.error("rejected malformed %s event: %s", event_type, exc)
            metrics.EVENTS_CONSUMED.labels(event_type, "rejected").inc()
            return
        metrics.EVENTS_CONSUMED.labels(event_type, "applied").inc()
