"""Drives ``ingest_worker.py``: starts it on its own database, feeds it AccessRecorded events
through RabbitMQ as the services' relays do, and watches its log grow. Shared by the broker
integration test and the ingest benchmark (``tests/bench/audit_log.py``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pymongo
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.audit.entries import ACCESS_RECORDED
from govdata.runtime.config import Settings
from govdata.runtime.events import AmqpPublisher
from govdata.runtime.stores import opensearch_client

WORKER = Path(__file__).with_name("ingest_worker.py")
SOURCE = "ingesttest"
GRANT = "organizations/hx-mzj/grants/bench"
ORGANIZATION = "organizations/hx-mzj"
RESOURCE = "organizations/hx-gaj/resources/vehicles"
ITEMS = ["号牌号码", "车辆识别代号", "所有人证件号码", "购置价格"]
PURPOSE = "最低生活保障家庭经济状况核对"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def access_event(number: int, tag: str) -> tuple[str, bytes]:
    """(event id, envelope bytes) of one realistic exchange read."""
    access = events_pb2.AccessRecorded(
        request_id=uuid.uuid4().hex,
        actor=common_pb2.Actor(
            system="callingSystems/hx-mzj-shjz",
            person=f"officer-{number % 2000}",  # a few households each
            organization=ORGANIZATION,
        ),
        method="/gov.exchange.v1.ExchangeService/QueryByKey",
        resource=RESOURCE,
        data_items=ITEMS,
        data_subject_keys=[f"{(number * 4 + k) % 10**6:064x}" for k in range(4)],
        purpose=PURPOSE,
        outcome="OK",
        service="exchange",
        grant=GRANT,
    )
    access.time.GetCurrentTime()
    envelope = events_pb2.EventEnvelope(
        event_id=str(uuid.uuid4()),
        event_type=ACCESS_RECORDED,
        source="exchange",
        request_id=access.request_id,
        subject=tag,
    )
    envelope.time.GetCurrentTime()
    envelope.payload.Pack(access)
    return envelope.event_id, envelope.SerializeToString()


class Feed:
    """Publishes to the worker's source, retrying across a broker restart (a fresh
    connection each retry), as the outbox relays do: at least once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.publisher = AmqpPublisher.from_settings(settings)

    def publish(self, events: Iterable[tuple[str, bytes]], patience: float = 120.0) -> None:
        for event_id, body in events:
            deadline = time.monotonic() + patience
            while True:
                try:
                    self.publisher.publish(SOURCE, ACCESS_RECORDED, event_id, body)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
                    self.publisher = AmqpPublisher.from_settings(self.settings)


class IngestWorker:
    """The keeper process on database ``database`` (and query index ``<database>-records``)."""

    def __init__(self, database: str, home: Path, sign_seconds: float = 3600.0) -> None:
        self.database_name = database
        self.home = home
        self.settings = Settings.from_env("audit", "worker")
        home.mkdir(parents=True, exist_ok=True)
        self.key = Ed25519PrivateKey.generate()
        key_file = home / "signing-key"
        key_file.write_bytes(
            self.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        self.index = f"{database}-records"
        self.metrics_port = free_port()
        self.env = {
            **os.environ,
            "GOVDATA_MONGO_DATABASE": database,
            "GOVDATA_METRICS_PORT": str(self.metrics_port),
            "GOVDATA_AUDIT_SIGNING_KEY_FILE": str(key_file),
            "GOVDATA_AUDIT_QUERY_INDEX": self.index,
            "GOVDATA_AUDIT_SIGN_SECONDS": str(sign_seconds),
        }
        self.client: pymongo.MongoClient = pymongo.MongoClient(self.settings.mongo_uri)
        self.database = self.client[database]
        # the grant the records cite, as the worker would know it from GrantChanged: a
        # realistic log, not one where every read raises "access outside a grant"
        self.database["grants"].insert_one(
            {
                "_id": GRANT,
                "organization": ORGANIZATION,
                "resource": RESOURCE,
                "data_items": ITEMS,
                "purpose": PURPOSE,
                "not_before": None,
                "not_after": None,
                "revoked_at": None,
                "revision": 1,
            }
        )
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = open(self.home / "worker.log", "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER)], env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)
        self.process = None

    def committed(self) -> int:
        state = self.database["state"].find_one({"_id": "tree"}) or {}
        return int(state.get("size", 0))

    def wait_for(self, size: int, timeout: float) -> float:
        """Seconds until the committed log holds ``size`` leaves (AssertionError on timeout)."""
        started = time.monotonic()
        while self.committed() < size:
            assert self.process is not None and self.process.poll() is None, self.log_tail()
            assert time.monotonic() - started < timeout, (self.committed(), self.log_tail())
            time.sleep(0.05)
        return time.monotonic() - started

    def log_tail(self) -> str:
        return (self.home / "worker.log").read_text(errors="replace")[-3000:]

    def drop(self) -> None:
        self.stop()
        self.client.drop_database(self.database_name)
        self.client.close()
        search = opensearch_client(self.settings)
        search.indices.delete(index=self.index, ignore_unavailable=True)
