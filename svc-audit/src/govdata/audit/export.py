"""Exports of a range of the log, checkable offline (the format is ``govdata_client.audit_export``).

One line with the signed tree head, then per record its entry, leaf hash, inclusion proof
against that head and the readable record. Used by ExportAuditRecords and by retention's
archives, so an archived range is proved exactly as an export is.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

from google.protobuf.json_format import MessageToDict

from gov.audit.v1 import audit_pb2
from govdata.audit.log import AuditLog

MAX_LEAVES = 100_000


def _b64(data: bytes) -> str:
    return base64.standard_b64encode(data).decode()


def head_line(head: audit_pb2.TreeHead) -> str:
    return json.dumps(
        {
            "tree_head": {
                "origin": head.origin,
                "tree_size": head.tree_size,
                "root_hash": _b64(head.root_hash),
                "time_ms": head.time.ToMilliseconds(),
                "key_id": head.key_id,
                "signature": _b64(head.signature),
            }
        }
    )


def lines(
    audit_log: AuditLog, head: audit_pb2.TreeHead, first: int, end: int
) -> Iterator[tuple[int, bytes, str]]:
    """(leaf index, leaf hash, line) of each record held in [first, end), proved against
    ``head`` (whose size must be at least ``end``)."""
    for leaf, entry, record in audit_log.held(first, end):
        line = json.dumps(
            {
                "leaf_index": leaf,
                "entry": _b64(entry),
                "leaf_hash": _b64(record.leaf_hash),
                "inclusion_proof": [
                    _b64(h) for h in audit_log.inclusion_proof(leaf, head.tree_size)
                ],
                "record": MessageToDict(record, preserving_proto_field_name=True),
            },
            ensure_ascii=False,
        )
        yield leaf, record.leaf_hash, line
