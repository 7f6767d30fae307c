"""``python -m govdata.runtime.health_check ADDRESS[/SERVICE]...``: the platform's health, as
the kubelet sees it.

Asks each api's standard gRPC health service (on its plain-text health port) whether SERVICE
(default: the process as a whole) is SERVING, prints one line per target and exits 1 when any
is not. ``helm test`` runs it against every enabled api; an operator can run it the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def check(target: str, timeout: float) -> tuple[bool, str]:
    """(healthy, what was seen) for ``host:port[/service]``."""
    address, _, service = target.partition("/")
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as exc:
            return False, f"{exc.code().name}: {exc.details()}"
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return reply.status == health_pb2.HealthCheckResponse.SERVING, status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m govdata.runtime.health_check")
    parser.add_argument("targets", nargs="+", metavar="ADDRESS[/SERVICE]")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per check")
    args = parser.parse_args(argv)
    failed = 0
    for target in args.targets:
        healthy, seen = check(target, args.timeout)
        print(f"{'ok  ' if healthy else 'FAIL'} {target}: {seen}")  # noqa: T201 - a CLI
        failed += not healthy
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
