"""Process configuration, read once from environment variables and validated at start-up.

Every govdata process (api or worker of any service) takes the same variables; the README's
configuration table is generated from ``SETTINGS`` below, so the two cannot drift apart.
A bad value stops the process at start with a message naming the variable, instead of
failing later in the middle of a request.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlparse


class ConfigError(ValueError):
    """A configuration variable is missing or malformed; the message names it."""


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r}: expected a whole number") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r}: must be greater than zero")
    return value


def _non_negative_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r}: expected a number") from None
    if value < 0:
        raise ConfigError(f"{name}={raw!r}: must not be negative")
    return value


def _port(name: str, raw: str) -> int:
    value = _positive_int(name, raw)
    if value > 65535:
        raise ConfigError(f"{name}={raw!r}: not a TCP port")
    return value


def _positive_float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r}: expected a number") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r}: must be greater than zero")
    return value


def _url(*schemes: str) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        parsed = urlparse(raw)
        if parsed.scheme not in schemes or not parsed.hostname:
            raise ConfigError(f"{name}={raw!r}: expected a {'/'.join(schemes)} URL with a host")
        return raw

    return parse


def _log_level(name: str, raw: str) -> str:
    level = raw.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ConfigError(f"{name}={raw!r}: expected DEBUG, INFO, WARNING or ERROR")
    return level


def _text(name: str, raw: str) -> str:
    if not raw.strip():
        raise ConfigError(f"{name} is empty")
    return raw.strip()


def _index_prefix(name: str, raw: str) -> str:
    """OpenSearch index names: lowercase, no separators or wildcards."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,63}", raw):
        raise ConfigError(f"{name}={raw!r}: lowercase letters, digits, '-', '_' or '.' only")
    return raw


