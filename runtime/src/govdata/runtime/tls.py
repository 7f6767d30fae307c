"""Mutual TLS for the gRPC apis: server credentials that follow Secret rotation, and channels.

Each api serves TLS and requires a client certificate signed by the configured CA
(``require_client_auth``): a caller without one, with one from another CA, or with an expired
one is refused in the handshake, before any govdata code runs. Which *registered* system the
certificate names is the interceptor's question (``identity``). The certificate files are
re-read when they change, so a rotated Kubernetes Secret takes effect without a restart.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import grpc

from govdata.runtime.config import ConfigError, Settings

log = logging.getLogger(__name__)


def _read(path: str, what: str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc.strerror}") from None
    if not data.strip():
        raise ConfigError(f"the {what} {path} is empty")
    return data


class _RotatingFiles:
    """The server's key, certificate and client CA, re-read when any file's mtime changes."""

    def __init__(self, settings: Settings) -> None:
        self.paths = (settings.tls_key_file, settings.tls_cert_file, settings.tls_ca_file)
        self._lock = threading.Lock()
        self._stamp = self._mtimes()
        self.current = self._load()

    def _mtimes(self) -> tuple[float, ...]:
        return tuple(os.stat(p).st_mtime if os.path.exists(p) else 0.0 for p in self.paths)

    def _load(self) -> grpc.ServerCertificateConfiguration:
        key = _read(self.paths[0], "TLS key (GOVDATA_TLS_KEY_FILE)")
        cert = _read(self.paths[1], "TLS certificate (GOVDATA_TLS_CERT_FILE)")
        ca = _read(self.paths[2], "client CA bundle (GOVDATA_TLS_CA_FILE)")
        return grpc.ssl_server_certificate_configuration([(key, cert)], root_certificates=ca)

    def fetch(self) -> grpc.ServerCertificateConfiguration | None:
        """Called by gRPC on new connections: a new configuration when the files changed."""
        stamp = self._mtimes()
        if stamp == self._stamp:
            return None
        with self._lock:
            try:
                self.current = self._load()
            except ConfigError as exc:  # half-written rotation: keep serving the old files
                log.warning("TLS files changed but cannot be loaded yet: %s", exc)
                return None
            self._stamp = stamp
            log.info("TLS certificate files reloaded")
            return self.current


def server_credentials(settings: Settings) -> grpc.ServerCredentials:
    """Mutual-TLS credentials from the configured files (ConfigError if unreadable)."""
    files = _RotatingFiles(settings)
    return grpc.dynamic_ssl_server_credentials(
        files.current, files.fetch, require_client_authentication=True
    )


def channel_credentials(ca_file: str, cert_file: str, key_file: str) -> grpc.ChannelCredentials:
    """Client credentials: trust ``ca_file``, present ``cert_file``/``key_file``."""
    return grpc.ssl_channel_credentials(
        root_certificates=_read(ca_file, "CA bundle"),
        private_key=_read(key_file, "TLS key"),
        certificate_chain=_read(cert_file, "TLS certificate"),
    )


def service_channel(settings: Settings, target: str) -> grpc.Channel:
    """A channel from this process to another govdata api, under this process's identity."""
    if settings.grpc_plaintext:
        return grpc.insecure_channel(target)
    creds = channel_credentials(settings.tls_ca_file, settings.tls_cert_file, settings.tls_key_file)
    return grpc.secure_channel(target, creds)
