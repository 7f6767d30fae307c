"""Entry point of svc-catalog's api process (``python -m govdata.catalog.api_main``)."""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from govdata.catalog.servicer import CatalogServicer
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore
from govdata.runtime.grpc_server import ApiDependencies, run_api


def register(server: grpc.Server, deps: ApiDependencies) -> Sequence[str]:
    store = CatalogStore(deps.database, notify=deps.relay.notify)
    store.ensure_indexes()
    catalog_pb2_grpc.add_CatalogServiceServicer_to_server(CatalogServicer(Catalog(store)), server)
    return [catalog_pb2.DESCRIPTOR.services_by_name["CatalogService"].full_name]


def main() -> None:
    run_api("catalog", register, outbox_collections=["organizations", "resources"])


if __name__ == "__main__":
    main()
