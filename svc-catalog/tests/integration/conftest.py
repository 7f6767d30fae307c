"""A catalogue api served in-process over real gRPC, on the real FerretDB."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import grpc
import pytest

from gov.catalog.v1 import catalog_pb2_grpc
from govdata.catalog.api_main import register
from govdata.catalog.credit_code import check_character, organization_code_check
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore
from govdata.runtime.audit import OutboxAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.grpc_server import ApiDependencies, ApiServer
from govdata.runtime.outbox import OutboxRelay

CALLER = (
    ("x-gov-system", "district-portal"),
    ("x-gov-person", "clerk-007"),
    ("x-gov-purpose", "catalogue maintenance"),
)


def credit_code(n: int) -> str:
    """A valid unified social credit code, different for each ``n``."""
    first16 = f"91350100{n:08d}"
    first17 = first16 + organization_code_check(first16[8:])
    return first17 + check_character(first17)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def catalog(mongo_db) -> Catalog:
    store = CatalogStore(mongo_db)
    store.ensure_indexes()
    return Catalog(store)


class _NoPublisher:
    def publish(self, source, event_type, event_id, body):  # pragma: no cover - never started
        raise AssertionError("the relay is not started in these tests")


@pytest.fixture
def stub(mongo_db, settings) -> Iterator[catalog_pb2_grpc.CatalogServiceStub]:
    port = free_port()
    api_settings = Settings.from_env(
        "catalog",
        "api",
        {"GOVDATA_GRPC_PORT": str(port), "GOVDATA_GRPC_MAX_MESSAGE_BYTES": str(1024 * 1024)},
    )
    relay = OutboxRelay([], "catalog", _NoPublisher())
    deps = ApiDependencies(api_settings, mongo_db, relay)
    audit = OutboxAuditTrail(mongo_db[OutboxAuditTrail.COLLECTION], "catalog")
    server = ApiServer(api_settings, audit, lambda s: register(s, deps))
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    yield catalog_pb2_grpc.CatalogServiceStub(channel)
    channel.close()
    server.server.stop(0)
