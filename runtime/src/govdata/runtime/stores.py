"""MongoDB and OpenSearch clients with timeouts and latency metrics, made the same way everywhere.

A store call that hangs would hold a gRPC thread forever, so every client has bounded
timeouts; a store that is down surfaces as ``Unavailable`` (gRPC UNAVAILABLE) to callers.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from pymongo import MongoClient, monitoring
from pymongo.database import Database
from pymongo.errors import OperationFailure

from govdata.runtime.config import ConfigError, Settings
from govdata.runtime.metrics import STORE_FAILURES, STORE_LATENCY


class _MongoLatency(monitoring.CommandListener):
    """Feeds ``govdata_store_call_seconds`` from pymongo's own command events."""

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        pass

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        STORE_LATENCY.labels("mongodb", event.command_name).observe(event.duration_micros / 1e6)

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        STORE_LATENCY.labels("mongodb", event.command_name).observe(event.duration_micros / 1e6)
        STORE_FAILURES.labels("mongodb", event.command_name).inc()


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
        settings.mongo_uri, event_listeners=[_MongoLatency()], **mongo_client_options(settings)
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
    client = collection.database.client
    key = id(client)
    if key not in _ferretdb_clients:
        try:
            info = client.admin.command("buildInfo")
        except (NotImplementedError, OperationFailure):  # in-memory fakes, restricted users
            info = {}
        _ferretdb_clients[key] = "ferretdbVersion" in info
    if _ferretdb_clients[key]:
        return {"_id": doc_id}
    return {"_id": doc_id, **conditions}
