"""Audit exports verified offline: a genuine export passes, and any altered entry, proof,
signature, readable record or order is caught and reported with its line and leaf."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import json_format

from gov.audit.v1 import audit_pb2
from govdata.audit import proofs
from govdata_client import audit_export, merkle, tree_head
from govdata_client.audit_export import ExportError, verify_export

KEY = Ed25519PrivateKey.from_private_bytes(b"k" * 32)
PUBLIC = KEY.public_key()
PUBLIC_B64 = base64.standard_b64encode(
    PUBLIC.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
).decode()
ORIGIN = "audit.govdata.example/test"
TREE_SIZE = 11
TIME_MS = 1_767_225_600_000
EXPORTED = [1, 2, 5, 8, 10]  # leaf indexes in the export; even ones are AuditRecords


def b64(data: bytes) -> str:
    return base64.standard_b64encode(data).decode()


def audit_record(index: int) -> audit_pb2.AuditRecord:
    record = audit_pb2.AuditRecord(
        id=f"00000000-0000-4000-8000-{index:012d}",
        request_id=f"req-{index}",
        method="/gov.exchange.v1.ExchangeService/QueryByKey",
        resource="organizations/minzheng/resources/hukou",
        data_items=["姓名", "户籍地址"],
        data_subject_keys=["ab" * 32],
        purpose="最低生活保障核对",
        outcome="OK",
        service="svc-exchange",
    )
    record.time.FromMilliseconds(TIME_MS - 1000 * index)
    record.hidden_until.FromMilliseconds(TIME_MS + 86_400_000)
    return record


def entry_of(record: audit_pb2.AuditRecord) -> bytes:
    cleared = audit_pb2.AuditRecord()
    cleared.CopyFrom(record)
    for field in ("leaf_index", "leaf_hash", "hidden_until"):
        cleared.ClearField(field)
    return cleared.SerializeToString(deterministic=True)


RECORDS = {i: audit_record(i) for i in range(0, TREE_SIZE, 2)}
ENTRIES = [
    entry_of(RECORDS[i]) if i in RECORDS else f"entry {i}".encode() for i in range(TREE_SIZE)
]
LEAF_HASHES = [merkle.leaf_hash(entry) for entry in ENTRIES]
for _index, _record in RECORDS.items():
    _record.leaf_index = _index
    _record.leaf_hash = LEAF_HASHES[_index]


def stored_nodes() -> dict[tuple[int, int], bytes]:
    nodes = {(0, i): h for i, h in enumerate(LEAF_HASHES)}
    level, width = 0, TREE_SIZE
    while width > 1:
        for i in range(width // 2):
            nodes[(level + 1, i)] = merkle.node_hash(
                nodes[(level, 2 * i)], nodes[(level, 2 * i + 1)]
            )
        level, width = level + 1, width // 2
    return nodes


NODES = stored_nodes()
ROOT = proofs.tree_root(TREE_SIZE, NODES)


def head_line(key: Ed25519PrivateKey = KEY, **change: Any) -> dict[str, Any]:
    head = {
        "origin": ORIGIN,
        "tree_size": TREE_SIZE,
        "root_hash": b64(ROOT),
        "time_ms": TIME_MS,
        "key_id": tree_head.key_id(key.public_key()),
        "signature": b64(tree_head.sign_tree_head(key, ORIGIN, TREE_SIZE, ROOT, TIME_MS)),
    }
    return {"tree_head": {**head, **change}}


def record_line(index: int) -> dict[str, Any]:
    line: dict[str, Any] = {
        "leaf_index": index,
        "entry": b64(ENTRIES[index]),
        "leaf_hash": b64(LEAF_HASHES[index]),
        "inclusion_proof": [b64(h) for h in proofs.inclusion_proof(index, TREE_SIZE, NODES)],
    }
    if index in RECORDS:
        line["record"] = json_format.MessageToDict(RECORDS[index])
    return line


def export(lines: list[dict[str, Any]] | None = None) -> list[str]:
    documents = lines if lines is not None else [head_line()] + [record_line(i) for i in EXPORTED]
    return [json.dumps(document, ensure_ascii=False) + "\n" for document in documents]


def failure(lines: list[dict[str, Any]]) -> str:
    with pytest.raises(ExportError) as caught:
        verify_export(export(lines), PUBLIC)
    return str(caught.value)


def records() -> list[dict[str, Any]]:
    return [record_line(i) for i in EXPORTED]


# ---------------------------------------------------------------------------
# A genuine export
# ---------------------------------------------------------------------------


def test_a_genuine_export_verifies() -> None:
    report = verify_export(export(), PUBLIC)
    assert report.tree_size == TREE_SIZE
    assert report.records_checked == len(EXPORTED)
    assert (report.first_leaf, report.last_leaf) == (1, 10)
    assert report.records_compared == 3  # leaves 2, 8 and 10 carry a readable record
    assert report.origin == ORIGIN
    assert report.root_hash == ROOT


def test_a_head_alone_verifies_and_blank_lines_are_ignored() -> None:
    report = verify_export([*export([head_line()]), "\n", "  \n"], PUBLIC)
    assert (report.records_checked, report.first_leaf, report.last_leaf) == (0, None, None)


def test_the_record_is_the_proto_json_of_the_entry() -> None:
    """The entry the service hashes is what a reader of `record` can rebuild."""
    line = record_line(2)
    parsed = json_format.ParseDict(line["record"], audit_pb2.AuditRecord())
    assert parsed.leaf_index == 2 and parsed.HasField("hidden_until")
    assert entry_of(parsed) == base64.b64decode(line["entry"])


# ---------------------------------------------------------------------------
# Tampering
# ---------------------------------------------------------------------------


def test_an_altered_entry_fails() -> None:
    lines = records()
    lines[1]["entry"] = b64(ENTRIES[2] + b"\x00")
    assert failure([head_line(), *lines]) == (
        "line 3 (leaf 2): leaf_hash is not SHA-256(0x00 || entry)"
    )


def test_an_altered_entry_with_its_own_leaf_hash_fails_the_proof() -> None:
    lines = records()
    forged = b"entry 5 rewritten"
    lines[2]["entry"], lines[2]["leaf_hash"] = b64(forged), b64(merkle.leaf_hash(forged))
    message = failure([head_line(), *lines])
    assert message.startswith("line 4 (leaf 5): inclusion proof fails")


def test_an_altered_proof_fails() -> None:
    lines = records()
    proof = [base64.b64decode(h) for h in lines[3]["inclusion_proof"]]
    proof[-1] = bytes([proof[-1][0] ^ 1]) + proof[-1][1:]
    lines[3]["inclusion_proof"] = [b64(h) for h in proof]
    assert failure([head_line(), *lines]).startswith("line 5 (leaf 8): inclusion proof fails")
    lines = records()
    lines[0]["inclusion_proof"] = lines[0]["inclusion_proof"][:-1]
    assert "line 2 (leaf 1): inclusion proof fails: inclusion proof has 3 hashes" in failure(
        [head_line(), *lines]
    )


def test_a_proof_for_another_leaf_fails() -> None:
    lines = records()
    lines[0]["inclusion_proof"] = record_line(0)["inclusion_proof"]
    assert failure([head_line(), *lines]).startswith("line 2 (leaf 1): inclusion proof fails")


def test_an_altered_signature_fails() -> None:
    signature = base64.b64decode(head_line()["tree_head"]["signature"])
    bad = b64(bytes([signature[0] ^ 1]) + signature[1:])
    assert failure([head_line(signature=bad), *records()]).startswith(
        "line 1: bad tree head: tree head signature does not verify"
    )


@pytest.mark.parametrize(
    "change",
    [
        {"tree_size": TREE_SIZE + 1},
        {"origin": "another.example/log"},
        {"time_ms": TIME_MS + 1},
        {"root_hash": b64(merkle.EMPTY_ROOT)},
    ],
)
def test_any_altered_head_field_fails(change: dict[str, Any]) -> None:
    assert failure([head_line(**change), *records()]).startswith("line 1: bad tree head")


def test_a_head_signed_by_another_key_fails() -> None:
    other = Ed25519PrivateKey.from_private_bytes(b"o" * 32)
    message = failure([head_line(key=other), *records()])
    assert message == (
        f"line 1: tree head is signed by key {tree_head.key_id(other.public_key())!r}, "
        f"expected {tree_head.key_id(PUBLIC)!r}"
    )
    # Naming our key without having its signature does not help.
    forged = head_line(key=other, key_id=tree_head.key_id(PUBLIC))
    assert failure([forged, *records()]).startswith("line 1: bad tree head")


def test_an_altered_readable_record_fails() -> None:
    lines = records()
    lines[1]["record"]["purpose"] = "无"
    assert failure([head_line(), *lines]) == (
        "line 3 (leaf 2): record does not match entry (the readable record was altered)"
    )


def test_a_readable_record_of_another_leaf_fails() -> None:
    lines = records()
    lines[3]["record"] = record_line(10)["record"]
    assert failure([head_line(), *lines]) == (
        "line 5 (leaf 8): record says leaf_index 10, the line 8"
    )
    lines = records()
    lines[3]["record"] = record_line(10)["record"]
    del lines[3]["record"]["leafIndex"]
    assert (
        failure([head_line(), *lines]) == "line 5 (leaf 8): record's leaf_hash is not the entry's"
    )


def test_a_readable_record_with_unknown_fields_fails() -> None:
    lines = records()
    lines[4]["record"]["citizenName"] = "张三"
    assert failure([head_line(), *lines]).startswith(
        "line 6 (leaf 10): record is not an AuditRecord"
    )


def test_without_the_contracts_the_record_is_not_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit_export, "_audit_record_type", lambda: None)
    lines = records()
    lines[1]["record"]["purpose"] = "无"
    report = verify_export(export([head_line(), *lines]), PUBLIC)
    assert (report.records_checked, report.records_compared) == (5, 0)


def test_reordered_or_repeated_lines_fail() -> None:
    lines = records()
    lines[1], lines[2] = lines[2], lines[1]
    assert failure([head_line(), *lines]) == (
        "line 4 (leaf 2): leaf indexes must strictly increase (previous 5)"
    )
    lines = records()
    assert failure([head_line(), lines[0], lines[0]]) == (
        "line 3 (leaf 1): leaf indexes must strictly increase (previous 1)"
    )
    assert (
        failure([*records(), head_line()]) == 'line 1: the first line must be {"tree_head": {...}}'
    )


def test_a_leaf_outside_the_tree_fails() -> None:
    line = record_line(10)
    line["leaf_index"] = TREE_SIZE
    assert (
        failure([head_line(), line]) == "line 2 (leaf 11): leaf index is not below the tree size 11"
    )


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda line: line.pop("entry"), "line 2 (leaf 1): missing entry"),
        (lambda line: line.update(extra=1), "line 2 (leaf 1): unknown key extra"),
        (lambda line: line.update(entry="not base64!"), "line 2 (leaf 1): entry is not standard"),
        (lambda line: line.update(entry=5), "line 2 (leaf 1): entry must be a base64 string"),
        (lambda line: line.update(leaf_index="1"), "line 2: leaf_index must be a non-negative"),
        (lambda line: line.update(leaf_index=-1), "line 2: leaf_index must be a non-negative"),
        (lambda line: line.update(inclusion_proof="x"), "inclusion_proof must be a list"),
        (lambda line: line.update(inclusion_proof=["é"]), "inclusion_proof[0] is not standard"),
    ],
)
def test_malformed_record_lines_fail(mutate: Any, message: str) -> None:
    line = record_line(1)
    mutate(line)
    assert message in failure([head_line(), line])


def test_malformed_files_fail() -> None:
    with pytest.raises(ExportError, match="line 1: the export is empty"):
        verify_export([], PUBLIC)
    with pytest.raises(ExportError, match="line 2: not JSON"):
        verify_export([export([head_line()])[0], "{not json\n"], PUBLIC)
    with pytest.raises(ExportError, match="line 2: must be a JSON object"):
        verify_export([export([head_line()])[0], "[1, 2]\n"], PUBLIC)
    head = head_line()
    del head["tree_head"]["key_id"]
    with pytest.raises(ExportError, match="line 1: missing key_id"):
        verify_export(export([head]), PUBLIC)
    with pytest.raises(ExportError, match="line 1: tree_size must be a non-negative integer"):
        verify_export(export([head_line(tree_size=1.5)]), PUBLIC)


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_cli_accepts_a_genuine_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = write(tmp_path / "export.jsonl", export())
    assert audit_export.main([str(file), "--public-key", PUBLIC_B64]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "OK: 5 records (leaves 1..10)" in out and f"tree size {TREE_SIZE}" in out
    pem = tmp_path / "log.pem"
    pem.write_bytes(
        PUBLIC.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    assert audit_export.main([str(file), "--public-key", str(pem)]) == 0


def test_cli_rejects_a_tampered_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = records()
    lines[1]["entry"] = b64(b"tampered")
    file = write(tmp_path / "export.jsonl", export([head_line(), *lines]))
    assert audit_export.main([str(file), "--public-key", PUBLIC_B64]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "FAILED: line 3 (leaf 2): leaf_hash is not SHA-256(0x00 || entry)" in captured.err


def test_cli_exit_1_for_a_bad_key_or_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(tmp_path / "export.jsonl", export())
    assert audit_export.main([str(file), "--public-key", "not-a-key"]) == 1
    assert "bad public key" in capsys.readouterr().err
    other = base64.standard_b64encode(b"\x01" * 32).decode()
    assert audit_export.main([str(file), "--public-key", other]) == 1
    assert "line 1: tree head is signed by key" in capsys.readouterr().err
    assert audit_export.main([str(tmp_path / "missing.jsonl"), "--public-key", PUBLIC_B64]) == 1
    assert "FAILED" in capsys.readouterr().err
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    assert audit_export.main([str(binary), "--public-key", PUBLIC_B64]) == 1
