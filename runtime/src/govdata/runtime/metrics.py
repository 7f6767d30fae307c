"""Prometheus metrics every govdata process exposes, and the HTTP endpoint serving them.

Names follow Prometheus conventions (``_total``, ``_seconds``). Labels never carry personal
data or unbounded values: methods and event types come from the contracts, not from input.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import Counter, Gauge, Histogram, make_wsgi_app

GRPC_HANDLED = Counter(
    "govdata_grpc_server_handled_total",
    "gRPC calls completed, by service, method and status code.",
    ["grpc_service", "grpc_method", "grpc_code"],
)
GRPC_LATENCY = Histogram(
    "govdata_grpc_server_handling_seconds",
    "Time to serve a gRPC call, from receipt to response.",
    ["grpc_service", "grpc_method"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EVENTS_PUBLISHED = Counter(
    "govdata_events_published_total", "Events confirmed by the broker, by type.", ["event_type"]
)
EVENTS_PUBLISH_FAILED = Counter(
    "govdata_events_publish_failures_total",
    "Attempts to publish an event that the broker did not confirm (retried later).",
    ["event_type"],
)
EVENTS_CONSUMED = Counter(
    "govdata_events_consumed_total",
    "Events handled, by type and result (applied, duplicate, rejected, failed).",
    ["event_type", "result"],
)
EVENTS_REDELIVERED = Counter(
    "govdata_events_redelivered_total",
    "Events the broker delivered again (after a failure or a consumer restart).",
    ["event_type"],
)
OUTBOX_BACKLOG = Gauge(
    "govdata_outbox_backlog_documents",
    "Documents whose outbox holds events the broker has not confirmed yet.",
)
OUTBOX_OLDEST_AGE = Gauge(
    "govdata_outbox_oldest_pending_age_seconds",
    "How long the longest-waiting document with unsent events has waited.",
)
QUEUE_MESSAGES = Gauge(
    "govdata_events_queue_messages",
    "Messages waiting in a queue this worker consumes (ready, not yet delivered): its lag.",
    ["queue"],
)
QUEUE_CONSUMERS = Gauge(
    "govdata_events_queue_consumers",
    "Consumers attached to a queue this worker consumes (0: nobody is draining it).",
    ["queue"],
)
STORE_LATENCY = Histogram(
    "govdata_store_call_seconds",
    "Latency of calls to a store, by store and operation.",
    ["store", "operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
STORE_FAILURES = Counter(
    "govdata_store_call_failures_total",
    "Store calls that failed, by store and operation.",
    ["store", "operation"],
)

RATE_LIMITED = Counter(
    "govdata_rate_limited_total",
    "Calls refused with RESOURCE_EXHAUSTED because the calling system was over its rate.",
    ["system"],
)
ACCESS_DENIED = Counter(
    "govdata_access_denied_total",
    "Calls refused before the handler, by method and reason (ErrorInfo reason).",
    ["service", "method", "reason"],
)
REGISTRY_SYSTEMS = Gauge(
    "govdata_registry_calling_systems",
    "Registered calling systems this api knows (0 means it can admit nobody).",
)
REGISTRY_AGE = Gauge(
    "govdata_registry_age_seconds",
    "Seconds since this api last read the registry of calling systems successfully.",
)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Scrapes every few seconds would flood the logs; stay quiet."""


def serve_metrics(
    port: int, host: str = "0.0.0.0", healthy: Callable[[], bool] = lambda: True
) -> WSGIServer:
    """Serve ``/metrics`` and ``/healthz`` (200 when ``healthy()``) on a daemon thread."""
    metrics_app = make_wsgi_app()

    def app(environ, start_response):  # type: ignore[no-untyped-def]
        if environ.get("PATH_INFO") == "/healthz":
            ok = healthy()
            start_response(
                "200 OK" if ok else "503 Service Unavailable", [("Content-Type", "text/plain")]
            )
            return [b"ok\n" if ok else b"unhealthy\n"]
        return metrics_app(environ, start_response)

    server = make_server(host, port, app, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    return server
