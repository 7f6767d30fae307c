"""End-to-end fixtures: the ten processes started by scripts/processes.py, as ``make run`` does.

The local servers must already run (``make test`` starts them first); a missing server
makes the platform fail to start and every test here fail. If the platform was already up
(a developer's ``make run``), it is reused and left running.

Calls go over mutual TLS with certificates of the development PKI (``$GOVDATA_HOME/pki``):
by default as the bootstrap administrator; ``registered_system`` registers a calling system
with chosen roles and issues its certificate, as an operator would.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.json_format import MessageToDict
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed

from gov.audit.v1 import audit_pb2, audit_pb2_grpc
from gov.catalog.v1 import catalog_pb2, catalog_pb2_grpc
from gov.search.v1 import search_pb2_grpc
from govdata.runtime import devpki
from govdata.runtime.interceptors import metadata_text
from govdata.runtime.local_platform import (
    API_METRICS_PORTS,
    API_PORTS,
    GRPC_SERVICES,
    WORKER_METRICS_PORTS,
)

ROOT = Path(__file__).resolve().parents[2]
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
PKI = HOME / "pki"
PLATFORM = [sys.executable, str(ROOT / "scripts" / "processes.py")]
SERVERS = str(ROOT / "scripts" / "servers.sh")
PORTS = API_PORTS
METRICS = {s: (API_METRICS_PORTS[s], WORKER_METRICS_PORTS[s]) for s in API_PORTS}
# A method of each service, called with an empty request to see whether a caller is admitted.
PROBE_METHODS = {
    "catalog": "GetOrganization",
    "search": "Search",
    "exchange": "GetGrant",
    "verify": "GetVerificationJob",
    "audit": "GetTreeHead",
}


def caller(purpose: str = "e2e test") -> tuple[tuple[str, str], ...]:
    """Call metadata: the acting person, the purpose and a fresh request id."""
    return (
        ("x-gov-person", "tester"),
        ("x-gov-purpose", metadata_text(purpose)),
        ("x-request-id", uuid.uuid4().hex),
    )


def channel(service: str, subject: str = devpki.ADMIN) -> grpc.Channel:
    """A mutual-TLS channel to a service's api, as the system holding ``subject``'s cert."""
    return devpki.channel(PKI, f"127.0.0.1:{PORTS[service]}", subject)


@pytest.fixture(scope="session")
def platform() -> Iterator[None]:
    already_up = (
        subprocess.run([*PLATFORM, "status"], capture_output=True, check=False).returncode == 0
    )
    started = subprocess.run([*PLATFORM, "start"], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.fail(f"platform did not start:\n{started.stdout}\n{started.stderr}")
    # The demo district, as `make run` loads it (idempotent): the data authority's organisation
    # that the registered systems belong to, and realistic data for every test to work among.
    demo = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    if demo.returncode != 0:
        pytest.fail(f"demo catalogue did not load:\n{demo.stdout}\n{demo.stderr}")
    # As `make run` does: tests start once the demo's events are delivered, so what they
    # wait for is their own writes, not a backlog of hundreds of demo events.
    settled = subprocess.run([*PLATFORM, "settle"], capture_output=True, text=True, check=False)
    if settled.returncode != 0:
        pytest.fail(f"the demo's events were not delivered:\n{settled.stdout}")
    yield
    if not already_up:
        subprocess.run([*PLATFORM, "stop"], check=False)


@pytest.fixture(scope="session")
def channels(platform) -> Iterator[dict[str, grpc.Channel]]:
    opened = {name: channel(name) for name in PORTS}
    yield opened
    for opened_channel in opened.values():
        opened_channel.close()


def register_system(
    catalog: catalog_pb2_grpc.CatalogServiceStub,
    system_id: str,
    roles: list[str],
    organization: str = devpki.PLATFORM_ORGANIZATION,
    rate_limit_per_second: float = 0.0,
) -> catalog_pb2.CallingSystem:
    """Register ``system_id`` (its certificate subject too) and issue its certificate."""
    devpki.issue_to(PKI, system_id, hosts=("127.0.0.1",))
    return catalog.CreateCallingSystem(
        catalog_pb2.CreateCallingSystemRequest(
            calling_system_id=system_id,
            calling_system=catalog_pb2.CallingSystem(
                display_name=f"e2e {system_id}",
                certificate_subject=system_id,
                organization=organization,
                roles=roles,
                rate_limit_per_second=rate_limit_per_second,
            ),
        ),
        metadata=caller(),
    )


def status_of(call: Callable[..., Any], request: Any) -> grpc.StatusCode:
    """The status code a call ends with (OK when it returns)."""
    try:
        call(request, metadata=caller(), timeout=10)
    except grpc.RpcError as error:
        return error.code()
    return grpc.StatusCode.OK


def admitted_everywhere(subject: str, timeout: float = 30.0) -> None:
    """Wait until every api admits ``subject`` (registry events reach each service's copy).

    An unregistered caller gets UNAUTHENTICATED from any method; any other answer (even a
    refusal by role) shows the api knows the system.
    """

    def check() -> None:
        for service, method in PROBE_METHODS.items():
            with channel(service, subject) as opened:
                call = opened.unary_unary(
                    f"/{GRPC_SERVICES[service]}/{method}",
                    request_serializer=lambda _: b"",
                    response_deserializer=lambda raw: raw,
                )
                assert status_of(call, None) != grpc.StatusCode.UNAUTHENTICATED, service

    eventually(check, timeout=timeout)


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


AUDITOR = "e2e-auditor"


def auditor() -> audit_pb2_grpc.AuditServiceStub:
    """svc-audit as the audit office's system (registered on first use)."""
    if AUDITOR not in _auditors:
        with channel("catalog") as opened:
            try:
                register_system(catalog_pb2_grpc.CatalogServiceStub(opened), AUDITOR, ["auditor"])
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                    raise
        admitted_everywhere(AUDITOR)
        _auditors[AUDITOR] = audit_pb2_grpc.AuditServiceStub(channel("audit", AUDITOR))
    return _auditors[AUDITOR]


_auditors: dict[str, audit_pb2_grpc.AuditServiceStub] = {}


def audit_entry(request_id: str) -> audit_pb2.AuditRecord:
    """The one record svc-audit's log holds for ``request_id``, found through QueryAuditRecords
    as an auditor would (waits for it to arrive)."""
    stub = auditor()

    def stored() -> audit_pb2.AuditRecord:
        found = stub.QueryAuditRecords(
            audit_pb2.QueryAuditRecordsRequest(request_id=request_id),
            metadata=caller("e2e audit check"),
            timeout=10,
        ).audit_records
        assert len(found) == 1, found
        return found[0]

    return eventually(stored)


def audit_record(request_id: str) -> dict[str, Any]:
    """``audit_entry`` as a dict in the contract's field names."""
    return MessageToDict(audit_entry(request_id), preserving_proto_field_name=True)


PROMETHEUS_URL = os.environ.get("GOVDATA_PROMETHEUS_URL", "http://127.0.0.1:9095")


def metrics_text(port: int) -> str:
    """One process's ``/metrics`` exposition (its metrics port on loopback)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
        return reply.read().decode()


def prometheus_get(path: str, base: str = PROMETHEUS_URL, **params: str) -> dict[str, Any]:
    """Prometheus' HTTP API reply to ``/api/v1/<path>``, its error replies too (a 400 or 422
    body says what is wrong with a query)."""
    url = f"{base}/api/v1/{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:  # noqa: S310 - loopback
            return json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return json.loads(error.read())


def free_ports(count: int) -> list[int]:
    """Distinct loopback ports free now (held together, then released for a process to take)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()
