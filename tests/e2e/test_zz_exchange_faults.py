"""Faults during delivery: 50,000 records published while RabbitMQ restarts, the exchange
worker is killed and, for the stream itself, the exchange api is killed and restarted.

The subscriber behaves as a consumer must: it remembers the sequence of the last record it
processed and resumes from it after any break; the publisher retries a failed batch with the
same request id. Afterwards every key has arrived, its versions without a gap, and the
publication events all reached svc-audit. Named to run last: it restarts shared servers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid

import grpc
import pymongo
import pytest

from gov.exchange.v1 import exchange_pb2 as x

from .conftest import HOME, PLATFORM, caller, eventually
from .exchange_parties import ITEMS, ask, citizen_id, file_when_known, parties, vehicle
from .test_zz_broker_outage import servers

RECORDS = 50_000
BATCH = 1000


def kill(process: str) -> None:
    pid = int((HOME / "run" / f"{process}.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    for _ in range(100):  # until it is gone, so the restart below starts a new one
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def restart_missing() -> None:
    done = subprocess.run([*PLATFORM, "start"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


class ResumingSubscriber(threading.Thread):
    """Reads the stream, resuming after the last processed sequence whenever it breaks."""

    def __init__(self, stub, grant: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(daemon=True)
        self.stub, self.grant = stub, grant
        self.cursor = 1  # from the start of the resource's log
        self.received: list[tuple[str, int, str]] = []  # key, version, 号牌号码
        self.reconnects = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            stream = self.stub.Subscribe(
                x.SubscribeRequest(grant=self.grant, after_sequence=self.cursor),
                metadata=caller("fault test"),
            )
            try:
                for message in stream:
                    r = message.record
                    self.received.append((r.key, r.version, r.fields["号牌号码"]))
                    self.cursor = r.sequence  # processed: this is the acknowledgement
                    if self.done.is_set():
                        stream.cancel()
                        return
            except grpc.RpcError as error:
                if error.code() == grpc.StatusCode.CANCELLED:
                    return
                self.reconnects += 1
                time.sleep(0.5)


def publish_all(p, keys: list[str], faults: dict[int, list]) -> int:  # type: ignore[no-untyped-def]
    """Publish in batches, retrying each with its request id; run ``faults`` before batch n."""
    retries = 0
    for n, start in enumerate(range(0, len(keys), BATCH)):
        for fault in faults.get(n, []):
            fault()
        request = x.PublishRecordsRequest(
            resource=p.resource.name,
            records=[vehicle(k, start + i) for i, k in enumerate(keys[start : start + BATCH])],
            request_id=str(uuid.uuid4()),
        )
        for _ in range(120):
            try:
                answer = p.as_provider.PublishRecords(
                    request, metadata=caller("daily data update"), timeout=30
                )
                assert answer.accepted_count == BATCH, answer
                break
            except grpc.RpcError as error:
                if error.code() not in (
                    grpc.StatusCode.UNAVAILABLE,
                    grpc.StatusCode.DEADLINE_EXCEEDED,
                ):
                    raise  # only an api that is down or restarting is retried
                retries += 1
                time.sleep(0.5)
        else:
            pytest.fail(f"batch {n} was never accepted")
    return retries


def test_every_record_arrives_through_broker_worker_and_api_faults(catalog, tag) -> None:
    p = parties(catalog, tag)
    try:
        filed = file_when_known(p, ask(p))
        approved = p.as_provider.ApproveSharingRequest(
            x.ApproveSharingRequestRequest(name=filed.name, etag=filed.etag), metadata=caller()
        )
        assert list(approved.decision.approved_data_items) == ITEMS
        subscriber = ResumingSubscriber(p.as_consumer, approved.grant)
        subscriber.start()
        keys = [citizen_id(100_000 + n) for n in range(RECORDS)]
        faults = {
            5: [lambda: servers("stop", "rabbitmq"), lambda: kill("exchange-worker")],
            15: [lambda: servers("start", "rabbitmq"), restart_missing],
            25: [lambda: kill("exchange-api"), restart_missing],
        }
        try:
            publish_all(p, keys, faults)
        finally:
            servers("start", "rabbitmq")
            restart_missing()

        def every_key_arrived() -> None:
            assert len({key for key, _, _ in subscriber.received}) == RECORDS

        eventually(every_key_arrived, timeout=180)
        subscriber.done.set()
        versions: dict[str, set[int]] = {}
        for key, version, plate in subscriber.received:
            versions.setdefault(key, set()).add(version)
            assert plate == f"闽A{int(key[10:17]) - 100_000:05d}"  # the key's own record
        assert set(versions) == set(keys)
        # a batch the killed api stored but could not acknowledge is published again: its
        # keys get a second version, delivered too; no version is ever skipped
        assert all(v == set(range(1, max(v) + 1)) for v in versions.values())
        assert subscriber.reconnects >= 1  # the api was killed under the stream
        # every publication's event reached svc-audit through the restarted broker
        batches = {k for k in versions if max(versions[k]) > 1}
        expected = RECORDS // BATCH + (len(batches) + BATCH - 1) // BATCH

        def published_events() -> None:
            uri = os.environ.get("GOVDATA_MONGO_URI", "mongodb://127.0.0.1:27027/")
            with pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000) as client:
                seen = client["govdata_audit"]["exchange_changes"].count_documents(
                    {
                        "event_type": "gov.events.v1.RecordsPublished",
                        "subject": p.resource.name,
                    }
                )
            assert seen >= expected, (seen, expected)

        eventually(published_events, timeout=180)
    finally:
        p.close()
