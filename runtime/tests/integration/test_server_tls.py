"""TLS and credentials to the real local servers (scripts/servers.sh, certificates from `make pki`).

FerretDB listens with TLS on GOVDATA_MONGO_TLS_PORT and requires a client certificate from the
development CA; RabbitMQ listens with TLS on GOVDATA_RABBITMQ_TLS_PORT and has the user
govdata-tls, whose password servers.sh keeps in the PKI folder. A missing server or PKI fails
these tests; none skips itself.
"""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import kombu
import pytest
from amqp.exceptions import AccessRefused
from nameko.standalone.events import get_event_exchange
from pymongo.errors import ServerSelectionTimeoutError

from govdata.runtime import devpki
from govdata.runtime.amqp import amqp_params
from govdata.runtime.config import Settings
from govdata.runtime.events import AmqpPublisher
from govdata.runtime.stores import mongo_database
from govdata.runtime.testing import bound_queue
from govdata.runtime.worker import nameko_config

REPO = Path(__file__).resolve().parents[3]
MONGO_TLS_PORT = int(os.environ.get("GOVDATA_MONGO_TLS_PORT", "27028"))
RABBITMQ_TLS_PORT = int(os.environ.get("GOVDATA_RABBITMQ_TLS_PORT", "5681"))
TLS_USER = "govdata-tls"


@pytest.fixture(scope="module")
def pki() -> Path:
    folder = Path(os.environ.get("GOVDATA_HOME", REPO / ".local")) / "pki"
    needed = ["ca.crt", "govdata-admin.crt", "govdata-admin.key", "rabbitmq-password"]
    missing = [name for name in needed if not (folder / name).is_file()]
    if missing:
        pytest.fail(f"no {', '.join(missing)} in {folder}: run `make servers` (it makes the PKI)")
    return folder


@pytest.fixture
def client_pem(pki: Path, tmp_path: Path) -> Path:
    """The administrator's certificate and key in one PEM file, as MongoDB clients take it."""
    pem = tmp_path / "client.pem"
    pem.write_bytes(
        (pki / "govdata-admin.crt").read_bytes() + (pki / "govdata-admin.key").read_bytes()
    )
    return pem


@pytest.fixture
def other_ca(tmp_path: Path) -> Path:
    """A CA that signed none of the servers' certificates."""
    path = tmp_path / "other-ca.crt"
    path.write_bytes(devpki.make_ca("some other CA").cert_pem)
    return path


@pytest.fixture
def tls_password(pki: Path) -> str:
    return (pki / "rabbitmq-password").read_text().strip()


def _mongo_settings(
    database: str, ca_file: Path, client_file: Path | None, timeout_ms: int = 3000
) -> Settings:
    env = {
        "GOVDATA_MONGO_URI": f"mongodb://127.0.0.1:{MONGO_TLS_PORT}/",
        "GOVDATA_MONGO_DATABASE": database,
        "GOVDATA_MONGO_TIMEOUT_MS": str(timeout_ms),
        "GOVDATA_MONGO_TLS_CA_FILE": str(ca_file),
    }
    if client_file is not None:
        env["GOVDATA_MONGO_TLS_CLIENT_FILE"] = str(client_file)
    return Settings.from_env("test", "test", env)


def _amqp_settings(uri: str, ca_file: Path, **extra: str) -> Settings:
    env = {"GOVDATA_AMQP_URI": uri, "GOVDATA_AMQP_TLS_CA_FILE": str(ca_file)}
    env.update({f"GOVDATA_AMQP_{key.upper()}": value for key, value in extra.items()})
    return Settings.from_env("test", "test", env)


# --------------------------------------------------------------------------- MongoDB


@pytest.fixture
def tls_database_name(pki: Path, client_pem: Path) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    yield name
    database = mongo_database(_mongo_settings(name, pki / "ca.crt", client_pem))
    database.client.drop_database(name)
    database.client.close()


def test_mongo_over_tls_with_the_dev_ca_stores_and_reads(
    pki: Path, client_pem: Path, tls_database_name: str
) -> None:
    database = mongo_database(_mongo_settings(tls_database_name, pki / "ca.crt", client_pem))
    try:
        database["things"].insert_one({"_id": "t1", "name": "不动产登记"})
        assert database["things"].find_one({"_id": "t1"}) == {"_id": "t1", "name": "不动产登记"}
    finally:
        database.client.close()


def test_mongo_refuses_a_server_certificate_from_another_ca(
    other_ca: Path, client_pem: Path
) -> None:
    database = mongo_database(_mongo_settings("test_never", other_ca, client_pem, 1000))
    try:
        with pytest.raises(ServerSelectionTimeoutError, match="CERTIFICATE_VERIFY_FAILED"):
            database.client.admin.command("ping")
    finally:
        database.client.close()


def test_the_mongo_tls_port_requires_a_client_certificate(pki: Path) -> None:
    database = mongo_database(_mongo_settings("test_never", pki / "ca.crt", None, 1000))
    try:
        with pytest.raises(ServerSelectionTimeoutError, match="CERTIFICATE_REQUIRED"):
            database.client.admin.command("ping")
    finally:
        database.client.close()


# -------------------------------------------------------------------------- RabbitMQ


def _delete_exchange(connection: kombu.Connection, source: str) -> None:
    get_event_exchange(source, {})(connection.default_channel).delete()


