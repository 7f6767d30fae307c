"""Bootstrap of an ``api`` process: the gRPC server every service runs the same way.

Thread pool (no eventlet), mutual TLS (plain text only by explicit setting), the library health
service and server reflection (so grpcurl, grpc_health_probe and Kubernetes gRPC probes work
without our code), message size limits, the govdata interceptor with the registry, the access
policy and rate limits, a metrics endpoint, and graceful shutdown on SIGTERM: health turns
NOT_SERVING first so load balancers stop sending, in-flight calls get the grace period.

Health: the overall status ("") is SERVING once the server runs; each govdata service's own
status is SERVING only while the api knows at least one registered calling system, so a
readiness probe on the service name waits for the registry.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import descriptor_pool
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from pymongo.database import Database

from govdata.runtime import audit, logs, metrics, registry, tls
from govdata.runtime.access import Access, RateLimiter
from govdata.runtime.audit import AuditTrail, OutboxAuditTrail
from govdata.runtime.config import ConfigError, Settings
from govdata.runtime.events import AmqpPublisher
from govdata.runtime.interceptors import GovdataInterceptor
from govdata.runtime.outbox import OutboxRelay
from govdata.runtime.policy import Conditions, Policy, load
from govdata.runtime.privacy import SubjectKeys
from govdata.runtime.stores import mongo_database

log = logging.getLogger(__name__)


class ApiServer:
    """A configured, not yet started gRPC server for one service."""

    def __init__(
        self,
        settings: Settings,
        audit_trail: AuditTrail,
        access: Access,
        register: Callable[[grpc.Server], Sequence[str]],
        on_stop: Sequence[Callable[[], Any]] = (),
    ) -> None:
        """``register`` adds the servicers and returns their full service names.

        Raises ConfigError when the TLS files cannot be read or the access policy does not
        cover every method served: better not to start than to serve unprotected.
        """
        self.settings = settings
        self.access = access
        access.registry.on_load = self.registry_loaded
        metrics.REGISTRY_AGE.set_function(access.registry.age_seconds)
        self._on_stop = [access.registry.stop, *on_stop]
        limit = settings.grpc_max_message_bytes
        interceptor = GovdataInterceptor(
            settings.service, audit_trail, f"{settings.service}.govdata", access
        )
        self.server = grpc.server(
            futures.ThreadPoolExecutor(
                max_workers=settings.grpc_workers, thread_name_prefix="grpc"
            ),
            interceptors=[interceptor],
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
        self._check_policy()
        address = f"{settings.grpc_host}:{settings.grpc_port}"
        if settings.grpc_plaintext:
            log.warning(
                "GOVDATA_GRPC_PLAINTEXT is set: serving WITHOUT TLS; callers name themselves "
                "in metadata and are not verified. Never do this outside a developer machine."
            )
            self.port = self.server.add_insecure_port(address)
        else:
            self.port = self.server.add_secure_port(address, tls.server_credentials(settings))
        if self.port == 0:
            raise OSError(f"cannot listen on {address}")
        if settings.grpc_health_port:
            # For the kubelet's gRPC probes, which cannot present certificates. Any other
            # method called here is refused: the interceptor finds no client certificate.
            health_address = f"{settings.grpc_host}:{settings.grpc_health_port}"
            if self.server.add_insecure_port(health_address) == 0:
                raise OSError(f"cannot listen on {health_address}")
        self._stopped = threading.Event()

    def _check_policy(self) -> None:
        served = []
        for name in self.service_names:
            service = descriptor_pool.Default().FindServiceByName(name)
            served.extend(f"{name}/{m.name}" for m in service.methods)
        policy = self.access.policy
        policy.check_covers(served)
        needed = {
            rule.condition
            for method in served
            for rule in policy.methods[method].rules
            if rule.condition
        }
        missing = sorted(needed - self.access.conditions.names())
        if missing:
            log.warning(
                "access policy %s: conditions %s cannot be checked by this service yet; "
                "calls that need them are refused",
                policy.version,
                ", ".join(missing),
            )
        log.info("access policy %s loaded for %d methods", policy.version, len(served))

    def registry_loaded(self, count: int) -> None:
        """Registry callback: the services are ready only while someone can call them."""
        metrics.REGISTRY_SYSTEMS.set(count)
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if count
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        if not self._stopped.is_set():
            for name in self.service_names:
                self.health.set(name, status)

    def start(self) -> None:
        self.server.start()
        self.health.set("", health_pb2.HealthCheckResponse.SERVING)
        for name in self.service_names:
            self.health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
        self.access.registry.start()  # its first load makes the services SERVING
        log.info(
            "gRPC api listening on %s:%d (%s)",
            self.settings.grpc_host,
            self.port,
            "plain text" if self.settings.grpc_plaintext else "mutual TLS",
        )

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
    """What an api's servicers are built from; wired once here, swapped in tests.

    A service adds its condition checks to ``conditions`` in its ``register``, and what must
    run when the api stops (e.g. its operation executor's shutdown) to ``stop_hooks``.
    """

    settings: Settings
    database: Database
    relay: OutboxRelay
    policy: Policy
    conditions: Conditions
    # this api's copy of the registry of calling systems (svc-catalog reloads it when it
    # writes the registry, so a system registered a moment ago is admitted at once)
    registry: registry.Registry | None = None
    stop_hooks: list[Callable[[], Any]] = field(default_factory=list)
    # the interceptor's audit trail, for what a handler hands out after its call was
    # audited (each batch of a stream)
    audit_trail: AuditTrail | None = None


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
    try:
        policy = load(settings.policy_file)
        audit.use_subject_keys(SubjectKeys.from_file(settings.subject_key_file))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    database = mongo_database(settings)
    relay = OutboxRelay(
        [database[name] for name in [*outbox_collections, OutboxAuditTrail.COLLECTION]],
        source=service,
        publisher=AmqpPublisher.from_settings(settings),
        scan_seconds=settings.outbox_scan_seconds,
    )
    audit_trail = OutboxAuditTrail(
        database[OutboxAuditTrail.COLLECTION], service, carry=relay.carry
    )
    conditions = Conditions()
    calling_systems = registry.Registry(
        database[registry.COLLECTION], settings.registry_refresh_seconds
    )
    deps = ApiDependencies(
        settings, database, relay, policy, conditions, calling_systems, audit_trail=audit_trail
    )
    access = Access(
        calling_systems,
        policy,
        conditions,
        RateLimiter(settings.rate_limit_per_second, settings.rate_limit_burst),
        plaintext=settings.grpc_plaintext,
    )
    server = ApiServer(
        settings,
        audit_trail,
        access,
        lambda s: register(s, deps),
        # The service's own hooks first: work they stop may still write events to relay.
        on_stop=[lambda: [hook() for hook in deps.stop_hooks], relay.stop],
    )
    relay.start()
    server.serve_forever()
