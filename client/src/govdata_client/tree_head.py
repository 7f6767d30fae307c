"""Signed tree heads of the audit log, as checkpoints in the C2SP tlog-checkpoint layout.

A tree head commits the log to its first ``tree_size`` records. What is signed is the
checkpoint body, text a person can read and any tool can rebuild from the head's fields::

    <origin>\\n
    <tree size, decimal>\\n
    <root hash, standard base64>\\n
    time <milliseconds since the Unix epoch, decimal>\\n

The first three lines are the C2SP checkpoint (https://c2sp.org/tlog-checkpoint); the
fourth is an extension line. The origin names the log, so a signature over one log's head
can never be replayed as another's. The signature is plain Ed25519 over those bytes (not a
C2SP signed-note envelope), and a key is named by ``key_id``: the first 8 bytes of SHA-256
of its raw 32-byte public key, in lower-case hex.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Protocol

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from govdata_client.merkle import HASH_SIZE

KEY_BYTES = 32
SIGNATURE_BYTES = 64
_PEM_MARKER = b"-----BEGIN"


class SignatureError(ValueError):
    """A tree head is not signed by the expected key, or is malformed and so cannot be."""


class _Timestamp(Protocol):
    def ToMilliseconds(self) -> int: ...


class TreeHeadMessage(Protocol):
    """The fields of ``gov.audit.v1.TreeHead`` that verify_head_message reads."""

    origin: str
    tree_size: int
    root_hash: bytes
    key_id: str
    signature: bytes

    @property
    def time(self) -> _Timestamp: ...


def checkpoint_body(origin: str, tree_size: int, root_hash: bytes, time_ms: int) -> bytes:
    """The exact bytes a tree head's signature covers (see the module docstring).

    Raises ValueError for a head that cannot be written unambiguously: an empty origin or
    one with a newline (it would shift the lines), a negative size or time, a root hash
    that is not 32 bytes.
    """
    if not isinstance(origin, str) or not origin:
        raise ValueError("origin must be a non-empty string")
    if "\n" in origin:
        raise ValueError("origin must not contain a newline")
    if isinstance(tree_size, bool) or not isinstance(tree_size, int) or tree_size < 0:
        raise ValueError(f"tree_size must be a non-negative integer, got {tree_size!r}")
    if not isinstance(root_hash, bytes | bytearray) or len(root_hash) != HASH_SIZE:
        raise ValueError(f"root_hash must be {HASH_SIZE} bytes")
    if isinstance(time_ms, bool) or not isinstance(time_ms, int) or time_ms < 0:
        raise ValueError(f"time_ms must be a non-negative integer, got {time_ms!r}")
    root = base64.standard_b64encode(bytes(root_hash)).decode()
    return f"{origin}\n{tree_size}\n{root}\ntime {time_ms}\n".encode()


def sign_tree_head(
    private_key: Ed25519PrivateKey, origin: str, tree_size: int, root_hash: bytes, time_ms: int
) -> bytes:
    """The 64-byte Ed25519 signature of the head's checkpoint body (for the log's signer
    and for tests; clients only verify)."""
    return private_key.sign(checkpoint_body(origin, tree_size, root_hash, time_ms))


def verify_tree_head(
    public_key: Ed25519PublicKey,
    origin: str,
    tree_size: int,
    root_hash: bytes,
    time_ms: int,
    signature: bytes,
) -> None:
    """Succeed only if ``signature`` is ``public_key``'s signature of exactly this head.

    Raises SignatureError otherwise, also for a head too malformed to have a body, so a
    caller handles one error for "do not trust this head".
    """
    try:
        body = checkpoint_body(origin, tree_size, root_hash, time_ms)
    except ValueError as error:
        raise SignatureError(f"malformed tree head: {error}") from None
    if not isinstance(signature, bytes | bytearray) or len(signature) != SIGNATURE_BYTES:
        raise SignatureError(f"signature must be {SIGNATURE_BYTES} bytes")
    try:
        public_key.verify(bytes(signature), body)
    except InvalidSignature:
        raise SignatureError(
            f"tree head signature does not verify under key {key_id(public_key)} "
            f"(origin {origin!r}, tree size {tree_size})"
        ) from None


def verify_head_message(public_key: Ed25519PublicKey, head: TreeHeadMessage) -> None:
    """verify_tree_head for a ``gov.audit.v1.TreeHead`` message, also checking its key_id.

    The key_id check comes first so a head signed by a rotated or unknown key is reported
    as such rather than as a bad signature. The time signed is the message's time in whole
    milliseconds, so the signer must set it with millisecond precision.
    """
    expected = key_id(public_key)
    if head.key_id != expected:
        raise SignatureError(f"tree head names key {head.key_id!r}, expected {expected!r}")
    verify_tree_head(
        public_key,
        head.origin,
        head.tree_size,
        head.root_hash,
        head.time.ToMilliseconds(),
        head.signature,
    )


def key_id(public_key: Ed25519PublicKey) -> str:
    """First 8 bytes of SHA-256 of the raw public key, lower-case hex: short enough to show,
    long enough that two keys of one log never share it by accident."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:8].hex()


def load_public_key(data: bytes | str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM (SubjectPublicKeyInfo) or the raw 32 bytes in base64.

    Both forms because the log publishes the short base64 form for people to paste, and
    key files are PEM. Raises ValueError for anything else, including keys of other types.
    """
    raw = _as_bytes(data)
    if raw.startswith(_PEM_MARKER):
        try:
            key = serialization.load_pem_public_key(raw)
        except (ValueError, UnsupportedAlgorithm) as error:
            raise ValueError(f"not a PEM public key: {error}") from None
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError(f"PEM public key is {type(key).__name__}, not Ed25519")
        return key
    return Ed25519PublicKey.from_public_bytes(_decode_raw_key(raw, "public key"))


def load_private_key(data: bytes | str) -> Ed25519PrivateKey:
    """An Ed25519 private key from unencrypted PEM (PKCS #8) or the raw 32-byte seed in base64.

    Raises ValueError for anything else: encrypted PEM (the signer's key store decrypts),
    keys of other types, seeds of the wrong length.
    """
    raw = _as_bytes(data)
    if raw.startswith(_PEM_MARKER):
        try:
            key = serialization.load_pem_private_key(raw, password=None)
        except TypeError:
            raise ValueError("PEM private key is encrypted; give it decrypted") from None
        except (ValueError, UnsupportedAlgorithm) as error:
            raise ValueError(f"not a PEM private key: {error}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"PEM private key is {type(key).__name__}, not Ed25519")
        return key
    return Ed25519PrivateKey.from_private_bytes(_decode_raw_key(raw, "private key seed"))


def _as_bytes(data: bytes | str) -> bytes:
    if isinstance(data, str):
        try:
            data = data.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError("key text must be ASCII (PEM or base64)") from None
    if not isinstance(data, bytes | bytearray):
        raise ValueError(f"key must be bytes or str, got {type(data).__name__}")
    return bytes(data).strip()


def _decode_raw_key(text: bytes, what: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError(f"{what} is neither PEM nor standard base64") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"{what} must be {KEY_BYTES} bytes in base64, got {len(raw)} bytes")
    return raw
