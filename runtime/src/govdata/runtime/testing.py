"""pytest fixtures shared by every service's tests (loaded by the repository's conftest.py).

Fixtures that need a server connect to the real one (addresses from the same GOVDATA_*
variables the processes read) and *fail* when it is missing: a test never skips itself.
Each test gets its own database or index prefix, removed afterwards, so tests can run
beside a platform started with ``make run``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from pymongo.database import Database

from govdata.runtime.config import Settings
from govdata.runtime.stores import mongo_database, opensearch_client


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env("test", "test")


@pytest.fixture
def mongo_db(settings: Settings) -> Iterator[Database]:
    """A fresh database on the real MongoDB-protocol server; dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    database = mongo_database(
        Settings.from_env(
            "test",
            "test",
            {"GOVDATA_MONGO_URI": settings.mongo_uri, "GOVDATA_MONGO_DATABASE": name},
        )
    )
    database.client.admin.command("ping")  # fails the test at once if the server is missing
    yield database
    database.client.drop_database(name)
    database.client.close()


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
