"""Ingest through RabbitMQ: 10,000 records, duplicates and a broker restart in the middle,
give exactly 10,000 leaves, every one provable, the whole log verifiable.

The real worker extension runs in its own process (``ingest_worker.py``) on its own database;
events go through the real broker as the relays publish them (at least once: a publish cut
by the restart is sent again, and a share of the records are sent twice on purpose).
"""

from __future__ import annotations

import random
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest_driver import Feed, IngestWorker, access_event

from gov.audit.v1 import audit_pb2
from govdata.audit import entries, verification
from govdata.audit.heads import HeadSigner
from govdata.audit.log import AuditLog
from govdata_client.merkle import root_from_leaf_hashes, verify_inclusion

ROOT = Path(__file__).resolve().parents[3]
SERVERS = str(ROOT / "scripts" / "servers.sh")
RECORDS = 10_000


def servers(*args: str) -> None:
    done = subprocess.run(
        [SERVERS, *args], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, f"servers.sh {' '.join(args)}:\n{done.stdout}\n{done.stderr}"


@pytest.fixture
def worker(tmp_path: Path):
    keeper = IngestWorker(f"audit_ingest_{uuid.uuid4().hex[:8]}", tmp_path)
    keeper.start()
    yield keeper
    keeper.drop()


def test_ten_thousand_records_with_repeats_and_a_broker_restart(worker) -> None:
    tag = uuid.uuid4().hex
    events = [access_event(i, tag) for i in range(RECORDS)]
    rng = random.Random(7)  # noqa: S311 - which records repeat, not a secret
    repeats = rng.sample(events[: RECORDS // 2], 500)
    feed = Feed(worker.settings)

    feed.publish(events[: RECORDS // 2] + repeats)
    worker.wait_for(RECORDS // 4, timeout=120)  # appending is under way
    servers("stop", "rabbitmq")
    servers("start", "rabbitmq")
    feed = Feed(worker.settings)
    feed.publish(events[RECORDS // 2 :] + rng.sample(events, 500))
    worker.wait_for(RECORDS, timeout=300)
    worker.stop()  # nothing in flight any more: what is stored is final

    log = AuditLog(worker.database)
    size, root = log.committed()
    assert size == RECORDS
    stored = list(log.entries(0, size))
    placed = [entries.record_of_entry(entry, leaf) for leaf, entry in stored]
    assert [leaf for leaf, _ in stored] == list(range(RECORDS))
    assert {r.id for r in placed} == {event_id for event_id, _ in events}
    assert worker.database["records"].count_documents({}) == RECORDS
    assert root == root_from_leaf_hashes([r.leaf_hash for r in placed])
    assert worker.database["dead_letters"].count_documents({}) == 0

    signer = HeadSigner(worker.key, "govdata.audit/ingest-test")
    head = signer.sign_committed(log)
    for record in rng.sample(placed, 200):
        proof = log.inclusion_proof(record.leaf_index, head.tree_size)
        verify_inclusion(record.leaf_hash, record.leaf_index, size, proof, head.root_hash)
    report = verification.verify(log, signer.public_key, include_records=True)
    assert report.ok, report.first_divergence
    assert (report.leaves_checked, report.records_checked) == (RECORDS, RECORDS)


def test_a_malformed_event_is_kept_as_a_dead_letter_and_the_rest_appended(worker) -> None:
    tag = uuid.uuid4().hex
    good = [access_event(i, tag) for i in range(20)]
    wrong = audit_pb2.AuditRecord(id="not-an-event").SerializeToString()
    Feed(worker.settings).publish([*good[:10], ("bad-1", b"\x00garbage"), ("bad-2", wrong),
                                   *good[10:]])  # fmt: skip
    worker.wait_for(20, timeout=60)
    letters = {d["_id"]: d["reason"] for d in worker.database["dead_letters"].find({})}
    assert len(letters) == 2 and all(letters.values()), letters
    assert AuditLog(worker.database).committed()[0] == 20
