"""Signed tree heads: the exact checkpoint bytes, a signature that covers every field, keys
loaded from the forms the log publishes, and clear refusals of anything else."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, replace

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.timestamp_pb2 import Timestamp

from govdata_client import tree_head
from govdata_client.tree_head import SignatureError

ORIGIN = "audit.govdata.example/haixin"
SIZE = 1234
ROOT = hashlib.sha256(b"some root").digest()
TIME_MS = 1_767_225_600_123
SEED = bytes(range(32))
KEY = Ed25519PrivateKey.from_private_bytes(SEED)
PUBLIC = KEY.public_key()
RAW_PUBLIC = PUBLIC.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def signature() -> bytes:
    return tree_head.sign_tree_head(KEY, ORIGIN, SIZE, ROOT, TIME_MS)


@dataclass(frozen=True)
class Head:
    """Stand-in for gov.audit.v1.TreeHead with its origin field."""

    origin: str
    tree_size: int
    root_hash: bytes
    time: Timestamp
    key_id: str
    signature: bytes


def head() -> Head:
    time = Timestamp()
    time.FromMilliseconds(TIME_MS)
    return Head(ORIGIN, SIZE, ROOT, time, tree_head.key_id(PUBLIC), signature())


def test_checkpoint_body_is_the_c2sp_layout() -> None:
    body = tree_head.checkpoint_body(ORIGIN, SIZE, ROOT, TIME_MS)
    root_b64 = base64.standard_b64encode(ROOT).decode()
    assert body == f"{ORIGIN}\n1234\n{root_b64}\ntime 1767225600123\n".encode()
    empty = tree_head.checkpoint_body("o", 0, hashlib.sha256(b"").digest(), 0)
    assert empty == b"o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\ntime 0\n"


def test_sign_and_verify_round_trip() -> None:
    sig = signature()
    assert len(sig) == 64
    tree_head.verify_tree_head(PUBLIC, ORIGIN, SIZE, ROOT, TIME_MS, sig)
    body = tree_head.checkpoint_body(ORIGIN, SIZE, ROOT, TIME_MS)
    PUBLIC.verify(sig, body)  # plain Ed25519 over the body: any Ed25519 library can check it


@pytest.mark.parametrize(
    "field",
    ["origin", "tree_size", "root_hash", "time_ms", "signature"],
)
def test_tampering_with_any_field_fails(field: str) -> None:
    good = {
        "origin": ORIGIN,
        "tree_size": SIZE,
        "root_hash": ROOT,
        "time_ms": TIME_MS,
        "signature": signature(),
    }
    tampered = {
        "origin": ORIGIN + "x",
        "tree_size": SIZE + 1,
        "root_hash": bytes([ROOT[0] ^ 1]) + ROOT[1:],
        "time_ms": TIME_MS + 1,
        "signature": bytes([signature()[0] ^ 1]) + signature()[1:],
    }
    arguments = {**good, field: tampered[field]}
    with pytest.raises(SignatureError, match="does not verify"):
        tree_head.verify_tree_head(PUBLIC, **arguments)


def test_another_key_fails() -> None:
    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(SignatureError, match=tree_head.key_id(other)):
        tree_head.verify_tree_head(other, ORIGIN, SIZE, ROOT, TIME_MS, signature())


def test_malformed_heads_are_signature_errors() -> None:
    with pytest.raises(SignatureError, match="signature must be 64 bytes"):
        tree_head.verify_tree_head(PUBLIC, ORIGIN, SIZE, ROOT, TIME_MS, signature()[:-1])
    with pytest.raises(SignatureError, match="malformed tree head: root_hash"):
        tree_head.verify_tree_head(PUBLIC, ORIGIN, SIZE, ROOT[:-1], TIME_MS, signature())


@pytest.mark.parametrize(
    ("origin", "tree_size", "root_hash", "time_ms", "message"),
    [
        ("", SIZE, ROOT, TIME_MS, "origin"),
        ("a\nb", SIZE, ROOT, TIME_MS, "newline"),
        (ORIGIN, -1, ROOT, TIME_MS, "tree_size"),
        (ORIGIN, True, ROOT, TIME_MS, "tree_size"),
        (ORIGIN, "12", ROOT, TIME_MS, "tree_size"),
        (ORIGIN, SIZE, ROOT[:31], TIME_MS, "root_hash"),
        (ORIGIN, SIZE, ROOT + b"\x00", TIME_MS, "root_hash"),
        (ORIGIN, SIZE, ROOT, -5, "time_ms"),
    ],
)
def test_bad_body_inputs_are_value_errors(
    origin: str, tree_size: int, root_hash: bytes, time_ms: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        tree_head.checkpoint_body(origin, tree_size, root_hash, time_ms)
    with pytest.raises(ValueError, match=message):
        tree_head.sign_tree_head(KEY, origin, tree_size, root_hash, time_ms)


def test_key_id_is_16_hex_of_the_raw_key_hash() -> None:
    identifier = tree_head.key_id(PUBLIC)
    assert re.fullmatch(r"[0-9a-f]{16}", identifier)
    assert identifier == hashlib.sha256(RAW_PUBLIC).hexdigest()[:16]


def test_public_key_from_pem_and_base64() -> None:
    pem = PUBLIC.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    b64 = base64.standard_b64encode(RAW_PUBLIC)
    for data in (pem, pem.decode(), b64, b64.decode(), b"  " + b64 + b"\n"):
        key = tree_head.load_public_key(data)
        assert key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == (
            RAW_PUBLIC
        )


def test_private_key_from_pem_and_base64_seed() -> None:
    pem = KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    seed = base64.standard_b64encode(SEED)
    for data in (pem, pem.decode(), seed, seed.decode()):
        key = tree_head.load_private_key(data)
        assert tree_head.key_id(key.public_key()) == tree_head.key_id(PUBLIC)


def test_bad_keys_are_value_errors() -> None:
    ec_key = generate_private_key(SECP256R1())
    ec_public_pem = ec_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    ec_private_pem = ec_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    encrypted_pem = KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    )
    cases_public = [
        (ec_public_pem, "not Ed25519"),
        (b"-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n", "not a PEM"),
        (base64.standard_b64encode(RAW_PUBLIC[:31]), "got 31 bytes"),
        ("not base64 at all!", "neither PEM nor standard base64"),
        ("密钥", "ASCII"),
        (12, "bytes or str"),
    ]
    for data, message in cases_public:
        with pytest.raises(ValueError, match=message):
            tree_head.load_public_key(data)  # type: ignore[arg-type]
    cases_private = [
        (ec_private_pem, "not Ed25519"),
        (encrypted_pem, "encrypted"),
        (base64.standard_b64encode(SEED + b"x"), "got 33 bytes"),
        ("@@@@", "neither PEM nor standard base64"),
    ]
    for data, message in cases_private:
        with pytest.raises(ValueError, match=message):
            tree_head.load_private_key(data)


def test_head_message_verifies() -> None:
    tree_head.verify_head_message(PUBLIC, head())


def test_head_message_from_the_contract_verifies() -> None:
    """The generated gov.audit.v1.TreeHead carries what the stand-in does."""
    from gov.audit.v1 import audit_pb2

    message = audit_pb2.TreeHead(
        origin=ORIGIN,
        tree_size=SIZE,
        root_hash=ROOT,
        key_id=tree_head.key_id(PUBLIC),
        signature=signature(),
    )
    message.time.FromMilliseconds(TIME_MS)
    tree_head.verify_head_message(PUBLIC, message)
    message.origin = "another/log"
    with pytest.raises(SignatureError, match="does not verify"):
        tree_head.verify_head_message(PUBLIC, message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"origin": "another/log"}, "does not verify"),
        ({"tree_size": SIZE - 1}, "does not verify"),
        ({"root_hash": hashlib.sha256(b"other").digest()}, "does not verify"),
        ({"key_id": "0000000000000000"}, "names key '0000000000000000'"),
        ({"signature": b""}, "64 bytes"),
    ],
)
def test_head_message_tampering_fails(change: dict[str, object], message: str) -> None:
    with pytest.raises(SignatureError, match=message):
        tree_head.verify_head_message(PUBLIC, replace(head(), **change))  # type: ignore[arg-type]


def test_head_message_time_is_signed() -> None:
    later = Timestamp()
    later.FromMilliseconds(TIME_MS + 1)
    with pytest.raises(SignatureError, match="does not verify"):
        tree_head.verify_head_message(PUBLIC, replace(head(), time=later))
