"""Retention on the real FerretDB: whole bundles whose records are all past the retention
period leave the database as a signed archive that verifies offline; the tree keeps their
hashes, so old and new proofs still verify and VerifyLog still covers the archived range."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from gov.audit.v1 import audit_pb2
from govdata.audit import retention, verification
from govdata.audit.heads import HeadSigner
from govdata.audit.log import Appender, AuditLog, key
from govdata.audit.tiles import HASH, WIDTH, tile_id
from govdata_client.audit_export import verify_export
from govdata_client.merkle import root_from_leaf_hashes, verify_consistency, verify_inclusion

MakeRecords = Callable[..., list[audit_pb2.AuditRecord]]  # the make_records fixture
NOW = datetime.now(UTC)
OLD = 3 * WIDTH + 100  # bundles 0-2 all old; bundle 3 starts with 100 old records
RECENT = 200


def fill(
    audit_log: AuditLog, signer: HeadSigner, make_records: MakeRecords
) -> list[audit_pb2.AuditRecord]:
    """868 records from 400 days ago, then 200 from today; a head signed over them."""
    appender = Appender(audit_log)
    records = appender.append(make_records(OLD, when=NOW - timedelta(days=400)))
    records += appender.append(make_records(RECENT, when=NOW - timedelta(hours=1)))
    signer.sign_committed(audit_log)
    return records


def test_closed_bundles_are_archived_and_stay_proven(
    audit_log: AuditLog, signer: HeadSigner, make_records: MakeRecords, tmp_path: Path
) -> None:
    """Only the three bundles whose every record is old go; the archive verifies offline
    and its digest is kept; their entries and records are gone, their proofs and VerifyLog
    still hold; a second run finds nothing more to archive."""
    records = fill(audit_log, signer, make_records)
    leaves = [r.leaf_hash for r in records]
    size = len(records)
    end = 3 * WIDTH

    archive = retention.archive_closed(audit_log, signer, tmp_path, days=180, now=NOW)
    assert archive is not None
    assert (archive.first_leaf_index, archive.end_leaf_index) == (0, end)
    assert archive.tree_head.tree_size == size
    path = tmp_path / archive.file
    assert sorted(p.name for p in tmp_path.iterdir()) == [archive.file]  # no .partial left
    assert hashlib.sha256(path.read_bytes()).digest() == archive.sha256
    assert archive.leaves_digest == hashlib.sha256(b"".join(leaves[:end])).digest()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        report = verify_export(lines, signer.public_key)
    assert (report.tree_size, report.records_checked) == (size, end)
    assert (report.first_leaf, report.last_leaf, report.records_compared) == (0, end - 1, end)
    assert retention.archives(audit_log) == [archive]
    assert retention.archived_end(audit_log) == end

    for index in range(3):
        assert audit_log.bundle(index) == {"_id": key(index), "archived": True}
    assert len(audit_log.bundle_entries(3) or []) == WIDTH
    assert [i for i, _ in audit_log.entries(0, end + 2)] == [end, end + 1]
    assert audit_log.record_at(5) is None
    remaining = {d["_id"]: d["leaf_index"] for d in audit_log.records.find({})}
    assert remaining == {r.id: r.leaf_index for r in records[end:]}

    more = Appender(audit_log).append(make_records(30))
    head = signer.sign_committed(audit_log)
    leaves += [r.leaf_hash for r in more]
    assert head.root_hash == root_from_leaf_hashes(leaves)
    for index in (0, 255, 256, end - 1, end, head.tree_size - 1):
        proof = audit_log.inclusion_proof(index, head.tree_size)
        verify_inclusion(leaves[index], index, head.tree_size, proof, head.root_hash)
    verify_consistency(
        size,
        head.tree_size,
        archive.tree_head.root_hash,
        head.root_hash,
        audit_log.consistency_proof(size, head.tree_size),
    )

    result = verification.verify(audit_log, signer.public_key, include_records=True)
    assert result.ok, result.first_divergence
    assert (result.tree_size, result.leaves_archived) == (head.tree_size, end)
    assert result.leaves_checked == head.tree_size - end
    assert result.records_checked == head.tree_size - end

    assert retention.archive_closed(audit_log, signer, tmp_path, days=180, now=NOW) is None
    assert retention.archives(audit_log) == [archive]
    assert sorted(p.name for p in tmp_path.iterdir()) == [archive.file]


def test_nothing_is_archived_while_every_bundle_holds_a_recent_record(
    audit_log: AuditLog, signer: HeadSigner, make_records: MakeRecords, tmp_path: Path
) -> None:
    """A bundle with one record inside the period stays whole; so does the open bundle and
    everything with retention switched off."""
    appender = Appender(audit_log)
    old = make_records(WIDTH - 1, when=NOW - timedelta(days=400))
    appender.append([*old, *make_records(1, when=NOW - timedelta(days=179))])
    appender.append(make_records(100, when=NOW - timedelta(days=400)))  # the open bundle
    assert retention.archive_closed(audit_log, signer, tmp_path, days=180, now=NOW) is None
    assert retention.archive_closed(audit_log, signer, tmp_path, days=0, now=NOW) is None
    assert list(tmp_path.iterdir()) == []
    assert audit_log.records.count_documents({}) == WIDTH + 100


def test_a_tampered_tile_in_the_archived_range_is_reported(
    audit_log: AuditLog, signer: HeadSigner, make_records: MakeRecords, tmp_path: Path
) -> None:
    """With the entries gone the archived leaves are checked by the digest kept at
    archival: a changed leaf hash in the tree is reported within the archived range."""
    fill(audit_log, signer, make_records)
    archive = retention.archive_closed(audit_log, signer, tmp_path, days=180, now=NOW)
    assert archive is not None
    tile: Any = audit_log.tiles.find_one({"_id": tile_id(0, 1)})
    hashes = bytearray(tile["hashes"])
    hashes[7 * HASH] ^= 0x10
    audit_log.tiles.update_one({"_id": tile_id(0, 1)}, {"$set": {"hashes": bytes(hashes)}})
    result = verification.verify(audit_log, signer.public_key, include_records=True)
    assert not result.ok
    assert result.first_divergence.leaf_index == 0
    assert archive.file in result.first_divergence.reason
