"""The nameko side of a service: event entrypoint, dependency providers and the process bootstrap.

A worker module must call ``eventlet.monkey_patch()`` before anything else is imported (see
the ``worker_main`` modules); the api processes never import this module, so grpcio never
runs inside an eventlet-patched process.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from typing import Any

from nameko.events import SERVICE_POOL, EventHandler
from nameko.extensions import DependencyProvider
from nameko.runners import ServiceRunner

from govdata.runtime import logs, metrics
from govdata.runtime.amqp import amqp_params
from govdata.runtime.config import Settings
from govdata.runtime.events import SERIALIZER
from govdata.runtime.inbox import MongoInbox
from govdata.runtime.queue_depth import QueueDepthMonitor
from govdata.runtime.stores import mongo_database

log = logging.getLogger(__name__)

SETTINGS_KEY = "GOVDATA_SETTINGS"
_RETRY_PAUSE_SECONDS = 1.0


class GovEventHandler(EventHandler):
    """nameko's event handler with govdata's delivery rules.

    One durable queue per consuming service (``SERVICE_POOL``), messages acknowledged only
    after the handler returns, and requeued when it raises (after a short pause, so a
    dependency outage does not become a hot loop). Redeliveries are counted.
    """

    def __init__(self, source_service: str, event_type: str, **kwargs: Any) -> None:
        kwargs.setdefault("handler_type", SERVICE_POOL)
        kwargs.setdefault("requeue_on_error", True)
        super().__init__(source_service, event_type, **kwargs)

    def handle_message(self, body: Any, message: Any) -> None:
        if message.delivery_info.get("redelivered"):
            metrics.EVENTS_REDELIVERED.labels(self.event_type).inc()
        super().handle_message(body, message)

    def handle_result(
        self, message: Any, worker_ctx: Any, result: Any = None, exc_info: Any = None
    ) -> Any:
        if exc_info is not None:
            time.sleep(_RETRY_PAUSE_SECONDS)  # eventlet-patched: yields to other workers
        return super().handle_result(message, worker_ctx, result, exc_info)


event_handler = GovEventHandler.decorator


class ServiceDatabase(DependencyProvider):
    """The service's own MongoDB database, one client per worker process."""

    def setup(self) -> None:
        self.database = mongo_database(self.container.config[SETTINGS_KEY])

    def get_dependency(self, worker_ctx: Any) -> Any:
        return self.database


class ServiceInbox(DependencyProvider):
    """The consumer's record of applied event ids (collection ``inbox``)."""

    def setup(self) -> None:
        database = mongo_database(self.container.config[SETTINGS_KEY])
        self.inbox = MongoInbox(database["inbox"])

    def get_dependency(self, worker_ctx: Any) -> Any:
        return self.inbox


def nameko_config(settings: Settings) -> dict[str, Any]:
    """nameko's config: the broker reached exactly as the api's publisher reaches it.

    nameko 2.14 passes ``AMQP_SSL`` as ``ssl`` to every kombu connection it makes
    (consumers, publishers, rpc); None means plain AMQP.
    """
    amqp = amqp_params(settings)
    return {
        "AMQP_URI": amqp.uri,
        "AMQP_SSL": amqp.ssl,
        "serializer": SERIALIZER,
        "ACCEPT": [SERIALIZER, "json"],
        "max_workers": 10,
        "PREFETCH_COUNT": 20,
        SETTINGS_KEY: settings,
    }


def consumed_queues(runner: ServiceRunner) -> list[str]:
    """The queues the runner's services consume: nameko's event handlers' and those of any
    dependency consuming on its own (it says so with a ``consumed_queues()`` method)."""
    names: list[str] = []
    for container in runner.containers:
        for entrypoint in container.entrypoints:
            queue = getattr(entrypoint, "queue", None)
            if queue is not None:
                names.append(queue.name)
        for dependency in container.dependencies:
            own = getattr(dependency, "consumed_queues", None)
            if own is not None:
                names.extend(own())
    return sorted(set(names))


def run(service_cls: type, service: str, **config: Any) -> None:
    """Run ``service_cls`` until SIGTERM/SIGINT, with JSON logs and a metrics endpoint.

    ``config`` overrides nameko settings (e.g. a worker that batches needs more deliveries in
    hand than the default ``max_workers``)."""
    settings = Settings.from_env(service, "worker")
    logs.configure(service, "worker", settings.log_level)
    runner = ServiceRunner({**nameko_config(settings), **config})
    runner.add_service(service_cls)
    # healthy once every extension has started; a SIGTERM during the start is held until
    # then (nameko's runner.stop while consumers are still starting never returns)
    started = threading.Event()
    stop_asked = threading.Event()
    metrics.serve_metrics(settings.metrics_port, healthy=started.is_set)

    def stop() -> None:
        import eventlet

        eventlet.spawn_n(runner.stop)

    def shutdown(signum: int, frame: Any) -> None:
        log.info("signal %s: stopping worker", signum)
        if started.is_set():
            stop()
        else:
            stop_asked.set()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    runner.start()
    started.set()
    if stop_asked.is_set():
        stop()
    depth = QueueDepthMonitor(amqp_params(settings), lambda: consumed_queues(runner))
    depth.start()
    log.info("worker started: metrics on :%d", settings.metrics_port)
    runner.wait()
    depth.stop()
    log.info("worker stopped")
