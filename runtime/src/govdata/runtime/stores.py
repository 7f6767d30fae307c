"""MongoDB and OpenSearch clients with timeouts and latency metrics, made the same way everywhere.

A store call that hangs would hold a gRPC thread forever, so every client has bounded
timeouts; a store that is down surfaces as ``Unavailable`` (gRPC UNAVAILABLE) to callers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from pymongo import MongoClient, monitoring
from pymongo.database import Database
from pymongo.errors import OperationFailure

from govdata.runtime.config import ConfigError, Settings
from govdata.runtime.metrics import STORE_FAILURES, STORE_LATENCY

log = logging.getLogger(__name__)


class _MongoLatency(monitoring.CommandListener):
    """Feeds ``govdata_store_call_seconds`` from pymongo's own command events, and logs
    commands slower than ``slow_seconds`` with their shape.

    The shape is the command, the collection and the field names of its filter (values left
    out: they may be personal data), which is what an operator needs to tell a scan from a
    lookup by ``_id`` — on FerretDB the difference is 1,000-fold.
    """

    def __init__(self, slow_seconds: float) -> None:
        self.slow_seconds = slow_seconds
        self._shapes: dict[tuple[Any, int], str] = {}
        self._lock = threading.Lock()

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if len(self._shapes) > 10_000:  # events never finished (a dropped connection)
            with self._lock:
                self._shapes.clear()
        with self._lock:
            self._shapes[(event.connection_id, event.request_id)] = command_shape(
                event.command_name, event.command
            )

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        self._finished(event)

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._finished(event)
        STORE_FAILURES.labels("mongodb", event.command_name).inc()

    def _finished(
        self, event: monitoring.CommandSucceededEvent | monitoring.CommandFailedEvent
    ) -> None:
        seconds = event.duration_micros / 1e6
        STORE_LATENCY.labels("mongodb", event.command_name).observe(seconds)
        with self._lock:
            shape = self._shapes.pop((event.connection_id, event.request_id), None)
        if seconds >= self.slow_seconds:
            log.warning(
                "slow mongodb command (%.2f s) on %s: %s",
                seconds,
                event.database_name,
                shape or event.command_name,
            )


def command_shape(name: str, command: Mapping[str, Any]) -> str:
    """``find resources {provider, state}``: a command's collection and filter field names."""
    collection = command.get(name)
    spec: Any = command.get("filter")
    if spec is None and name in ("update", "delete"):
        statements = command.get("updates" if name == "update" else "deletes") or []
        spec = statements[0].get("q") if statements else None
    if spec is None and name == "findAndModify":
        spec = command.get("query")
    if spec is None and name == "aggregate":
        stages = command.get("pipeline") or []
        spec = stages[0].get("$match") if stages else None
    fields = sorted(_field_names(spec)) if isinstance(spec, Mapping) else []
    target = collection if isinstance(collection, str) else ""
    return f"{name} {target} {{{', '.join(fields)}}}".replace("  ", " ")


def _field_names(spec: Mapping[str, Any]) -> set[str]:
    names: set[str] = set()
    for key, value in spec.items():
        if key in ("$and", "$or", "$nor") and isinstance(value, list):
            for part in value:
                if isinstance(part, Mapping):
                    names |= _field_names(part)
        elif not key.startswith("$"):
            names.add(key)
    return names


def mongo_client_options(settings: Settings) -> dict[str, Any]:
    """``MongoClient`` keyword arguments besides the URI: timeouts, credentials and TLS.

    Credentials go as arguments, not into the URI, so the password never sits in a string
    that might be logged; authSource is left to pymongo's default (the URI's database,
    else ``admin``). Either TLS file turns TLS on; the CA file replaces the system's CAs.
    """
    timeout = settings.mongo_timeout_ms
    options: dict[str, Any] = {
        "appname": f"govdata-{settings.service}-{settings.process}",
        "serverSelectionTimeoutMS": timeout,
        "connectTimeoutMS": timeout,
        "socketTimeoutMS": timeout,
        "tz_aware": True,
    }
    if settings.mongo_username is not None:
        options["username"] = settings.mongo_username
    if settings.mongo_password is not None:
        options["password"] = settings.mongo_password
    if settings.mongo_tls_ca_file is not None or settings.mongo_tls_client_file is not None:
        options["tls"] = True
    if settings.mongo_tls_ca_file is not None:
        options["tlsCAFile"] = settings.mongo_tls_ca_file
    if settings.mongo_tls_client_file is not None:
        options["tlsCertificateKeyFile"] = settings.mongo_tls_client_file
    return options


