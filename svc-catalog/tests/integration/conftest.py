"""A catalogue api served in-process over real gRPC, on the real FerretDB.

The api runs in the development plain-text mode, where a caller names its certificate subject
in ``x-gov-system``; the systems the tests call as are registered by the api's own registry
seed (``SEEDED``), so every test also starts the api the way a fresh platform starts.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import grpc
import pytest

from gov.catalog.v1 import catalog_pb2_grpc
from govdata.catalog.api_main import register
from govdata.catalog.calling_systems import CallingSystems
from govdata.catalog.credit_code import check_character, organization_code_check
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore
from govdata.runtime import policy, registry
from govdata.runtime.access import Access, RateLimiter
from govdata.runtime.audit import OutboxAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.grpc_server import ApiDependencies, ApiServer
from govdata.runtime.outbox import OutboxRelay

CALLER = (
    ("x-gov-system", "district-portal"),
    ("x-gov-person", "clerk-007"),
    ("x-gov-purpose", "catalogue maintenance"),
)
# A department's catalogue system, for the own_organization condition.
EDITOR = (
    ("x-gov-system", "minzheng-catalogue"),
    ("x-gov-person", "clerk-008"),
    ("x-gov-purpose", "catalogue maintenance"),
)
AUDITOR = (("x-gov-system", "audit-office"), ("x-gov-person", "auditor-1"))

SEEDED = {
    "callingSystems": [
        {
            "callingSystemId": "district-portal",
            "callingSystem": {
                "displayName": "区数据主管部门平台管理",
                "certificateSubject": "district-portal",
                "organization": "organizations/hx-dsjzx",
                "roles": ["platform_admin"],
            },
        },
        {
            "callingSystemId": "minzheng-catalogue",
            "callingSystem": {
                "displayName": "民政局目录系统",
                "certificateSubject": "minzheng-catalogue",
                "organization": "organizations/minzheng",
                "roles": ["catalog_editor"],
            },
        },
        {
            "callingSystemId": "audit-office",
            "callingSystem": {
                "displayName": "审计局审计系统",
                "certificateSubject": "audit-office",
                "organization": "organizations/shenji",
                "roles": ["auditor"],
            },
        },
    ]
}


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
def store(mongo_db) -> CatalogStore:
    store = CatalogStore(mongo_db)
    store.ensure_indexes()
    return store


@pytest.fixture
def catalog(store) -> Catalog:
    return Catalog(store)


@pytest.fixture
def calling_systems(store) -> CallingSystems:
    return CallingSystems(store, roles=policy.load().roles)


class _NoPublisher:
    def publish(self, source, event_type, event_id, body):  # pragma: no cover - never started
        raise AssertionError("the relay is not started in these tests")


@pytest.fixture
def seed_file(tmp_path) -> str:
    path = tmp_path / "registry-seed.json"
    path.write_text(json.dumps(SEEDED, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def stub(mongo_db, settings, seed_file) -> Iterator[catalog_pb2_grpc.CatalogServiceStub]:
    port = free_port()
    api_settings = Settings.from_env(
        "catalog",
        "api",
        {
            "GOVDATA_GRPC_PORT": str(port),
            "GOVDATA_GRPC_MAX_MESSAGE_BYTES": str(1024 * 1024),
            "GOVDATA_GRPC_PLAINTEXT": "true",
            "GOVDATA_REGISTRY_SEED_FILE": seed_file,
        },
    )
    relay = OutboxRelay([], "catalog", _NoPublisher())
    loaded = policy.load()
    conditions = policy.Conditions()
    calling_systems = registry.Registry(
        mongo_db[registry.COLLECTION], api_settings.registry_refresh_seconds
    )
    deps = ApiDependencies(api_settings, mongo_db, relay, loaded, conditions, calling_systems)
    access = Access(
        calling_systems,
        loaded,
        conditions,
        RateLimiter(api_settings.rate_limit_per_second, api_settings.rate_limit_burst),
        plaintext=True,
    )
    audit = OutboxAuditTrail(mongo_db[OutboxAuditTrail.COLLECTION], "catalog")
    server = ApiServer(api_settings, audit, access, lambda s: register(s, deps))
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    yield catalog_pb2_grpc.CatalogServiceStub(channel)
    channel.close()
    server.server.stop(0)
    for hook in deps.stop_hooks:  # the operation executor register started
        hook()
    access.registry.stop()