def _publish_and_consume(settings: Settings) -> kombu.Message:
    """Publish one event with the api's publisher, receive it as nameko's consumers connect."""
    source = f"test{uuid.uuid4().hex[:6]}"
    event_type = "gov.events.v1.InformationResourceChanged"
    config = nameko_config(settings)
    # nameko's QueueConsumer builds its connection from these two keys, exactly so
    with kombu.Connection(config["AMQP_URI"], ssl=config["AMQP_SSL"]) as connection:
        queue = bound_queue(connection, source, event_type)
        assert isinstance(connection.connection.transport.sock, ssl.SSLSocket)
        AmqpPublisher.from_settings(settings).publish(source, event_type, "e-1", b"payload")
        with connection.SimpleQueue(queue) as simple:
            message = simple.get(timeout=5)
            message.ack()
        _delete_exchange(connection, source)
    return message


def test_amqp_over_tls_publishes_and_consumes(pki: Path) -> None:
    settings = _amqp_settings(f"amqps://guest:guest@localhost:{RABBITMQ_TLS_PORT}/", pki / "ca.crt")
    message = _publish_and_consume(settings)
    assert message.body == b"payload"
    assert message.properties.get("message_id") == "e-1"


def test_amqp_refuses_a_broker_certificate_from_another_ca(other_ca: Path) -> None:
    params = amqp_params(
        _amqp_settings(f"amqps://guest:guest@localhost:{RABBITMQ_TLS_PORT}/", other_ca)
    )
    # A fresh connection, not the publisher's: kombu pools connections by URI, ignoring the
    # TLS options, so a pooled one opened with the right CA would be handed back here.
    connection = kombu.Connection(params.uri, ssl=params.ssl, connect_timeout=5)
    try:
        with pytest.raises(ssl.SSLCertVerificationError):
            connection.connect()
    finally:
        connection.release()


def test_configured_credentials_override_those_in_the_uri(pki: Path, tls_password: str) -> None:
    # the URI's user does not exist: only the configured one can log in
    settings = _amqp_settings(
        f"amqps://nobody:nothing@localhost:{RABBITMQ_TLS_PORT}/",
        pki / "ca.crt",
        username=TLS_USER,
        password=tls_password,
    )
    assert amqp_params(settings).uri.startswith(f"amqps://{TLS_USER}:")
    assert _publish_and_consume(settings).body == b"payload"


def test_a_wrong_password_is_refused_and_not_repeated(pki: Path) -> None:
    wrong = f"wrong-{uuid.uuid4().hex}"
    settings = _amqp_settings(
        f"amqps://localhost:{RABBITMQ_TLS_PORT}/", pki / "ca.crt", username=TLS_USER, password=wrong
    )
    with pytest.raises(AccessRefused) as caught:
        AmqpPublisher.from_settings(settings).publish("test", "t", "e-1", b"x")
    assert wrong not in str(caught.value)
    assert wrong not in repr(settings) and wrong not in repr(amqp_params(settings))


# A nameko worker on eventlet, as worker_main runs it, in its own process (the tests are not
# monkey-patched): it consumes over TLS with a client certificate and the configured user.
_WORKER = """
import eventlet

eventlet.monkey_patch()

import os, sys

import kombu
from nameko.containers import ServiceContainer
from nameko.standalone.events import get_event_exchange
from nameko.testing.services import entrypoint_waiter

from govdata.runtime.config import Settings
from govdata.runtime.events import AmqpPublisher
from govdata.runtime.worker import event_handler, nameko_config

source = sys.argv[1]
settings = Settings.from_env("tlsprobe", "worker", os.environ)
config = nameko_config(settings)
received = []


class Probe:
    name = "tlsprobe"

    @event_handler(source, "probe.Happened")
    def handle(self, body):
        received.append(body)


container = ServiceContainer(Probe, config)
container.start()
try:
    with entrypoint_waiter(container, "handle", timeout=20):
        AmqpPublisher.from_settings(settings).publish(source, "probe.Happened", "e-1", b"hello")
finally:
    container.kill()
    with kombu.Connection(config["AMQP_URI"], ssl=config["AMQP_SSL"]) as connection:
        channel = connection.default_channel
        channel.queue_delete(f"evt-{source}-probe.Happened--tlsprobe.handle")
        get_event_exchange(source, {})(channel).delete()
print("received", received)
"""


def test_a_nameko_worker_consumes_over_tls_with_a_client_certificate(
    pki: Path, tls_password: str
) -> None:
    env = {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "GOVDATA_AMQP_URI": f"amqps://127.0.0.1:{RABBITMQ_TLS_PORT}/",
        "GOVDATA_AMQP_USERNAME": TLS_USER,
        "GOVDATA_AMQP_PASSWORD": tls_password,
        "GOVDATA_AMQP_TLS_CA_FILE": str(pki / "ca.crt"),
        "GOVDATA_AMQP_TLS_CERT_FILE": str(pki / "govdata-admin.crt"),
        "GOVDATA_AMQP_TLS_KEY_FILE": str(pki / "govdata-admin.key"),
    }
    source = f"test{uuid.uuid4().hex[:6]}"
    done = subprocess.run(
        [sys.executable, "-c", _WORKER, source],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("received [b'hello']")
    assert tls_password not in done.stdout + done.stderr
