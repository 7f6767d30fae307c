"""Offline verification of an audit export: records proved to be in a signed audit log.

An export lets an auditor (or a court, or a citizen) keep a set of audit records and later
show, with nothing but the log's public key, that each of them is exactly as the log holds
it. The file is JSON lines, UTF-8, one JSON object a line; base64 is standard base64 with
padding (RFC 4648 §4).

Line 1, the signed tree head the records are proved against::

    {"tree_head": {"origin": str, "tree_size": int, "root_hash": b64, "time_ms": int,
                   "key_id": str, "signature": b64}}

``signature`` is Ed25519 over the checkpoint body of those fields (see
``govdata_client.tree_head``) and ``key_id`` names the signing key.

Every further line, one record, in strictly increasing ``leaf_index``::

    {"leaf_index": int, "entry": b64, "leaf_hash": b64, "inclusion_proof": [b64, ...],
     "record": {...}}

``entry`` is the exact leaf entry the log hashed: the deterministic protobuf serialisation
of the ``gov.audit.v1.AuditRecord`` with ``leaf_index``, ``leaf_hash`` and ``hidden_until``
cleared. ``leaf_hash`` is SHA-256(0x00 || entry) and ``inclusion_proof`` is the RFC 9162
audit path of that leaf in the tree of the head. ``record`` is optional: the record as
protobuf JSON (``json_format.MessageToDict``), for people to read. When present and the
contracts (``gov.audit.v1.audit_pb2``) are installed, it must serialise back to ``entry``,
so what a reader sees is what was proved. Blank lines are ignored; other keys are errors.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from govdata_client import audit_records, merkle, tree_head

_HEAD_KEYS = frozenset({"origin", "tree_size", "root_hash", "time_ms", "key_id", "signature"})
_RECORD_KEYS = frozenset({"leaf_index", "entry", "leaf_hash", "inclusion_proof"})
_OPTIONAL_RECORD_KEYS = frozenset({"record"})


class ExportError(ValueError):
    """The first thing wrong with an export, naming its line (and leaf, for a record line)."""

    def __init__(self, line: int, message: str, leaf_index: int | None = None) -> None:
        where = f"line {line}" if leaf_index is None else f"line {line} (leaf {leaf_index})"
        super().__init__(f"{where}: {message}")
        self.line = line
        self.leaf_index = leaf_index


@dataclass(frozen=True)
class ExportReport:
    """What a verified export showed. ``first_leaf`` and ``last_leaf`` are None when the
    export holds a tree head and no records; ``records_compared`` counts the records whose
    readable ``record`` was checked against their ``entry``."""

    tree_size: int
    records_checked: int
    first_leaf: int | None
    last_leaf: int | None
    records_compared: int = 0
    origin: str = ""
    root_hash: bytes = b""


def verify_export(lines: Iterable[str], public_key: Ed25519PublicKey) -> ExportReport:
    """Check every line of an export against ``public_key``; raise ExportError at the first
    failure.

    Lines are read one at a time, so an export larger than memory can be checked. The head
    is checked first: no record is worth reading under a head the key did not sign.
    """
    message_type = _audit_record_type()
    head: dict[str, Any] | None = None
    root_hash = b""
    checked = compared = 0
    first_leaf: int | None = None
    last_leaf: int | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        document = _parse_line(number, line)
        if head is None:
            head = _verify_head(number, document, public_key)
            root_hash = head["root_hash"]
            continue
        leaf_index = _verify_record(number, document, head, last_leaf)
        if message_type is not None and "record" in document:
            _compare_record(number, leaf_index, document, message_type)
            compared += 1
        checked += 1
        first_leaf = leaf_index if first_leaf is None else first_leaf
        last_leaf = leaf_index
    if head is None:
        raise ExportError(1, "the export is empty: line 1 must be the tree head")
    return ExportReport(
        tree_size=head["tree_size"],
        records_checked=checked,
        first_leaf=first_leaf,
        last_leaf=last_leaf,
        records_compared=compared,
        origin=head["origin"],
        root_hash=root_hash,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``govdata-verify-audit-export FILE --public-key PATH_OR_B64``: exit 0 and a one-line
    summary when the export verifies, exit 1 and the first error when it does not."""
    parser = argparse.ArgumentParser(
        prog="govdata-verify-audit-export",
        description="Verify an audit export (JSON lines) against the audit log's public key.",
    )
    parser.add_argument("file", type=Path, help="the export file")
    parser.add_argument(
        "--public-key",
        required=True,
        help="the log's Ed25519 public key: a PEM file, or the raw key in base64",
    )
    args = parser.parse_args(argv)
    try:
        public_key = tree_head.load_public_key(_key_text(args.public_key))
    except (OSError, ValueError) as error:
        sys.stderr.write(f"govdata-verify-audit-export: bad public key: {error}\n")
        return 1
    try:
        with args.file.open(encoding="utf-8") as lines:
            report = verify_export(lines, public_key)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        sys.stderr.write(f"govdata-verify-audit-export: {args.file}: FAILED: {error}\n")
        return 1
    leaves = (
        "no records"
        if report.first_leaf is None
        else f"{report.records_checked} records (leaves {report.first_leaf}..{report.last_leaf})"
    )
    sys.stdout.write(
        f"{args.file}: OK: {leaves} included in {report.origin!r} at tree size "
        f"{report.tree_size}, root {_b64(report.root_hash)}, signed by key "
        f"{tree_head.key_id(public_key)}; {report.records_compared} readable records match "
        "their entries\n"
    )
    return 0


