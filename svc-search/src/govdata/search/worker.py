"""svc-search's nameko worker: keeps the search indices in step with the catalogue's events."""

from __future__ import annotations

import logging
import time
from typing import Any

from nameko.extensions import DependencyProvider
from prometheus_client import Histogram

from gov.events.v1 import events_pb2
from govdata.runtime.inbox import apply_once
from govdata.runtime.registry_view import RegistryView
from govdata.runtime.stores import opensearch_client
from govdata.runtime.tls import service_channel
from govdata.runtime.worker import SETTINGS_KEY, ServiceDatabase, ServiceInbox, event_handler
from govdata.search import index, rebuild
from govdata.search.indexer import Indexer

log = logging.getLogger(__name__)


class SearchIndexer(DependencyProvider):
    """One OpenSearch client per worker process; indices are created at start if missing,
    and indices of an older layout are migrated by a full rebuild before any event is
    applied (events wait in the queue meanwhile)."""

    def setup(self) -> None:
        settings = self.container.config[SETTINGS_KEY]
        client = opensearch_client(settings)
        indices = index.Indices(settings.search_index_prefix)
        try:
            index.ensure_when_ready(client, indices)
        except index.LayoutOutdated as exc:
            log.warning("%s: migrating them by a rebuild from the catalogue", exc)
            source = rebuild.GrpcCatalogue(service_channel(settings, settings.catalog_address))
            done = rebuild.migrate(client, indices, source)
            log.info("search indices migrated to layout %s in %s s", index.LAYOUT_VERSION, done)
        self.indexer = Indexer(client, indices)

    def get_dependency(self, worker_ctx: Any) -> Indexer:
        return self.indexer


class SearchWorker(RegistryView):
    name = "search"
    indexer: Indexer = SearchIndexer()
    database = ServiceDatabase()
    inbox = ServiceInbox()

    @event_handler("catalog", "gov.events.v1.InformationResourceChanged")
    def on_resource_changed(self, body: bytes) -> None:
        def apply(envelope: events_pb2.EventEnvelope, event: Any) -> None:
            self.indexer.apply_resource(event)
            observe_lag(envelope, "resource")

        apply_once(self.inbox, body, events_pb2.InformationResourceChanged, apply)

    @event_handler("catalog", "gov.events.v1.InformationSystemChanged")
    def on_system_changed(self, body: bytes) -> None:
        def apply(envelope: events_pb2.EventEnvelope, event: Any) -> None:
            self.indexer.apply_system(event)
            observe_lag(envelope, "system")

        apply_once(self.inbox, body, events_pb2.InformationSystemChanged, apply)

    @event_handler("catalog", "gov.events.v1.OrganizationChanged")
    def on_organization_changed(self, body: bytes) -> None:
        def apply(envelope: events_pb2.EventEnvelope, event: Any) -> None:
            self.indexer.apply_organization(event)
            observe_lag(envelope, "organization")

        apply_once(self.inbox, body, events_pb2.OrganizationChanged, apply)


INDEX_LAG = Histogram(
    "govdata_search_index_lag_seconds",
    "From a catalogue change (its event's time) to its application to the search index; "
    "searchable after the index's next refresh (at most 1 s later).",
    ["kind"],
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800),
)


def observe_lag(envelope: events_pb2.EventEnvelope, kind: str) -> None:
    if envelope.HasField("time"):
        lag = time.time() - envelope.time.ToNanoseconds() / 1e9
        INDEX_LAG.labels(kind).observe(max(lag, 0.0))