def mongo_database(settings: Settings) -> Database:
    """The service's own database. Connecting is lazy; the first call fails if it is down."""
    client: MongoClient = MongoClient(
        settings.mongo_uri,
        event_listeners=[_MongoLatency(settings.mongo_slow_ms / 1000)],
        **mongo_client_options(settings),
    )
    return client[settings.mongo_database]


def opensearch_client_options(settings: Settings) -> dict[str, Any]:
    """``OpenSearch`` keyword arguments: timeouts, basic authentication and TLS.

    An https URL always verifies the server's certificate (the configured CA, else the
    system's); a CA file with an http URL is refused rather than ignored, as that would
    send requests (and the password) in clear text while the operator believes otherwise.
    """
    options: dict[str, Any] = {
        "hosts": [settings.opensearch_url],
        "timeout": settings.opensearch_timeout_seconds,
        "max_retries": 2,
        "retry_on_timeout": True,
        "http_compress": False,
        # one kept-open connection per concurrent caller (urllib3 keeps 1 by default, so
        # concurrent searches reconnected on every request)
        "pool_maxsize": max(settings.grpc_workers, 4),
    }
    if settings.opensearch_username is not None or settings.opensearch_password is not None:
        options["http_auth"] = (
            settings.opensearch_username or "",
            settings.opensearch_password or "",
        )
    if urlparse(settings.opensearch_url).scheme == "https":
        options["use_ssl"] = True
        options["verify_certs"] = True
        if settings.opensearch_tls_ca_file is not None:
            options["ca_certs"] = settings.opensearch_tls_ca_file
    elif settings.opensearch_tls_ca_file is not None:
        # (the URL is not quoted: it may carry a password)
        raise ConfigError(
            "GOVDATA_OPENSEARCH_TLS_CA_FILE set, but GOVDATA_OPENSEARCH_URL is not https://"
        )
    return options


def opensearch_client(settings: Settings):  # type: ignore[no-untyped-def]
    """An OpenSearch client with the configured timeout and a few retries on timeouts."""
    from opensearchpy import OpenSearch  # only svc-search needs it at import time

    return OpenSearch(**opensearch_client_options(settings))


_ferretdb_clients: dict[int, bool] = {}


def write_filter(collection: Any, doc_id: Any, conditions: dict[str, Any]) -> dict[str, Any]:
    """The filter for a write to one document whose ``conditions`` were just checked.

    On MongoDB the conditions stay in the filter, so the write is atomic with its check
    even across replicas. FerretDB 1.x scans the whole collection for any filter with more
    than ``_id`` (0.2-0.5 s at a thousand documents), so there the write goes by ``_id``
    alone: the caller holds ``document_lock`` and has checked ``conditions`` on a read made
    under it, which is equivalent while one process writes the collection (the local setup).
    """
    if single_writer(collection):
        return {"_id": doc_id}
    return {"_id": doc_id, **conditions}


def single_writer(collection: Any) -> bool:
    """Whether the store is FerretDB, where one api process per service writes its
    collections (the README says why) and a process-local ``document_lock`` is the whole
    concurrency control: conditional filters and leases, needed between MongoDB replicas,
    only cost full scans and extra document writes there."""
    client = collection.database.client
    key = id(client)
    if key not in _ferretdb_clients:
        try:
            info = client.admin.command("buildInfo")
        except (NotImplementedError, OperationFailure):  # in-memory fakes, restricted users
            info = {}
        _ferretdb_clients[key] = "ferretdbVersion" in info
    return _ferretdb_clients[key]
