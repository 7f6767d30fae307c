"""Entry point of svc-catalog's api process (``python -m govdata.catalog.api_main``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import grpc
from google.longrunning import operations_pb2_grpc

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.catalog import consumer_grants, gauges
from govdata.catalog.access import OwnOrganization
from govdata.catalog.calling_systems import CallingSystems
from govdata.catalog.consumer_grants import ConsumerGrants
from govdata.catalog.exporting import Contents
from govdata.catalog.gap_candidates import GapCandidates
from govdata.catalog.read_model import CatalogueReadModel, WriteListeners
from govdata.catalog.registry_seed import seed_registry
from govdata.catalog.servicer import CatalogServicer
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore
from govdata.catalog.transfer import CatalogueTransfer
from govdata.catalog.unified_view import UnifiedView
from govdata.runtime import operations, registry
from govdata.runtime.errors import Unavailable
from govdata.runtime.grpc_server import ApiDependencies, run_api
from govdata.runtime.operations import OperationExecutor, OperationStore
from govdata.runtime.tls import service_channel

log = logging.getLogger(__name__)


def reload_on_registry_writes(
    copy: registry.Registry, store: CatalogStore
) -> Callable[[str, Any], None]:
    """A write listener: a registry write reloads this api's copy before it is answered, so
    a system just registered (or suspended) is admitted (or refused) by its very next call
    here. Should the reload fail, the write stands and the copy catches up on its refresh."""

    def listener(collection: str, _name: Any) -> None:
        if collection != store.calling_systems.collection.name:
            return
        try:
            copy.load()
        except Unavailable:
            log.warning("registry copy not reloaded after a registry write; it will refresh")

    return listener


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    """Wire the catalogue: indexes, the registry seed (ConfigError if it is malformed), the
    ``own_organization`` condition, the servicer, and the long-running operations of its
    imports (``google.longrunning.Operations``)."""
    # Every write tells the outbox relay, and the unified view's read model, what it changed.
    listeners = WriteListeners(deps.relay.notify)
    store = CatalogStore(deps.database, notify=listeners)
    store.ensure_indexes()
    calling_systems = CallingSystems(store, roles=deps.policy.roles)
    seed_registry(calling_systems, deps.settings.registry_seed_file)
    if deps.registry is not None:
        listeners.add(reload_on_registry_writes(deps.registry, store))
    deps.conditions.provide("own_organization", OwnOrganization(store.organizations))
    read_model = CatalogueReadModel(store)
    listeners.add(read_model.notify)
    gauges.serve(read_model)
    # Imports run as long-running operations in this process (runtime operations.py).
    executor = OperationExecutor(
        OperationStore(deps.database[operations.COLLECTION]), f"{deps.settings.service}.govdata"
    )
    executor.start()
    deps.stop_hooks.append(executor.shutdown)
    transfer = CatalogueTransfer(
        store,
        listeners,
        executor,
        contents=lambda: Contents(
            list(read_model.organizations().values()),
            list(read_model.duties().values()),
            list(read_model.systems().values()),
            list(read_model.resources().values()),
            list(read_model.demands().values()),
        ),
    )
    catalog_pb2_grpc.add_CatalogServiceServicer_to_server(
        CatalogServicer(
            Catalog(store),
            calling_systems,
            unified_view=UnifiedView(
                read_model, grants=ConsumerGrants(deps.database[consumer_grants.COLLECTION])
            ),
            transfer=transfer,
            gap_candidates=GapCandidates(
                service_channel(deps.settings, deps.settings.search_address)
            ),
        ),
        server,
    )
    operations_pb2_grpc.add_OperationsServicer_to_server(
        operations.OperationsServicer(executor), server
    )
    return [
        catalog_pb2.DESCRIPTOR.services_by_name["CatalogService"].full_name,
        operations.SERVICE_NAME,
    ]


def main() -> None:
    run_api(
        "catalog",
        register,
        outbox_collections=list(CatalogStore.OUTBOX_COLLECTIONS),
    )


if __name__ == "__main__":
    main()
