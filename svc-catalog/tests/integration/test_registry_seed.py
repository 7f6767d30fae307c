"""The registry seed at api start, on the real FerretDB."""

from __future__ import annotations

import json
from concurrent import futures

import grpc
import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog.api_main import register
from govdata.catalog.registry_seed import BOOTSTRAP_SYSTEM, seed_registry
from govdata.runtime import outbox, policy, registry
from govdata.runtime.config import ConfigError, Settings
from govdata.runtime.context import current
from govdata.runtime.events import parse_envelope
from govdata.runtime.grpc_server import ApiDependencies
from govdata.runtime.outbox import OutboxRelay

from .conftest import SEEDED


def write(tmp_path, data) -> str:
    path = tmp_path / "seed.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_seeds_absent_systems_once_as_the_bootstrap_identity(
    calling_systems, tmp_path, mongo_db
) -> None:
    path = write(tmp_path, SEEDED)
    # Their organisations do not exist: the seed runs before any organisation is loaded.
    created = seed_registry(calling_systems, path)
    assert created == [
        "callingSystems/district-portal",
        "callingSystems/minzheng-catalogue",
        "callingSystems/audit-office",
    ]
    admin = calling_systems.get("callingSystems/district-portal")
    assert list(admin.roles) == ["platform_admin"]
    assert admin.state == c.CALLING_SYSTEM_STATE_ACTIVE
    document = mongo_db[registry.COLLECTION].find_one({"_id": admin.name})
    [event] = [parse_envelope(item["body"]) for item in document[outbox.OUTBOX]]
    assert event.actor.system == BOOTSTRAP_SYSTEM
    assert current().system == ""  # the bootstrap identity is gone once seeded

    # Existing registrations are never changed, and nothing is written again.
    suspended = calling_systems.update(
        c.CallingSystem(name=admin.name, state=c.CALLING_SYSTEM_STATE_SUSPENDED),
        field_mask_pb2.FieldMask(paths=["state"]),
    )
    assert seed_registry(calling_systems, path) == []
    assert calling_systems.get(admin.name) == suspended
    reader = registry.Registry(mongo_db[registry.COLLECTION])
    assert reader.load() == 3


def test_a_subject_registered_under_another_name_is_left_alone(
    calling_systems, tmp_path, caplog
) -> None:
    taken = c.CallingSystem(
        display_name="另一个名称",
        certificate_subject="district-portal",
        organization="organizations/hx-dsjzx",
        roles=["auditor"],
    )
    calling_systems.bootstrap("renamed-portal", taken)
    created = seed_registry(calling_systems, write(tmp_path, SEEDED))
    assert "callingSystems/district-portal" not in created and len(created) == 2
    assert "district-portal" in caplog.text and "not registered" in caplog.text
    assert list(calling_systems.get("callingSystems/renamed-portal").roles) == ["auditor"]


def test_a_seeded_system_deleted_later_comes_back_at_the_next_start(
    calling_systems, tmp_path, mongo_db
) -> None:
    path = write(tmp_path, SEEDED)
    seed_registry(calling_systems, path)
    gone = calling_systems.get("callingSystems/audit-office")
    calling_systems.delete(gone.name, gone.etag)
    mongo_db[registry.COLLECTION].delete_one({"_id": gone.name})  # relayed: tombstone gone
    assert seed_registry(calling_systems, path) == ["callingSystems/audit-office"]
    assert calling_systems.get(gone.name).revision == 3


def test_no_seed_file_seeds_nothing(calling_systems, mongo_db) -> None:
    assert seed_registry(calling_systems, None) == []
    assert mongo_db[registry.COLLECTION].count_documents({}) == 0


def test_an_invalid_entry_stops_the_seed_before_anything_is_written(
    calling_systems, tmp_path, mongo_db
) -> None:
    bad = {"callingSystems": [*SEEDED["callingSystems"], {"callingSystemId": "x"}]}
    with pytest.raises(ConfigError) as caught:
        seed_registry(calling_systems, write(tmp_path, bad))
    assert "callingSystems[3]" in str(caught.value)
    assert mongo_db[registry.COLLECTION].count_documents({}) == 0


def api_dependencies(mongo_db, seed_path: str) -> ApiDependencies:
    settings = Settings.from_env(
        "catalog",
        "api",
        {"GOVDATA_REGISTRY_SEED_FILE": seed_path, "GOVDATA_GRPC_PLAINTEXT": "true"},
    )
    relay = OutboxRelay([], "catalog", publisher=None)  # type: ignore[arg-type]  # never started
    return ApiDependencies(settings, mongo_db, relay, policy.load(), policy.Conditions())


def test_the_api_seeds_at_start_and_provides_its_condition(tmp_path, mongo_db) -> None:
    deps = api_dependencies(mongo_db, write(tmp_path, SEEDED))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=1))
    assert register(server, deps) == [
        "gov.catalog.v1.CatalogService",
        "google.longrunning.Operations",  # the operations of its imports
    ]
    assert mongo_db[registry.COLLECTION].count_documents({}) == 3
    assert "own_organization" in deps.conditions.names()
    register(grpc.server(futures.ThreadPoolExecutor(max_workers=1)), deps)  # a restart
    assert mongo_db[registry.COLLECTION].count_documents({}) == 3
    for hook in deps.stop_hooks:
        hook()


def test_a_malformed_seed_stops_the_api_with_a_clear_error(tmp_path, mongo_db) -> None:
    deps = api_dependencies(mongo_db, write(tmp_path, '{"callingSystems": [{"callingSystemId": '))
    with pytest.raises(ConfigError) as caught:
        register(grpc.server(futures.ThreadPoolExecutor(max_workers=1)), deps)
    assert str(caught.value).startswith("GOVDATA_REGISTRY_SEED_FILE=")
    assert "not valid JSON" in str(caught.value)
    assert mongo_db[registry.COLLECTION].count_documents({}) == 0
