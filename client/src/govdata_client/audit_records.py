"""The leaf an audit record is in the log as: what a client hashes to check a record it holds.

The entry is the deterministic protobuf serialisation of ``gov.audit.v1.AuditRecord`` with
``leaf_index``, ``leaf_hash`` and ``hidden_until`` cleared (the record's place in the tree,
and a mark an authorised requester may set later, are not part of what it says). The log
hashes exactly these bytes; so does the export verifier.
"""

from __future__ import annotations

from typing import Any

from govdata_client.merkle import leaf_hash

NOT_HASHED = ("leaf_index", "leaf_hash", "hidden_until")


def entry_of(record: Any) -> bytes:
    """The leaf entry of an ``AuditRecord`` message (the message is not changed)."""
    bare = type(record)()
    bare.CopyFrom(record)
    for field in NOT_HASHED:
        bare.ClearField(field)
    return bare.SerializeToString(deterministic=True)


def leaf_hash_of(record: Any) -> bytes:
    """SHA-256(0x00 || entry): compare with the record's inclusion proof."""
    return leaf_hash(entry_of(record))
