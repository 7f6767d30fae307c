"""How every govdata process reaches RabbitMQ: the effective URI and the TLS options.

The api's publisher (kombu, through nameko's ``Publisher``) and the nameko workers (config
keys ``AMQP_URI`` and ``AMQP_SSL``) must connect the same way, so both take their connection
from ``amqp_params``. Credentials from ``GOVDATA_AMQP_USERNAME``/``_PASSWORD`` (a Secret)
replace those written in ``GOVDATA_AMQP_URI``, so the URI itself can stay free of secrets.

TLS follows the URI: ``amqps://`` always verifies the broker's certificate and host name
(against ``GOVDATA_AMQP_TLS_CA_FILE``, else the system's CAs). TLS files with an ``amqp://``
URI are refused at start rather than silently ignored, since that would send the
credentials in clear text while the operator believes the link is encrypted.
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from govdata.runtime.config import ConfigError, Settings

MASK = "***"


@dataclass(frozen=True)
class AmqpParams:
    """A RabbitMQ connection: ``uri`` (may hold the password) and kombu's ``ssl`` options.

    ``ssl`` is None for plain AMQP, else a py-amqp ``ssl`` dict (``ca_certs``, ``certfile``,
    ``keyfile``, ``cert_reqs``, ``server_hostname``) as ``kombu.Connection(ssl=...)`` and
    nameko's ``AMQP_SSL`` take it. ``repr`` shows the URI with its password masked.
    """

    uri: str = field(repr=False)
    ssl: dict[str, Any] | None

    @property
    def safe_uri(self) -> str:
        """The URI with the password masked: the form to log or put in an error."""
        return mask_password(self.uri)

    def __repr__(self) -> str:
        return f"AmqpParams(uri={self.safe_uri!r}, ssl={self.ssl!r})"


def mask_password(uri: str) -> str:
    """``uri`` with the password in its user-info (if any) replaced by ``***``."""
    parts = urlsplit(uri)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    user, colon, _ = userinfo.partition(":")
    if not at or not colon:
        return uri
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{hostport}"))


def _with_credentials(uri: str, username: str | None, password: str | None) -> str:
    """``uri`` with the configured user and/or password in place of those written in it."""
    if username is None and password is None:
        return uri
    parts = urlsplit(uri)
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, colon, secret = userinfo.partition(":")
    if username is not None:
        user = quote(username, safe="")
    if password is not None:
        secret, colon = quote(password, safe=""), ":"
    netloc = f"{user}{colon}{secret}@{hostport}"
    return urlunsplit(parts._replace(netloc=netloc))


def _readable(variable: str, path: str) -> str:
    # py-amqp would only open it on the first connection, in a worker's consumer thread,
    # where a typo becomes an endless reconnect loop instead of a start-up error.
    if not os.access(path, os.R_OK):
        raise ConfigError(f"{variable}={path!r}: no such readable file")
    return path


def amqp_params(settings: Settings) -> AmqpParams:
    """The connection every process uses; raises ``ConfigError`` on contradictory settings."""
    uri = _with_credentials(settings.amqp_uri, settings.amqp_username, settings.amqp_password)
    parts = urlsplit(uri)
    tls_files = {
        "GOVDATA_AMQP_TLS_CA_FILE": settings.amqp_tls_ca_file,
        "GOVDATA_AMQP_TLS_CERT_FILE": settings.amqp_tls_cert_file,
        "GOVDATA_AMQP_TLS_KEY_FILE": settings.amqp_tls_key_file,
    }
    configured = [name for name, path in tls_files.items() if path is not None]
    if parts.scheme != "amqps":
        if configured:
            raise ConfigError(
                f"{', '.join(configured)} set, but GOVDATA_AMQP_URI={mask_password(uri)!r} "
                "is not amqps://: use an amqps:// URI to connect over TLS"
            )
        return AmqpParams(uri, None)
    if settings.amqp_tls_key_file is not None and settings.amqp_tls_cert_file is None:
        raise ConfigError("GOVDATA_AMQP_TLS_KEY_FILE set without GOVDATA_AMQP_TLS_CERT_FILE")
    options: dict[str, Any] = {
        "cert_reqs": ssl.CERT_REQUIRED,
        # py-amqp checks the host name only when given one; kombu would fill in the URI's
        # host itself, but by mutating the dict shared by every connection of the process.
        "server_hostname": parts.hostname,
    }
    if settings.amqp_tls_ca_file is not None:
        options["ca_certs"] = _readable("GOVDATA_AMQP_TLS_CA_FILE", settings.amqp_tls_ca_file)
    if settings.amqp_tls_cert_file is not None:
        options["certfile"] = _readable("GOVDATA_AMQP_TLS_CERT_FILE", settings.amqp_tls_cert_file)
    if settings.amqp_tls_key_file is not None:
        options["keyfile"] = _readable("GOVDATA_AMQP_TLS_KEY_FILE", settings.amqp_tls_key_file)
    return AmqpParams(uri, options)
