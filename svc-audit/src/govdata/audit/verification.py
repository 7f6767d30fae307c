"""VerifyLog: re-read the log, re-hash it, and compare with everything that was signed.

One pass in leaf order over the entry bundles (archived ranges by their leaf hashes, checked
against the digest kept at archival):

- every entry's leaf hash must equal the stored tree's (the tiles proofs are served from),
  and every full tile's root the hash one tile level up;
- at every size a head was signed for, the root recomputed from the entries must be the
  signed root, and the signature must hold under the log's key;
- with ``include_records``, the ``records`` id index must name every leaf held exactly once,
  under the id its entry carries.

The first divergence reported is the lowest leaf index any check failed at, with the record
id when its entry can still be read.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gov.audit.v1 import audit_pb2
from govdata.audit import entries, retention
from govdata.audit.log import AuditLog
from govdata.audit.metrics import VERIFIED, VERIFIED_AT, VERIFIED_SIZE
from govdata.audit.tiles import HEIGHT, WIDTH, TileReader, fold, split, tile_id
from govdata_client.merkle import EMPTY_ROOT, leaf_hash, node_hash
from govdata_client.tree_head import SignatureError, verify_head_message


@dataclass
class _Findings:
    first: audit_pb2.Divergence | None = None

    def diverge(self, leaf_index: int, reason: str, record_id: str = "") -> None:
        if self.first is None or leaf_index < self.first.leaf_index:
            self.first = audit_pb2.Divergence(
                leaf_index=leaf_index, record_id=record_id, reason=reason
            )


@dataclass
class _Range:
    """The compact range of leaves [0, size): perfect subtrees, largest first."""

    stack: list[tuple[int, bytes]] = field(default_factory=list)
    size: int = 0

    def push(self, value: bytes, level: int = 0) -> None:
        """Add the subtree of ``2**level`` leaves whose root is ``value`` (the range's size
        must be a multiple of its size: true of a leaf, and of a bundle at its boundary)."""
        size = 1 << level
        self.size += size
        while self.stack and self.stack[-1][0] == level:
            value = node_hash(self.stack.pop()[1], value)
            level += 1
        self.stack.append((level, value))

    def root(self) -> bytes:
        if not self.stack:
            return EMPTY_ROOT
        value = self.stack[-1][1]
        for _, left in reversed(self.stack[:-1]):
            value = node_hash(left, value)
        return value


def verify(
    audit_log: AuditLog, public_key: Ed25519PublicKey, include_records: bool = False
) -> audit_pb2.VerifyLogResponse:
    started = time.perf_counter()
    findings = _Findings()
    heads = audit_log.all_heads()
    latest = audit_log.latest_head()
    if latest is not None and latest not in heads:  # kept apart: checked apart
        heads.append(latest)
    committed, _ = audit_log.committed()
    for head in heads:
        try:
            verify_head_message(public_key, head)
        except SignatureError as exc:
            findings.diverge(min(head.tree_size, committed), f"tree head {head.tree_size}: {exc}")
        if head.tree_size > committed:
            findings.diverge(
                committed,
                f"a head was signed at {head.tree_size}, beyond the "
                f"committed {committed} leaves: leaves were removed",
            )
    size = max([h.tree_size for h in heads if h.tree_size <= committed], default=0)
    roots: dict[int, set[bytes]] = {}
    for head in heads:
        if head.tree_size <= size:
            roots.setdefault(head.tree_size, set()).add(head.root_hash)
    archived = {a.first_leaf_index: a for a in retention.archives(audit_log)}
    tree = _Range()
    reader = TileReader(audit_log.tiles)  # fresh: nothing cached before this pass counts
    ids: dict[int, str] = {}  # leaf -> record id, with include_records
    checked = archived_leaves = 0
    archive: audit_pb2.AuditArchive | None = None
    archive_digest = hashlib.sha256()
    for bundle_index, held, stored in _prefetched(audit_log, (size + WIDTH - 1) // WIDTH):
        first = bundle_index * WIDTH
        end = min(first + WIDTH, size)
        if first in archived:
            archive, archive_digest = archived[first], hashlib.sha256()
        if archive is not None and first < archive.end_leaf_index:
            hashes = stored[: end - first]
            archive_digest.update(b"".join(stored[: min(end, archive.end_leaf_index) - first]))
            archived_leaves += len(hashes)
            if end >= archive.end_leaf_index:
                if archive_digest.digest() != archive.leaves_digest:
                    findings.diverge(
                        archive.first_leaf_index,
                        f"leaf hashes of archive {archive.file} differ from the tree",
                    )
                archive = None
            if len(hashes) < end - first:
                findings.diverge(first + len(hashes), "stored tree misses leaf hashes")
        else:
            hashes = _bundle_hashes(held, first, end, stored, findings)
            checked += len(hashes)
        full = fold(hashes) if len(hashes) == WIDTH else None
        if full is not None and not any(first < s < end for s in roots):
            tree.push(full, HEIGHT)  # no head inside: the bundle joins the tree as one node
        else:
            for value in hashes:
                tree.push(value)
                if tree.size in roots and roots[tree.size] != {tree.root()}:
                    findings.diverge(
                        tree.size - 1, f"root at tree size {tree.size} differs from its signed head"
                    )
        if full is not None and tree.size in roots and roots[tree.size] != {tree.root()}:
            findings.diverge(end - 1, f"root at tree size {end} differs from its signed head")
        if include_records and held:
            ids.update((first + i, _record_id(e)) for i, e in enumerate(held[: end - first]))
        if full is not None:
            _check_upper(reader, bundle_index, full, hashes, stored, size, findings)
    records = _check_records(audit_log, size, ids, findings) if include_records else 0
    ok = findings.first is None
    response = audit_pb2.VerifyLogResponse(
        ok=ok,
        tree_size=size,
        leaves_checked=checked,
        leaves_archived=archived_leaves,
        heads_checked=len(heads),
        records_checked=records,
    )
    if findings.first is not None:
        response.first_divergence.CopyFrom(findings.first)
    response.duration.FromNanoseconds(int((time.perf_counter() - started) * 1e9))
    VERIFIED.set(1 if ok else 0)
    VERIFIED_AT.set(time.time())
    if ok:
        VERIFIED_SIZE.set(size)
    return response


# Bundles read ahead while the one before is hashed, and the threads reading them (measured
# over 300,000 leaves on FerretDB: 2 threads 88,000 leaves/s, 4: 91,000, 6: 97,000, 8: 96,000).
PREFETCH = 12
READERS = 6


def _prefetched(
    audit_log: AuditLog, count: int
) -> Iterator[tuple[int, list[bytes] | None, list[bytes]]]:
    """(index, entries or None, stored level-0 tile) of each bundle in order, read a few
    ahead on other threads so the store's latency overlaps the hashing."""

    def read(index: int) -> tuple[int, list[bytes] | None, list[bytes]]:
        tile = audit_log.tiles.find_one({"_id": tile_id(0, index)})
        return index, audit_log.bundle_entries(index), split(bytes(tile["hashes"])) if tile else []

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        ahead: deque[Future[tuple[int, list[bytes] | None, list[bytes]]]] = deque()
        for index in range(count):
            ahead.append(pool.submit(read, index))
            if len(ahead) >= PREFETCH:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()


