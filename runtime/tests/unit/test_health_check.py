"""The health check `helm test` runs, against a real gRPC server with the stock health service."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent import futures

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from govdata.runtime import health_check

SERVICE = "gov.catalog.v1.CatalogService"


@pytest.fixture
def server() -> Iterator[tuple[str, health.HealthServicer]]:
    servicer = health.HealthServicer()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    servicer.set(SERVICE, health_pb2.HealthCheckResponse.NOT_SERVING)
    yield f"127.0.0.1:{port}", servicer
    server.stop(0)


def test_serving_targets_pass_and_the_rest_fail_naming_what_was_seen(server, capsys) -> None:
    address, servicer = server
    assert health_check.main([address]) == 0
    assert health_check.main([address, f"{address}/{SERVICE}"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {address}/{SERVICE}: NOT_SERVING" in out

    servicer.set(SERVICE, health_pb2.HealthCheckResponse.SERVING)
    assert health_check.main([f"{address}/{SERVICE}"]) == 0
    assert health_check.main([f"{address}/gov.nosuch.v1.Service"]) == 1
    assert "NOT_FOUND" in capsys.readouterr().out


def test_an_unreachable_api_fails_within_the_timeout(capsys) -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert health_check.main([f"127.0.0.1:{port}", "--timeout", "0.5"]) == 1
    seen = capsys.readouterr().out
    assert seen.startswith(f"FAIL 127.0.0.1:{port}: ")
    assert "UNAVAILABLE" in seen or "DEADLINE_EXCEEDED" in seen
