"""Bootstrap of an ``api`` process: the gRPC server every service runs the same way.

Thread pool (no eventlet), the library health service and server reflection (so grpcurl,
grpc_health_probe and Kubernetes gRPC probes work without our code), message size limits,
the govdata interceptor, a metrics endpoint, and graceful shutdown on SIGTERM: health turns
NOT_SERVING first so load balancers stop sending, in-flight calls get the grace period.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from pymongo.database import Database

from govdata.runtime import logs, metrics
from govdata.runtime.audit import AuditTrail, OutboxAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.events import AmqpPublisher
from govdata.runtime.interceptors import GovdataInterceptor
from govdata.runtime.outbox import OutboxRelay
from govdata.runtime.stores import mongo_database

log = logging.getLogger(__name__)


class ApiServer:
    """A configured, not yet started gRPC server for one service."""

    def __init__(
        self,
        settings: Settings,
        audit_trail: AuditTrail,
        register: Callable[[grpc.Server], Sequence[str]],
        on_stop: Sequence[Callable[[], Any]] = (),
    ) -> None:
        """``register`` adds the servicers and returns their full service names."""
        self.settings = settings
        self._on_stop = list(on_stop)
        limit = settings.grpc_max_message_bytes
        self.server = grpc.server(
            futures.ThreadPoolExecutor(
                max_workers=settings.grpc_workers, thread_name_prefix="grpc"
            ),
            interceptors=[
                GovdataInterceptor(settings.service, audit_trail, f"{settings.service}.govdata")
            ],
            options=[
                ("grpc.max_receive_message_length", limit),
                ("grpc.max_send_message_length", limit),
                ("grpc.so_reuseport", 0),
            ],
        )
        self.health = health.HealthServicer(experimental_non_blocking=True)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        self.service_names = list(register(self.server))
        reflection.enable_server_reflection(
            [*self.service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], self.server
        )
        address = f"{settings.grpc_host}:{settings.grpc_port}"
        # Transport security (mutual TLS) arrives with the identity-and-access work.
        self.port = self.server.add_insecure_port(address)
        if self.port == 0:
            raise OSError(f"cannot listen on {address}")
        self._stopped = threading.Event()

    def start(self) -> None:
        self.server.start()
        for name in [*self.service_names, ""]:
            self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        log.info("gRPC api listening on %s:%d", self.settings.grpc_host, self.port)

    def stop(self) -> None:
        """Stop serving: NOT_SERVING, drain in-flight calls, then run the stop hooks."""
        if self._stopped.is_set():
            return
        self.health.enter_graceful_shutdown()
        self.server.stop(self.settings.shutdown_grace_seconds).wait()
        for hook in self._on_stop:
            try:
                hook()
            except Exception:
                log.exception("stop hook failed")
        self._stopped.set()

    def serve_forever(self) -> None:
        """Start, serve metrics, and block until SIGTERM or SIGINT has stopped the server."""
        metrics.serve_metrics(self.settings.metrics_port)
        self.start()

        def on_signal(signum: int, frame: Any) -> None:
            log.info("signal %s: shutting down", signum)
            threading.Thread(target=self.stop, name="shutdown").start()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        self._stopped.wait()
        log.info("gRPC api stopped")


@dataclass(frozen=True)
class ApiDependencies:
    """What an api's servicers are built from; wired once here, swapped in tests."""

    settings: Settings
    database: Database
    relay: OutboxRelay


def run_api(
    service: str,
    register: Callable[[grpc.Server, ApiDependencies], Sequence[str]],
    outbox_collections: Sequence[str] = (),
) -> None:
    """Entry point of a service's api process: configure, wire, serve until SIGTERM.

    ``outbox_collections`` are the collections whose documents carry outbox entries; the
    audit carrier collection is always relayed too.
    """
    settings = Settings.from_env(service, "api")
    logs.configure(service, "api", settings.log_level)
    database = mongo_database(settings)
    relay = OutboxRelay(
        [database[name] for name in [*outbox_collections, OutboxAuditTrail.COLLECTION]],
        source=service,
        publisher=AmqpPublisher(settings.amqp_uri),
        scan_seconds=settings.outbox_scan_seconds,
    )
    audit_trail = OutboxAuditTrail(
        database[OutboxAuditTrail.COLLECTION], service, notify=relay.notify
    )
    deps = ApiDependencies(settings, database, relay)
    server = ApiServer(settings, audit_trail, lambda s: register(s, deps), on_stop=[relay.stop])
    relay.start()
    server.serve_forever()