# ---------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------


def _parse_line(number: int, line: str) -> dict[str, Any]:
    try:
        document = json.loads(line)
    except ValueError as error:
        raise ExportError(number, f"not JSON: {error}") from None
    if not isinstance(document, dict):
        raise ExportError(number, "must be a JSON object")
    return document


def _verify_head(
    number: int, document: dict[str, Any], public_key: Ed25519PublicKey
) -> dict[str, Any]:
    """The head's fields, decoded, once its signature is known good."""
    if set(document) != {"tree_head"} or not isinstance(document["tree_head"], dict):
        raise ExportError(number, 'the first line must be {"tree_head": {...}}')
    fields = document["tree_head"]
    _require_keys(number, None, fields, _HEAD_KEYS, frozenset())
    head = {
        "origin": _string(number, None, fields, "origin"),
        "tree_size": _integer(number, None, fields, "tree_size"),
        "root_hash": _base64(number, None, fields["root_hash"], "root_hash"),
        "time_ms": _integer(number, None, fields, "time_ms"),
        "key_id": _string(number, None, fields, "key_id"),
        "signature": _base64(number, None, fields["signature"], "signature"),
    }
    expected = tree_head.key_id(public_key)
    if head["key_id"] != expected:
        raise ExportError(
            number, f"tree head is signed by key {head['key_id']!r}, expected {expected!r}"
        )
    try:
        tree_head.verify_tree_head(
            public_key,
            head["origin"],
            head["tree_size"],
            head["root_hash"],
            head["time_ms"],
            head["signature"],
        )
    except tree_head.SignatureError as error:
        raise ExportError(number, f"bad tree head: {error}") from None
    return head


