"""pytest fixtures shared by every service's tests (loaded by the repository's conftest.py).

Fixtures that need a server connect to the real one (addresses from the same GOVDATA_*
variables the processes read) and *fail* when it is missing: a test never skips itself.
Each test gets its own database or index prefix, removed afterwards, so tests can run
beside a platform started with ``make run``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pymongo.database import Database

from govdata.runtime.config import Settings
from govdata.runtime.stores import mongo_database, opensearch_client


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env("test", "test")


def fresh_database() -> tuple[Database, Callable[[], None]]:
    """A new database on the real MongoDB-protocol server and the function that drops it.

    Fails at once (the ping) when the server is missing: a test never skips itself.
    """
    base = Settings.from_env("test", "test")
    name = f"test_{uuid.uuid4().hex[:12]}"
    database = mongo_database(
        Settings.from_env(
            "test",
            "test",
            {"GOVDATA_MONGO_URI": base.mongo_uri, "GOVDATA_MONGO_DATABASE": name},
        )
    )
    database.client.admin.command("ping")

    def drop() -> None:
        database.client.drop_database(name)
        database.client.close()

    return database, drop


@pytest.fixture
def mongo_db() -> Iterator[Database]:
    """A fresh database on the real MongoDB-protocol server; dropped after the test."""
    database, drop = fresh_database()
    yield database
    drop()


@pytest.fixture
def search_client(settings: Settings) -> Iterator[Any]:
    client = opensearch_client(settings)
    if not client.ping():
        pytest.fail(f"OpenSearch is not reachable at {settings.opensearch_url}")
    yield client
    client.close()


@pytest.fixture
def index_prefix(search_client: Any) -> Iterator[str]:
    """A prefix for the test's own indices; its indices are deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:10]}-"
    yield prefix
    search_client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


def bound_queue(connection: Any, source: str, event_type: str) -> Any:
    """A throw-away queue bound to ``source``'s nameko event exchange for ``event_type``."""
    import kombu
    from nameko.events import get_event_exchange

    queue = kombu.Queue(
        f"test-{uuid.uuid4().hex[:8]}",
        exchange=get_event_exchange(source, {}),
        routing_key=event_type,
        durable=False,
        auto_delete=True,
    )
    queue(connection.default_channel).declare()
    return queue
