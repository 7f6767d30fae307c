"""End-to-end fixtures: the ten processes started by scripts/processes.py, as ``make run`` does.

The local servers must already run (``make test`` starts them first); a missing server
makes the platform fail to start and every test here fail. If the platform was already up
(a developer's ``make run``), it is reused and left running.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed

from gov.catalog.v1 import catalog_pb2_grpc
from gov.search.v1 import search_pb2_grpc

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = [sys.executable, str(ROOT / "scripts" / "processes.py")]
SERVERS = str(ROOT / "scripts" / "servers.sh")
PORTS = {"catalog": 50051, "search": 50052, "exchange": 50053, "verify": 50054, "audit": 50055}
METRICS = {
    "catalog": (9401, 9411),
    "search": (9402, 9412),
    "exchange": (9403, 9413),
    "verify": (9404, 9414),
    "audit": (9405, 9415),
}


def caller(purpose: str = "e2e test") -> tuple[tuple[str, str], ...]:
    return (
        ("x-gov-system", "e2e-tests"),
        ("x-gov-person", "tester"),
        ("x-gov-purpose", purpose),
        ("x-request-id", uuid.uuid4().hex),
    )


@pytest.fixture(scope="session")
def platform() -> Iterator[None]:
    already_up = (
        subprocess.run([*PLATFORM, "status"], capture_output=True, check=False).returncode == 0
    )
    started = subprocess.run([*PLATFORM, "start"], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.fail(f"platform did not start:\n{started.stdout}\n{started.stderr}")
    yield
    if not already_up:
        subprocess.run([*PLATFORM, "stop"], check=False)


@pytest.fixture(scope="session")
def channels(platform) -> Iterator[dict[str, grpc.Channel]]:
    opened = {name: grpc.insecure_channel(f"127.0.0.1:{port}") for name, port in PORTS.items()}
    yield opened
    for channel in opened.values():
        channel.close()


@pytest.fixture(scope="session")
def catalog(channels) -> catalog_pb2_grpc.CatalogServiceStub:
    return catalog_pb2_grpc.CatalogServiceStub(channels["catalog"])


@pytest.fixture(scope="session")
def search(channels) -> search_pb2_grpc.SearchServiceStub:
    return search_pb2_grpc.SearchServiceStub(channels["search"])


def eventually(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Poll ``check`` until it stops raising AssertionError (asynchronous effects)."""
    for attempt in Retrying(
        stop=stop_after_delay(timeout),
        wait=wait_fixed(0.25),
        retry=retry_if_exception_type(AssertionError),
        reraise=True,
    ):
        with attempt:
            return check()
    return None


@pytest.fixture
def tag() -> str:
    """A word unique to one test, so tests share a platform without seeing each other's data."""
    return uuid.uuid4().hex[:8]
