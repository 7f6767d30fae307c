"""Retention: closed ranges of the log leave the database as signed, proven archives.

A range is closed when every record in it is older than ``GOVDATA_AUDIT_RETENTION_DAYS``;
whole bundles (256 leaves) are archived at a time, up to 256 bundles per file. The archive is
an export (``govdata_client.audit_export`` format, gzip-compressed) proved against a head
signed for it, written to ``GOVDATA_AUDIT_ARCHIVE_DIR`` and fsynced before anything is
removed. Then the bundles' entries and the queryable records go; the tiles stay, so every
archived leaf's hash is still in the tree and every proof, old or new, still verifies. The
``archives`` collection keeps each archive's range, file digest, the digest of its leaf
hashes (VerifyLog checks the tree's leaves against it) and its head.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gov.audit.v1 import audit_pb2
from govdata.audit import entries, export
from govdata.audit.heads import HeadSigner
from govdata.audit.log import AuditLog, key, unpack
from govdata.audit.metrics import ARCHIVED
from govdata.audit.tiles import WIDTH

log = logging.getLogger(__name__)

MAX_BUNDLES = 256


def archived_end(audit_log: AuditLog) -> int:
    """One past the last archived leaf (0 when nothing is archived)."""
    return max(
        (int(d["end"]) for d in audit_log.database["archives"].find({}, {"end": 1})), default=0
    )


def archive_closed(
    audit_log: AuditLog, signer: HeadSigner, folder: Path, days: float, now: datetime | None = None
) -> audit_pb2.AuditArchive | None:
    """Archive the oldest closed range, if there is one; return its description."""
    if days <= 0:
        return None
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    done = archives(audit_log)
    if done:  # finish the removal a crash may have cut short
        _remove(audit_log, done[-1].first_leaf_index, done[-1].end_leaf_index)
    first = done[-1].end_leaf_index if done else 0
    size, _ = audit_log.committed()
    end = first
    while end + WIDTH <= size and (end - first) < MAX_BUNDLES * WIDTH:
        bundle = audit_log.bundle(end // WIDTH)
        if bundle is None or bundle.get("archived"):
            break
        newest = max(
            entries.record_of_entry(bytes(e), 0).time.ToDatetime(tzinfo=UTC)
            for e in unpack(bytes(bundle["entries"]))
        )
        if newest >= cutoff:
            break
        end += WIDTH
    if end == first:
        return None
    head = signer.sign_committed(audit_log)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"audit-{first:012d}-{end:012d}.jsonl.gz"
    partial = folder / (name + ".partial")
    leaves = hashlib.sha256()
    with gzip.open(partial, "wt", encoding="utf-8") as out:
        out.write(export.head_line(head) + "\n")
        for _leaf, leaf_hash, line in export.lines(audit_log, head, first, end):
            leaves.update(leaf_hash)
            out.write(line + "\n")
    with open(partial, "rb") as written:
        digest = hashlib.file_digest(written, "sha256").digest()
        os.fsync(written.fileno())
    os.replace(partial, folder / name)
    archive = audit_pb2.AuditArchive(
        first_leaf_index=first,
        end_leaf_index=end,
        file=name,
        sha256=digest,
        leaves_digest=leaves.digest(),
        tree_head=head,
    )
    archive.archive_time.FromDatetime(datetime.now(UTC))
    audit_log.database["archives"].replace_one(
        {"_id": key(first)}, {"end": end, "archive": archive.SerializeToString()}, upsert=True
    )
    _remove(audit_log, first, end)
    ARCHIVED.set(end)
    log.info("archived leaves %d..%d to %s", first, end - 1, name)
    return archive


def _remove(audit_log: AuditLog, first: int, end: int) -> None:
    """Drop the archived entries and their queryable records (repeatable after a crash)."""
    for index in range(first // WIDTH, end // WIDTH):
        bundle = audit_log.bundle(index)
        if bundle is None or bundle.get("archived"):
            continue
        for entry in unpack(bytes(bundle["entries"])):
            audit_log.records.delete_one({"_id": entries.record_of_entry(bytes(entry), 0).id})
        audit_log.bundles.replace_one({"_id": key(index)}, {"archived": True})


def archives(audit_log: AuditLog) -> list[audit_pb2.AuditArchive]:
    documents = sorted(audit_log.database["archives"].find({}), key=lambda d: d["_id"])
    return [audit_pb2.AuditArchive.FromString(d["archive"]) for d in documents]