def _bundle_hashes(
    entries_held: list[bytes] | None,
    first: int,
    end: int,
    stored: list[bytes],
    findings: _Findings,
) -> list[bytes]:
    held = (entries_held or [])[: end - first]
    hashes = [leaf_hash(e) for e in held]
    if len(held) < end - first:
        findings.diverge(first + len(held), "entry missing from the log")
    if b"".join(hashes) == b"".join(stored[: len(hashes)]):
        return hashes
    for offset, value in enumerate(hashes):
        if offset >= len(stored) or stored[offset] != value:
            findings.diverge(
                first + offset,
                "entry's leaf hash differs from the signed tree",
                _record_id(held[offset]),
            )
            break
    return hashes


def _check_upper(
    reader: TileReader,
    index: int,
    root: bytes,
    leaves: list[bytes],
    tile: list[bytes],
    size: int,
    findings: _Findings,
) -> None:
    """A full level-0 tile's root must be the level-8 hash stored one tile level up.

    ``leaves`` are the bundle's hashes as checked (from its entries, or for an archived one
    the tile's), ``tile`` the stored level-0 tile. Where the two differ the leaf check has
    named the first leaf that differs; the node above is wrong only if it is the root of
    neither (else it would be reported at the bundle's first leaf, hiding that leaf).
    """
    roots = {root}
    if len(tile) >= WIDTH and tile[:WIDTH] != leaves:
        roots.add(fold(tile[:WIDTH]))
    try:
        stored = reader.nodes([(HEIGHT, index)], size)[(HEIGHT, index)]
    except KeyError:
        stored = b""
    if stored not in roots:
        findings.diverge(index * WIDTH, f"stored tree node 8/{index} differs from its leaves")


def _check_records(audit_log: AuditLog, size: int, ids: dict[int, str], findings: _Findings) -> int:
    """Every leaf held has exactly one line in ``records``, naming it under its entry's id
    (that index is what keeps a record from being appended twice)."""
    seen = bytearray(size)
    count = 0
    for doc in audit_log.records.find({}, {"leaf_index": 1}):
        leaf = doc.get("leaf_index", -1)
        if not 0 <= leaf < size:
            continue  # appended after the last signed head
        count += 1
        if seen[leaf]:
            findings.diverge(leaf, "two record ids claim this leaf", doc["_id"])
        seen[leaf] = 1
        if leaf in ids and ids[leaf] != doc["_id"]:
            findings.diverge(leaf, "the record id index names another record here", doc["_id"])
    for leaf, record_id in ids.items():
        if not seen[leaf]:
            findings.diverge(leaf, "record missing from the record id index", record_id)
            break
    return count


def _record_id(entry: bytes) -> str:
    try:
        return entries.record_of_entry(entry, 0).id
    except Exception:
        return ""
