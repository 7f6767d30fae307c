"""svc-search's nameko worker: keeps the search indices in step with the catalogue's events."""

from __future__ import annotations

from typing import Any

from nameko.extensions import DependencyProvider

from gov.events.v1 import events_pb2
from govdata.runtime.inbox import apply_once
from govdata.runtime.registry_view import RegistryView
from govdata.runtime.stores import opensearch_client
from govdata.runtime.worker import SETTINGS_KEY, ServiceDatabase, ServiceInbox, event_handler
from govdata.search import index
from govdata.search.indexer import Indexer


class SearchIndexer(DependencyProvider):
    """One OpenSearch client per worker process; indices are created at start if missing."""

    def setup(self) -> None:
        client = opensearch_client(self.container.config[SETTINGS_KEY])
        indices = index.Indices()
        index.ensure_when_ready(client, indices)
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
        apply_once(
            self.inbox,
            body,
            events_pb2.InformationResourceChanged,
            lambda envelope, event: self.indexer.apply_resource(event),
        )

    @event_handler("catalog", "gov.events.v1.OrganizationChanged")
    def on_organization_changed(self, body: bytes) -> None:
        apply_once(
            self.inbox,
            body,
            events_pb2.OrganizationChanged,
            lambda envelope, event: self.indexer.apply_organization(event),
        )
