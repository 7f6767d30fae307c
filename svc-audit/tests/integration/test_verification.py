"""VerifyLog on the real FerretDB: an intact log verifies, and any edit made behind the log's
back (in the entries, the queryable records, the tree's tiles or the signed heads) is
reported as the first divergence, at the leaf it touched, naming the record when its entry
can still be read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gov.audit.v1 import audit_pb2
from govdata.audit import verification
from govdata.audit.heads import HeadSigner
from govdata.audit.log import Appender, AuditLog, key, pack
from govdata.audit.tiles import HASH, WIDTH, tile_id
from govdata_client.audit_records import entry_of
from govdata_client.merkle import ProofError, verify_inclusion

MakeRecords = Callable[..., list[audit_pb2.AuditRecord]]  # the make_records fixture
SIGNED_AT = [300, 600, 1000]


@pytest.fixture
def signed_log(
    audit_log: AuditLog, signer: HeadSigner, make_records: MakeRecords
) -> list[audit_pb2.AuditRecord]:
    """1,000 records appended in batches, a head signed after each; the records in order."""
    appender = Appender(audit_log)
    records: list[audit_pb2.AuditRecord] = []
    for size in SIGNED_AT:
        batch = make_records(size - len(records))
        records += appender.append(batch)
        signer.sign_committed(audit_log)
    return records


def test_an_intact_log_verifies(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """Every leaf re-hashed, every head checked, every queryable record compared."""
    result = verification.verify(audit_log, signer.public_key, include_records=True)
    assert result.ok, result.first_divergence
    assert not result.HasField("first_divergence")
    assert (result.tree_size, result.leaves_checked, result.leaves_archived) == (1000, 1000, 0)
    assert (result.heads_checked, result.records_checked) == (3, 1000)
    without = verification.verify(audit_log, signer.public_key)
    assert without.ok and without.records_checked == 0


def test_only_the_signed_prefix_is_verified(
    audit_log: AuditLog,
    signer: HeadSigner,
    signed_log: list[audit_pb2.AuditRecord],
    make_records: MakeRecords,
) -> None:
    """Records appended after the latest head are not yet covered by a signature."""
    Appender(audit_log).append(make_records(10))
    result = verification.verify(audit_log, signer.public_key, include_records=True)
    assert result.ok, result.first_divergence
    assert (result.tree_size, result.records_checked) == (1000, 1000)


def edit_entry(
    audit_log: AuditLog, leaf: int, change: Callable[[audit_pb2.AuditRecord], Any]
) -> None:
    """Rewrite the entry of ``leaf`` in its bundle document, as someone with write access to
    the database could."""
    entries = audit_log.bundle_entries(leaf // WIDTH) or []
    record = audit_pb2.AuditRecord.FromString(entries[leaf % WIDTH])
    change(record)
    entries[leaf % WIDTH] = entry_of(record)
    audit_log.bundles.update_one({"_id": key(leaf // WIDTH)}, {"$set": {"entries": pack(entries)}})


def assert_diverges(
    audit_log: AuditLog, signer: HeadSigner, leaf: int, record_id: str, reason: str
) -> audit_pb2.Divergence:
    """VerifyLog (with the records) fails, first at ``leaf``, naming ``record_id``."""
    result = verification.verify(audit_log, signer.public_key, include_records=True)
    assert not result.ok
    divergence = result.first_divergence
    assert (divergence.leaf_index, divergence.record_id) == (leaf, record_id), divergence
    assert reason in divergence.reason
    return divergence


def test_an_edited_entry_is_reported_and_no_longer_proves(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """An entry whose purpose was changed in its bundle: reported at its leaf, and the
    inclusion proof served for it does not verify for the record as it is now stored."""
    leaf = 300  # in the middle of bundle 1 (a full one)

    def purpose(record: audit_pb2.AuditRecord) -> None:
        record.purpose = "无关用途"

    edit_entry(audit_log, leaf, purpose)
    assert_diverges(
        audit_log, signer, leaf, signed_log[leaf].id, "entry's leaf hash differs from the signed"
    )
    head = audit_log.latest_head()
    assert head is not None
    stored = audit_log.record_at(leaf)
    assert stored is not None and stored.purpose == "无关用途"
    proof = audit_log.inclusion_proof(leaf, head.tree_size)
    with pytest.raises(ProofError):
        verify_inclusion(stored.leaf_hash, leaf, head.tree_size, proof, head.root_hash)
    verify_inclusion(signed_log[leaf].leaf_hash, leaf, head.tree_size, proof, head.root_hash)


def test_an_edited_entry_in_the_last_partial_bundle_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """The open bundle (not yet a full tile) is checked leaf by leaf too."""
    leaf = 999

    def actor(record: audit_pb2.AuditRecord) -> None:
        record.actor.person = "someone-else"

    edit_entry(audit_log, leaf, actor)
    assert_diverges(audit_log, signer, leaf, signed_log[leaf].id, "leaf hash differs")


def test_an_id_index_line_moved_to_another_leaf_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """The id index must name each leaf under its own record's id (else a redelivery of
    that record would be appended again, or another one refused)."""
    audit_log.records.update_one({"_id": signed_log[517].id}, {"$set": {"leaf_index": 518}})
    assert_diverges(audit_log, signer, 517, signed_log[517].id, "record missing")


def test_a_deleted_id_index_line_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """Every leaf must have its line in the id index."""
    leaf = 42
    audit_log.records.delete_one({"_id": signed_log[leaf].id})
    assert_diverges(audit_log, signer, leaf, signed_log[leaf].id, "record missing")


def test_a_deleted_entry_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """Entries cut off the end of a bundle (its array truncated): the first one missing."""
    held = audit_log.bundle_entries(2) or []
    audit_log.bundles.update_one({"_id": key(2)}, {"$set": {"entries": pack(held[:100])}})
    assert_diverges(audit_log, signer, 2 * WIDTH + 100, "", "entry missing from the log")


def test_an_entry_removed_from_the_middle_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """Removing one entry shifts the rest: the first leaf whose entry is not its own."""
    entries = audit_log.bundle_entries(1) or []
    del entries[17]
    audit_log.bundles.update_one({"_id": key(1)}, {"$set": {"entries": pack(entries)}})
    leaf = WIDTH + 17
    assert_diverges(audit_log, signer, leaf, signed_log[leaf + 1].id, "leaf hash differs")


def test_an_edited_tile_hash_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """A level-0 hash changed in the stored tree (proofs come from it): reported at its
    leaf, with the id of the record whose entry no longer matches."""
    leaf = WIDTH + 10
    tile: Any = audit_log.tiles.find_one({"_id": tile_id(0, 1)})
    hashes = bytearray(tile["hashes"])
    hashes[10 * HASH] ^= 0xFF
    audit_log.tiles.update_one({"_id": tile_id(0, 1)}, {"$set": {"hashes": bytes(hashes)}})
    assert_diverges(audit_log, signer, leaf, signed_log[leaf].id, "leaf hash differs")


def test_an_edited_upper_tile_hash_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """A level-8 hash (the root of bundle 2's tile, kept one tile level up) changed: proofs
    through it would fail, so it is reported at the bundle's first leaf."""
    tile: Any = audit_log.tiles.find_one({"_id": tile_id(1, 0)})
    hashes = bytearray(tile["hashes"])
    hashes[2 * HASH + 5] ^= 0x01
    audit_log.tiles.update_one({"_id": tile_id(1, 0)}, {"$set": {"hashes": bytes(hashes)}})
    assert_diverges(audit_log, signer, 2 * WIDTH, "", "stored tree node 8/2 differs")


def corrupt(head_bytes: bytes) -> bytes:
    """A stored head with one bit of its signature flipped."""
    head = audit_pb2.TreeHead.FromString(head_bytes)
    head.signature = bytes([head.signature[0] ^ 0x80]) + head.signature[1:]
    return head.SerializeToString()


def test_a_corrupted_head_signature_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """A head whose signature does not hold under the log's key, at the head's size."""
    stored: Any = audit_log.heads.find_one({"_id": key(600)})
    audit_log.heads.update_one({"_id": key(600)}, {"$set": {"head": corrupt(stored["head"])}})
    assert_diverges(audit_log, signer, 600, "", "tree head 600")


def test_a_corrupted_latest_head_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """The latest head (what GetTreeHead serves) is checked too, not only the head kept for
    its size."""
    stored: Any = audit_log.state.find_one({"_id": "latest_head"})
    audit_log.state.update_one({"_id": "latest_head"}, {"$set": {"head": corrupt(stored["head"])}})
    assert_diverges(audit_log, signer, 1000, "", "tree head 1000")


def test_a_head_under_another_key_is_reported(
    audit_log: AuditLog, signer: HeadSigner, signed_log: list[audit_pb2.AuditRecord]
) -> None:
    """Verification against a key the log was not signed with fails at the first head."""
    other = HeadSigner(Ed25519PrivateKey.generate(), "govdata.audit/test")
    result = verification.verify(audit_log, other.public_key)
    assert not result.ok
    assert result.first_divergence.leaf_index == 300
    assert "names key" in result.first_divergence.reason
