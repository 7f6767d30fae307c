"""The audit log as stored on the real FerretDB: what the appender commits is the RFC 9162
tree of the records in the order appended, each record once; proofs served from the stored
tiles verify with the client's verifier; a restart, or a crash in the middle of a batch,
leaves a log that goes on exactly as if nothing had happened; signed heads are kept."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from gov.audit.v1 import audit_pb2
from govdata.audit import entries
from govdata.audit.heads import HeadSigner
from govdata.audit.log import STATE, Appender, AuditLog
from govdata.audit.tiles import WIDTH, Edge, split, tile_id
from govdata_client.audit_records import entry_of, leaf_hash_of
from govdata_client.merkle import (
    EMPTY_ROOT,
    ProofError,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)
from govdata_client.tree_head import verify_head_message

RANDOM = random.Random(9162)  # noqa: S311 (a fixed sample, not a secret)
MakeRecords = Callable[..., list[audit_pb2.AuditRecord]]  # the make_records fixture
BATCHES = [1, 255, 1, 300, 700, 2, 256, 17]  # across bundle, tile and level-1 boundaries


class Reference:
    """The tree the log must hold: leaf hashes of the records appended, in order."""

    def __init__(self) -> None:
        self.leaves: list[bytes] = []
        self.ids: list[str] = []

    def add(self, records: list[audit_pb2.AuditRecord]) -> None:
        for record in records:
            self.leaves.append(leaf_hash_of(record))
            self.ids.append(record.id)

    def root(self, size: int | None = None) -> bytes:
        return root_from_leaf_hashes(self.leaves[: len(self.leaves) if size is None else size])


def assert_log_is(audit_log: AuditLog, reference: Reference) -> None:
    """Committed size and root, the root from the stored tiles, every record's line in the id
    index and every stored record's hash are the reference's."""
    size = len(reference.leaves)
    assert audit_log.committed() == (size, reference.root())
    assert audit_log.root(size) == reference.root()
    documents = list(audit_log.records.find({}))
    assert sorted(d["leaf_index"] for d in documents) == list(range(size))
    for doc in documents:
        assert doc["_id"] == reference.ids[doc["leaf_index"]]
    held = audit_log.records_at(range(size))
    assert [held[i].leaf_hash for i in range(size)] == reference.leaves
    assert [held[i].id for i in range(size)] == reference.ids


def test_batches_commit_the_reference_tree_and_its_proofs_verify(
    audit_log: AuditLog, make_records: MakeRecords
) -> None:
    """Batches of 1 to 700 records, crossing bundle and tile boundaries: after each the
    committed size and root are the reference's, the appended records come back placed,
    and inclusion and consistency proofs at a sample of sizes verify against the roots."""
    appender = Appender(audit_log)
    assert audit_log.committed() == (0, EMPTY_ROOT)
    reference = Reference()
    sizes = []
    for count in BATCHES:
        batch = make_records(count)
        placed = appender.append(batch)
        assert [r.id for r in placed] == [r.id for r in batch]
        first = len(reference.leaves)
        reference.add(batch)
        for offset, record in enumerate(placed):
            assert record.leaf_index == first + offset
            assert record.leaf_hash == reference.leaves[first + offset]
        assert appender.size == len(reference.leaves)
        assert audit_log.committed() == (len(reference.leaves), reference.root())
        sizes.append(len(reference.leaves))
    assert_log_is(audit_log, reference)

    size = len(reference.leaves)
    sizes += [RANDOM.randrange(1, size + 1) for _ in range(6)] + [255, 256, 257, 512]
    roots = {s: reference.root(s) for s in sizes}
    for tree_size in sizes:
        assert audit_log.root(tree_size) == roots[tree_size]
        for index in {0, tree_size - 1, RANDOM.randrange(tree_size), min(255, tree_size - 1)}:
            proof = audit_log.inclusion_proof(index, tree_size)
            verify_inclusion(reference.leaves[index], index, tree_size, proof, roots[tree_size])
        for first in {1, RANDOM.randrange(1, tree_size + 1), tree_size}:
            proof = audit_log.consistency_proof(first, tree_size)
            first_root = reference.root(first)
            verify_consistency(first, tree_size, first_root, roots[tree_size], proof)
    with pytest.raises(ProofError):  # a proof binds the leaf: another leaf's hash fails
        verify_inclusion(
            reference.leaves[1], 0, size, audit_log.inclusion_proof(0, size), roots[size]
        )


def test_a_record_is_appended_once_whoever_repeats_it(
    audit_log: AuditLog, make_records: MakeRecords
) -> None:
    """Redeliveries (ids in the log already) and an id twice in one batch append nothing
    again; the fresh records take contiguous leaf indexes and each document proves against
    its leaf."""
    appender = Appender(audit_log)
    reference = Reference()
    first = make_records(300)
    appender.append(first)
    reference.add(first)
    fresh = make_records(4)
    batch = [first[5], fresh[0], fresh[0], first[299], fresh[1], fresh[2], first[0], fresh[1]]
    batch.append(fresh[3])
    placed = appender.append(batch)
    assert [r.id for r in placed] == [r.id for r in fresh]
    assert [r.leaf_index for r in placed] == [300, 301, 302, 303]
    reference.add(fresh)
    assert_log_is(audit_log, reference)

    assert appender.append(first[:10] + fresh) == []  # nothing but redeliveries
    assert appender.append([]) == []
    again = make_records(2)
    placed = appender.append([again[0], again[0], first[1], again[1], again[1]])
    assert [r.leaf_index for r in placed] == [304, 305]
    reference.add(again)
    assert_log_is(audit_log, reference)
    assert audit_log.state.find_one({"_id": STATE}).get("intent") is None


def test_a_new_appender_continues_exactly(audit_log: AuditLog, make_records: MakeRecords) -> None:
    """A restart (a new Appender reading the committed state) at a partial bundle, a full
    one and the empty log goes on to the reference tree."""
    reference = Reference()
    for count in [0, 3, 253, 1, 255, 300, 1]:
        appender = Appender(audit_log)
        assert appender.size == len(reference.leaves)
        batch = make_records(count)
        appender.append(batch)
        reference.add(batch)
        assert audit_log.committed() == (len(reference.leaves), reference.root())
    assert_log_is(audit_log, reference)
    size = len(reference.leaves)
    stored = [entry for _, entry in audit_log.entries(0, size)]
    assert [leaf_hash_of(audit_pb2.AuditRecord.FromString(e)) for e in stored] == reference.leaves


def crash_a_batch(audit_log: AuditLog, records: list[audit_pb2.AuditRecord]) -> None:
    """Leave what a batch appending ``records`` writes before it commits: its intent, the
    records' documents past the committed size, its bundles and tiles (full ones too)."""
    size, _ = audit_log.committed()
    audit_log.state.update_one({"_id": STATE}, {"$set": {"intent": [r.id for r in records]}})
    audit_log.records.insert_many(
        [entries.index_document(r, size + i) for i, r in enumerate(records)]
    )
    edge = Edge(size, _stored_partial(audit_log, size))
    bundle = (audit_log.bundle_entries(size // WIDTH) or [])[: size % WIDTH]
    index = size // WIDTH
    for record in records:
        edge.append(leaf_hash_of(record))
        bundle.append(entry_of(record))
        audit_log.bundles.bulk_write([audit_log.store_bundle(index, bundle)])
        if len(bundle) == WIDTH:
            bundle, index = [], index + 1
    for (tile_level, tile_index), value in edge.take_writes().items():
        audit_log.tiles.replace_one(
            {"_id": tile_id(tile_level, tile_index)}, {"hashes": value}, upsert=True
        )


def _stored_partial(audit_log: AuditLog, size: int) -> dict[int, list[bytes]]:
    """The unfilled tiles of the committed tree, as the store holds them."""
    partial = {}
    for tile_level, (index, width) in Edge.partial_ids(size).items():
        doc: Any = audit_log.tiles.find_one({"_id": tile_id(tile_level, index)})
        partial[tile_level] = split(bytes(doc["hashes"]))[:width]
    return partial


def test_a_crashed_batch_is_undone_and_its_records_append_once(
    audit_log: AuditLog, make_records: MakeRecords
) -> None:
    """After a crash mid-batch (records, bundles and tiles written past the committed size,
    the state unchanged but for the intent) a new appender removes the crashed records'
    documents; the log then grows as the reference and the redelivered records append once,
    in the order they come again."""
    appender = Appender(audit_log)
    reference = Reference()
    committed = make_records(300)
    appender.append(committed)
    reference.add(committed)
    crashed = make_records(230)  # fills bundle 1 and tile 0/1, starts bundle 2, tile 1/0 +1
    crash_a_batch(audit_log, crashed)
    assert audit_log.committed() == (300, reference.root())  # readers see the committed log
    assert audit_log.records.count_documents({}) == 530

    recovered = Appender(audit_log)
    assert recovered.size == 300
    assert audit_log.records.count_documents({}) == 300
    assert audit_log.state.find_one({"_id": STATE}).get("intent") is None
    assert_log_is(audit_log, reference)

    others = make_records(5)
    redelivered = [*others, *reversed(crashed), crashed[0], committed[7]]
    placed = recovered.append(redelivered)
    assert [r.id for r in placed] == [r.id for r in [*others, *reversed(crashed)]]
    reference.add(placed)
    assert_log_is(audit_log, reference)
    assert recovered.append(crashed) == []
    size = len(reference.leaves)
    for index in (0, 299, 300, 511, 512, size - 1):
        verify_inclusion(
            reference.leaves[index],
            index,
            size,
            audit_log.inclusion_proof(index, size),
            reference.root(),
        )
    verify_consistency(
        300, size, reference.root(300), reference.root(), audit_log.consistency_proof(300, size)
    )


def test_proofs_stay_right_for_a_reader_that_read_during_a_crashed_batch(
    audit_log: AuditLog, make_records: MakeRecords
) -> None:
    """The api's reader serves proofs of the committed tree while the appender is down
    after a crash; once the batch is undone and other records appended in its place, the
    same reader's proofs verify against the new tree (nothing read past the committed
    size is kept)."""
    reference = Reference()
    committed = make_records(300)
    Appender(audit_log).append(committed)
    reference.add(committed)
    crash_a_batch(audit_log, make_records(230))
    for index in (0, 257, 299):  # served from the committed part of the written tiles
        verify_inclusion(
            reference.leaves[index],
            index,
            300,
            audit_log.inclusion_proof(index, 300),
            reference.root(),
        )
    instead = make_records(300)
    Appender(AuditLog(audit_log.database)).append(instead)  # the restarted worker's
    reference.add(instead)
    size = len(reference.leaves)
    assert audit_log.committed() == (size, reference.root())
    assert audit_log.root(size) == reference.root()
    for index in (0, 300, 400, 511, 512, size - 1):
        verify_inclusion(
            reference.leaves[index],
            index,
            size,
            audit_log.inclusion_proof(index, size),
            reference.root(),
        )


def test_entries_yield_exactly_the_range_asked(
    audit_log: AuditLog, make_records: MakeRecords
) -> None:
    """entries(first, end) gives (leaf index, entry) for each leaf of [first, end), in
    order, the entry hashing to the leaf; record_at reads one record back as appended."""
    records = make_records(700)
    Appender(audit_log).append(records)
    leaves = [leaf_hash_of(r) for r in records]
    for first, end in [(0, 0), (0, 1), (0, 700), (255, 257), (256, 512), (300, 300), (511, 700)]:
        got = list(audit_log.entries(first, end))
        assert [i for i, _ in got] == list(range(first, end))
        assert [leaf_hash_of(audit_pb2.AuditRecord.FromString(e)) for _, e in got] == leaves[
            first:end
        ]
    record = audit_log.record_at(256)
    assert record is not None
    assert (record.id, record.leaf_index, record.leaf_hash) == (records[256].id, 256, leaves[256])
    assert record.time == records[256].time  # to the nanosecond
    assert audit_log.record_at(700) is None


def test_signed_heads_are_kept_and_verify(
    audit_log: AuditLog, signer: HeadSigner, make_records: MakeRecords
) -> None:
    """A head signed for the committed tree is the latest head and the head of its size;
    the client's verifier accepts it; a later head does not replace an earlier size's."""
    appender = Appender(audit_log)
    empty = signer.sign_committed(audit_log)
    assert (empty.tree_size, empty.root_hash) == (0, EMPTY_ROOT)
    records = make_records(257)
    appender.append(records)
    head = signer.sign_committed(audit_log)
    assert head.tree_size == 257
    assert head.root_hash == root_from_leaf_hashes([leaf_hash_of(r) for r in records])
    assert (head.origin, head.key_id) == ("govdata.audit/test", signer.key_id)
    assert audit_log.latest_head() == head
    assert audit_log.head_at(257) == head
    assert audit_log.head_at(0) == empty
    assert audit_log.head_at(5) is None
    verify_head_message(signer.public_key, head)
    verify_head_message(signer.public_key, audit_log.head_at(0))

    again = signer.sign_committed(audit_log)  # the same size, signed again later
    assert audit_log.latest_head() == again
    assert audit_log.head_at(257) == head
    assert [h.tree_size for h in audit_log.all_heads()] == [0, 257]


@pytest.mark.parametrize("failing", ["bundles", "tiles"])
def test_an_append_that_failed_part_way_leaves_the_appender_able_to_go_on(
    audit_log: AuditLog,
    make_records: MakeRecords,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    """A store write failing mid-batch (after the records' documents went in) raises, and
    the worker keeps its appender: the next batch, with the failed records delivered again,
    appends each once, and the documents and proofs agree with the tree."""
    appender = Appender(audit_log)
    reference = Reference()
    first = make_records(250)
    appender.append(first)
    reference.add(first)

    collection = getattr(audit_log, failing)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError(f"{failing} write lost")

    monkeypatch.setattr(collection, "bulk_write", fail)
    failed = make_records(20)
    with pytest.raises(ConnectionError):
        appender.append(failed)
    monkeypatch.undo()
    assert audit_log.committed() == (250, reference.root())

    more = make_records(3)
    placed = appender.append([*failed, *more])
    assert [r.id for r in placed] == [r.id for r in [*failed, *more]]
    reference.add(placed)
    assert_log_is(audit_log, reference)
    size = len(reference.leaves)
    for index in (0, 249, 250, size - 1):
        verify_inclusion(
            reference.leaves[index],
            index,
            size,
            audit_log.inclusion_proof(index, size),
            reference.root(),
        )