def _verify_record(
    number: int, document: dict[str, Any], head: dict[str, Any], previous: int | None
) -> int:
    """The record's leaf index, once its entry is proved to be in the head's tree."""
    leaf_index = document.get("leaf_index")
    known = leaf_index if isinstance(leaf_index, int) and not isinstance(leaf_index, bool) else None
    _require_keys(number, known, document, _RECORD_KEYS, _OPTIONAL_RECORD_KEYS)
    leaf_index = _integer(number, None, document, "leaf_index")
    if previous is not None and leaf_index <= previous:
        raise ExportError(
            number, f"leaf indexes must strictly increase (previous {previous})", leaf_index
        )
    if leaf_index >= head["tree_size"]:
        raise ExportError(
            number, f"leaf index is not below the tree size {head['tree_size']}", leaf_index
        )
    entry = _base64(number, leaf_index, document["entry"], "entry")
    claimed = _base64(number, leaf_index, document["leaf_hash"], "leaf_hash")
    if merkle.leaf_hash(entry) != claimed:
        raise ExportError(number, "leaf_hash is not SHA-256(0x00 || entry)", leaf_index)
    proof = document["inclusion_proof"]
    if not isinstance(proof, list):
        raise ExportError(number, "inclusion_proof must be a list", leaf_index)
    hashes = [
        _base64(number, leaf_index, item, f"inclusion_proof[{position}]")
        for position, item in enumerate(proof)
    ]
    try:
        merkle.verify_inclusion(claimed, leaf_index, head["tree_size"], hashes, head["root_hash"])
    except merkle.ProofError as error:
        raise ExportError(number, f"inclusion proof fails: {error}", leaf_index) from None
    return leaf_index


def _compare_record(
    number: int, leaf_index: int, document: dict[str, Any], message_type: type[Any]
) -> None:
    """Fail unless the readable ``record`` is the record whose entry was proved."""
    from google.protobuf import json_format

    readable = document["record"]
    if not isinstance(readable, dict):
        raise ExportError(number, "record must be a JSON object", leaf_index)
    message = message_type()
    try:
        json_format.ParseDict(readable, message, ignore_unknown_fields=False)
    except json_format.ParseError as error:
        raise ExportError(number, f"record is not an AuditRecord: {error}", leaf_index) from None
    if message.leaf_index not in (0, leaf_index):
        raise ExportError(
            number,
            f"record says leaf_index {message.leaf_index}, the line {leaf_index}",
            leaf_index,
        )
    entry = _base64(number, leaf_index, document["entry"], "entry")
    if message.leaf_hash and message.leaf_hash != merkle.leaf_hash(entry):
        raise ExportError(number, "record's leaf_hash is not the entry's", leaf_index)
    if audit_records.entry_of(message) != entry:
        raise ExportError(
            number, "record does not match entry (the readable record was altered)", leaf_index
        )


def _audit_record_type() -> type[Any] | None:
    """``AuditRecord`` when the contracts are installed; without them ``record`` is shown
    but cannot be checked (the entry itself is still proved)."""
    try:
        from gov.audit.v1 import audit_pb2
    except ImportError:
        return None
    return audit_pb2.AuditRecord


# ---------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------


def _require_keys(
    number: int,
    leaf_index: int | None,
    fields: dict[str, Any],
    required: frozenset[str],
    optional: frozenset[str],
) -> None:
    missing = sorted(required - set(fields))
    if missing:
        raise ExportError(number, f"missing {', '.join(missing)}", leaf_index)
    unknown = sorted(set(fields) - required - optional)
    if unknown:
        raise ExportError(number, f"unknown key {', '.join(unknown)}", leaf_index)


def _integer(number: int, leaf_index: int | None, fields: dict[str, Any], name: str) -> int:
    value = fields[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ExportError(number, f"{name} must be a non-negative integer", leaf_index)
    return value


def _string(number: int, leaf_index: int | None, fields: dict[str, Any], name: str) -> str:
    value = fields[name]
    if not isinstance(value, str):
        raise ExportError(number, f"{name} must be a string", leaf_index)
    return value


def _base64(number: int, leaf_index: int | None, value: Any, name: str) -> bytes:
    if not isinstance(value, str):
        raise ExportError(number, f"{name} must be a base64 string", leaf_index)
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error, or a non-ASCII character
        raise ExportError(number, f"{name} is not standard base64", leaf_index) from None


def _b64(data: bytes) -> str:
    return base64.standard_b64encode(data).decode()


def _key_text(value: str) -> bytes | str:
    """The key a --public-key value names: a file's contents if it is a file, else itself."""
    path = Path(value)
    try:
        if path.is_file():
            return path.read_bytes()
    except OSError:  # a long base64 string can be an invalid path on some systems
        pass
    return value


if __name__ == "__main__":
    sys.exit(main())