def _secret(name: str, raw: str) -> str:
    """Passwords keep their exact value (spaces included) but may not be empty."""
    if not raw:
        raise ConfigError(f"{name} is empty")
    return raw


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"{name}={raw!r}: expected true or false")


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, default, parser and meaning (for the README)."""

    env: str
    attr: str
    default: str | None
    parse: Callable[[str, str], Any]
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "GOVDATA_GRPC_HOST",
        "grpc_host",
        "127.0.0.1",
        _text,
        "Address the api process's gRPC server binds (use 0.0.0.0 in a pod).",
    ),
    Setting("GOVDATA_GRPC_PORT", "grpc_port", "50051", _port, "gRPC port of the api process."),
    Setting(
        "GOVDATA_METRICS_PORT",
        "metrics_port",
        "9400",
        _port,
        "HTTP port serving /metrics (Prometheus) and /healthz for this process.",
    ),
    Setting(
        "GOVDATA_GRPC_WORKERS",
        "grpc_workers",
        "16",
        _positive_int,
        "Threads in the api's gRPC pool: the number of calls served at once.",
    ),
    Setting(
        "GOVDATA_GRPC_MAX_MESSAGE_BYTES",
        "grpc_max_message_bytes",
        "4194304",
        _positive_int,
        "Largest gRPC request or response; bigger requests get RESOURCE_EXHAUSTED.",
    ),
    Setting(
        "GOVDATA_SHUTDOWN_GRACE_SECONDS",
        "shutdown_grace_seconds",
        "10",
        _positive_float,
        "On SIGTERM, how long in-flight calls may finish before the process exits.",
    ),
    Setting(
        "GOVDATA_AMQP_URI",
        "amqp_uri",
        "amqp://guest:guest@127.0.0.1:5682/",
        _url("amqp", "amqps"),
        "RabbitMQ connection for nameko events.",
    ),
    Setting(
        "GOVDATA_MONGO_URI",
        "mongo_uri",
        "mongodb://127.0.0.1:27027/",
        _url("mongodb", "mongodb+srv"),
        "MongoDB (or FerretDB) connection string.",
    ),
    Setting(
        "GOVDATA_MONGO_DATABASE",
        "mongo_database",
        None,
        _text,
        "Database of this service; defaults to govdata_<service>. One per service.",
    ),
    Setting(
        "GOVDATA_MONGO_TIMEOUT_MS",
        "mongo_timeout_ms",
        "5000",
        _positive_int,
        "Server selection, connect and socket timeout for MongoDB calls.",
    ),
    Setting(
        "GOVDATA_MONGO_SLOW_MS",
        "mongo_slow_ms",
        "500",
        _positive_int,
        "MongoDB commands slower than this are logged (command, collection and the field "
        "names of the filter, never values) to find the query behind a slow store.",
    ),
    Setting(
        "GOVDATA_OPENSEARCH_URL",
        "opensearch_url",
        "http://127.0.0.1:9201",
        _url("http", "https"),
        "OpenSearch endpoint (svc-search only).",
    ),
    Setting(
        "GOVDATA_OPENSEARCH_TIMEOUT_SECONDS",
        "opensearch_timeout_seconds",
        "10",
        _positive_float,
        "Timeout of one OpenSearch request.",
    ),
    Setting(
        "GOVDATA_OUTBOX_SCAN_SECONDS",
        "outbox_scan_seconds",
        "60",
        _positive_float,
        "How often the outbox relay scans for unsent events nobody announced (left by a "
        "crash or by a replica that died); writes are relayed at once, failures retried.",
    ),
    Setting("GOVDATA_LOG_LEVEL", "log_level", "INFO", _log_level, "Log level of the JSON logs."),
    # -- transport security and caller identity --------------------------------------------
    Setting(
        "GOVDATA_TLS_CERT_FILE",
        "tls_cert_file",
        "/etc/govdata/tls/tls.crt",
        _text,
        "PEM certificate of this process: served by the api (mutual TLS) and presented when "
        "it calls another govdata api. Re-read when the file changes (Secret rotation).",
    ),
    Setting(
        "GOVDATA_TLS_KEY_FILE",
        "tls_key_file",
        "/etc/govdata/tls/tls.key",
        _text,
        "PEM private key of that certificate.",
    ),
    Setting(
        "GOVDATA_TLS_CA_FILE",
        "tls_ca_file",
        "/etc/govdata/tls/ca.crt",
        _text,
        "PEM bundle of the CA(s) whose client certificates the api accepts, and that signed "
        "the other apis' certificates.",
    ),
    Setting(
        "GOVDATA_GRPC_PLAINTEXT",
        "grpc_plaintext",
        "false",
        _flag,
        "Serve gRPC without TLS (development only; logged as a warning). Callers then name "
        "their registered system in the `x-gov-system` metadata, unverified.",
    ),
    Setting(
        "GOVDATA_GRPC_HEALTH_PORT",
        "grpc_health_port",
        None,
        _port,
        "Optional extra plain-text port for the kubelet's gRPC probes: it serves the health "
        "service only; every other method there is refused (no client certificate).",
    ),
    Setting(
        "GOVDATA_POLICY_FILE",
        "policy_file",
        None,
        _text,
        "Per-method access policy (YAML); defaults to the policy shipped with this version "
        "(`runtime/src/govdata/runtime/access-policy.yaml`).",
    ),
    Setting(
        "GOVDATA_REGISTRY_REFRESH_SECONDS",
        "registry_refresh_seconds",
        "5",
        _positive_float,
        "How often an api re-reads the registry of calling systems; a new or suspended "
        "system takes effect within this time (plus event delivery).",
    ),
    Setting(
        "GOVDATA_REGISTRY_SEED_FILE",
        "registry_seed_file",
        None,
        _text,
        "svc-catalog api only: JSON file of calling systems created at start when absent "
        "(the bootstrap platform administrator). Existing registrations are never changed.",
    ),
    Setting(
        "GOVDATA_SYNONYMS_FILE",
        "synonyms_file",
        None,
        _text,
        "svc-search api only: the government synonym list (YAML, versioned); defaults to the "
        "list shipped with this version (`svc-search/src/govdata/search/data/synonyms.yaml`). "
        "Read at start: a malformed file stops the api with the place named.",
    ),
    Setting(
        "GOVDATA_SEARCH_INDEX_PREFIX",
        "search_index_prefix",
        "govdata-",
        _index_prefix,
        "svc-search only: prefix of the search aliases and indices (`<prefix>resources`, ...), "
        "so two deployments (or a benchmark) can share one OpenSearch cluster.",
    ),
    Setting(
        "GOVDATA_CATALOG_ADDRESS",
        "catalog_address",
        "svc-catalog:50051",
        _text,
        "svc-catalog's gRPC address (host:port), for services that read the catalogue: "
        "svc-search's rebuild, layout migration and drift check.",
    ),
    Setting(
        "GOVDATA_SEARCH_ADDRESS",
        "search_address",
        "svc-search:50051",
        _text,
        "svc-search's gRPC address (host:port): svc-catalog's gap list asks it for the "
        "resources that could satisfy each demand (answered without them when it is down).",
    ),
    Setting(
        "GOVDATA_SEARCH_DRIFT_CHECK_SECONDS",
        "search_drift_check_seconds",
        "300",
        _non_negative_float,
        "svc-search api only: how often the index is compared with the catalogue "
        "(`govdata_search_drift_records`); 0 turns the check off.",
    ),
    Setting(
        "GOVDATA_EXCHANGE_SWEEP_SECONDS",
        "exchange_sweep_seconds",
        "60",
        _non_negative_float,
        "svc-exchange api only: how often unanswered sharing requests are escalated, ended "
        "grants expired and provider freshness measured; 0 turns the sweep off.",
    ),
    Setting(
        "GOVDATA_EXCHANGE_ANSWER_WORKING_DAYS",
        "exchange_answer_working_days",
        "10",
        _positive_int,
        "svc-exchange api only: working days a provider has to answer a conditional sharing "
        "request before it is escalated (national rule: 10).",
    ),
    Setting(
        "GOVDATA_EXCHANGE_ADDRESS",
        "exchange_address",
        "svc-exchange:50051",
        _text,
        "svc-exchange's gRPC address (host:port): svc-verify reads every source through it.",
    ),
    Setting(
        "GOVDATA_VERIFY_JOB_WORKERS",
        "verify_job_workers",
        "16",
        _positive_int,
        "svc-verify api only: verification jobs run at once in one api process (each waits "
        "on the exchange most of its time); more wait in line.",
    ),
    Setting(
        "GOVDATA_VERIFY_SOURCE_SECONDS",
        "verify_source_seconds",
        "5",
        _positive_float,
        "svc-verify api only: how long a job waits for one source, retries included, before "
        "that source's checks are reported incomplete.",
    ),
    Setting(
        "GOVDATA_AUDIT_SIGNING_KEY_FILE",
        "audit_signing_key_file",
        "/etc/govdata/secrets/audit-signing-key",
        _text,
        "svc-audit only: the Ed25519 private key signing tree heads (PKCS#8 PEM, or the 32-byte "
        "seed in base64). Clients check heads with its public key; keep the old public key "
        "published when rotating.",
    ),
    Setting(
        "GOVDATA_AUDIT_ORIGIN",
        "audit_origin",
        "govdata.audit",
        _text,
        "svc-audit only: the log's name, the first line of every signed tree head; give each "
        "deployment its own (e.g. `govdata.audit/haixin`).",
    ),
    Setting(
        "GOVDATA_AUDIT_SIGN_SECONDS",
        "audit_sign_seconds",
        "60",
        _positive_float,
        "svc-audit worker only: how often a tree head is signed (also on demand through "
        "SignTreeHead).",
    ),
    Setting(
        "GOVDATA_AUDIT_VERIFY_SECONDS",
        "audit_verify_seconds",
        "3600",
        _non_negative_float,
        "svc-audit api only: how often the whole log is verified against its signed heads "
        "(`govdata_audit_verification_ok`; also on demand through VerifyLog); one api replica "
        "runs each (they share the schedule), the first a minute after the first start; "
        "0 turns it off.",
    ),
    Setting(
        "GOVDATA_AUDIT_BATCH",
        "audit_batch",
        "1000",
        _positive_int,
        "svc-audit worker only: most records appended to the log in one batch (one write of "
        "each kind per batch).",
    ),
    Setting(
        "GOVDATA_AUDIT_RETENTION_DAYS",
        "audit_retention_days",
        "0",
        _non_negative_float,
        "svc-audit worker only: days records stay queryable before their range is archived "
        "(signed, proven export files; leaf hashes stay in the tree); 0 keeps everything.",
    ),
    Setting(
        "GOVDATA_AUDIT_ARCHIVE_DIR",
        "audit_archive_dir",
        "/var/lib/govdata/audit-archive",
        _text,
        "svc-audit worker only: folder (a persistent volume) the retention archives are "
        "written to.",
    ),
    Setting(
        "GOVDATA_AUDIT_QUERY_INDEX",
        "audit_query_index",
        "govdata-audit-records",
        _text,
        "svc-audit only: the OpenSearch index auditors' queries and citizen reports are "
        "answered from (derived from the log by the api; rebuilt when missing).",
    ),
    Setting(
        "GOVDATA_AUDIT_RISK_RULES_FILE",
        "audit_risk_rules_file",
        None,
        _text,
        "svc-audit worker only: the risk rules (YAML); defaults to the rules shipped with this "
        "version (`svc-audit/src/govdata/audit/data/risk-rules.yaml`).",
    ),
    Setting(
        "GOVDATA_SUBJECT_KEY_FILE",
        "subject_key_file",
        "/etc/govdata/secrets/subject-key",
        _text,
        "Secret (at least 32 bytes) keying the HMAC that turns citizen ID numbers into audit "
        "data-subject keys. The same in every service; never rotate without re-keying audit.",
    ),
    Setting(
        "GOVDATA_RATE_LIMIT_PER_SECOND",
        "rate_limit_per_second",
        "100",
        _positive_float,
        "Calls per second one calling system may make to one api process (token bucket); "
        "a registration may set its own. Over the limit: RESOURCE_EXHAUSTED.",
    ),
    Setting(
        "GOVDATA_RATE_LIMIT_BURST",
        "rate_limit_burst",
        "200",
        _positive_int,
        "Calls a calling system may make at once above its rate before being limited.",
    ),
    # -- credentials and TLS of the servers govdata uses -----------------------------------
    Setting("GOVDATA_MONGO_USERNAME", "mongo_username", None, _text, "MongoDB user (optional)."),
    Setting(
        "GOVDATA_MONGO_PASSWORD",
        "mongo_password",
        None,
        _secret,
        "MongoDB password (from a Secret; never logged).",
    ),
    Setting(
        "GOVDATA_MONGO_TLS_CA_FILE",
        "mongo_tls_ca_file",
        None,
        _text,
        "Connect to MongoDB over TLS, trusting this PEM CA bundle.",
    ),
    Setting(
        "GOVDATA_MONGO_TLS_CLIENT_FILE",
        "mongo_tls_client_file",
        None,
        _text,
        "PEM file with client certificate and key, when MongoDB requires one.",
    ),
    Setting("GOVDATA_AMQP_USERNAME", "amqp_username", None, _text, "RabbitMQ user (optional)."),
    Setting(
        "GOVDATA_AMQP_PASSWORD",
        "amqp_password",
        None,
        _secret,
        "RabbitMQ password; overrides the one in GOVDATA_AMQP_URI.",
    ),
    Setting(
        "GOVDATA_AMQP_TLS_CA_FILE",
        "amqp_tls_ca_file",
        None,
        _text,
        "Connect to RabbitMQ over TLS (use an amqps:// URI), trusting this PEM CA bundle.",
    ),
    Setting(
        "GOVDATA_AMQP_TLS_CERT_FILE",
        "amqp_tls_cert_file",
        None,
        _text,
        "PEM client certificate for RabbitMQ, when it requires one (with the key below).",
    ),
    Setting("GOVDATA_AMQP_TLS_KEY_FILE", "amqp_tls_key_file", None, _text, "Its PEM private key."),
    Setting(
        "GOVDATA_OPENSEARCH_USERNAME",
        "opensearch_username",
        None,
        _text,
        "OpenSearch user for HTTP basic authentication (optional).",
    ),
    Setting(
        "GOVDATA_OPENSEARCH_PASSWORD",
        "opensearch_password",
        None,
        _secret,
        "OpenSearch password.",
    ),
    Setting(
        "GOVDATA_OPENSEARCH_TLS_CA_FILE",
        "opensearch_tls_ca_file",
        None,
        _text,
        "PEM CA bundle trusted for an https:// OpenSearch URL (else the system's CAs).",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Validated configuration of one process of one service."""

    service: str
    process: str
    grpc_host: str
    grpc_port: int
    metrics_port: int
    grpc_workers: int
    grpc_max_message_bytes: int
    shutdown_grace_seconds: float
    amqp_uri: str
    mongo_uri: str
    mongo_database: str
    mongo_timeout_ms: int
    mongo_slow_ms: int
    opensearch_url: str
    opensearch_timeout_seconds: float
    outbox_scan_seconds: float
    log_level: str
    tls_cert_file: str
    tls_key_file: str
    tls_ca_file: str
    grpc_plaintext: bool
    grpc_health_port: int | None
    policy_file: str | None
    registry_refresh_seconds: float
    registry_seed_file: str | None
    synonyms_file: str | None
    search_index_prefix: str
    catalog_address: str
    search_address: str
    search_drift_check_seconds: float
    exchange_sweep_seconds: float
    exchange_answer_working_days: int
    exchange_address: str
    verify_job_workers: int
    verify_source_seconds: float
    audit_signing_key_file: str
    audit_origin: str
    audit_sign_seconds: float
    audit_verify_seconds: float
    audit_batch: int
    audit_retention_days: float
    audit_archive_dir: str
    audit_query_index: str
    audit_risk_rules_file: str | None
    subject_key_file: str
    rate_limit_per_second: float
    rate_limit_burst: int
    mongo_username: str | None
    mongo_password: str | None = field(repr=False)
    mongo_tls_ca_file: str | None
    mongo_tls_client_file: str | None
    amqp_username: str | None
    amqp_password: str | None = field(repr=False)
    amqp_tls_ca_file: str | None
    amqp_tls_cert_file: str | None
    amqp_tls_key_file: str | None
    opensearch_username: str | None
    opensearch_password: str | None = field(repr=False)
    opensearch_tls_ca_file: str | None

    @classmethod
    def from_env(
        cls, service: str, process: str, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Read and validate every setting; raise ConfigError naming each bad variable."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {"service": service, "process": process}
        problems: list[str] = []
        for setting in SETTINGS:
            raw = env.get(setting.env, setting.default)
            if raw is None:
                values[setting.attr] = None
                continue
            try:
                values[setting.attr] = setting.parse(setting.env, raw)
            except ConfigError as exc:
                problems.append(str(exc))
        if problems:
            raise ConfigError("invalid configuration: " + "; ".join(problems))
        if values["mongo_database"] is None:
            values["mongo_database"] = f"govdata_{service}"
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


def settings_table() -> str:
    """The configuration table in Markdown, as printed into the README."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default is not None else "(see meaning)"
        rows.append(f"| `{s.env}` | {default} | {s.doc} |")
    return "\n".join(rows)
