"""Signing tree heads: the log's commitment, checkable by anyone with its public key.

The worker signs the committed tree at a fixed interval (``GOVDATA_AUDIT_SIGN_SECONDS``) and
the api on demand (SignTreeHead); both hold the key from the same Secret. A head's time is
whole milliseconds, as the checkpoint body carries it.
"""

from __future__ import annotations

import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gov.audit.v1 import audit_pb2
from govdata.audit.log import AuditLog
from govdata.audit.metrics import HEAD_SIGNED, HEAD_SIZE
from govdata_client.tree_head import key_id, load_private_key, sign_tree_head


class HeadSigner:
    def __init__(self, private_key: Ed25519PrivateKey, origin: str) -> None:
        self.private_key = private_key
        self.public_key = private_key.public_key()
        self.origin = origin
        self.key_id = key_id(self.public_key)

    @classmethod
    def from_file(cls, path: str, origin: str) -> HeadSigner:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValueError(f"audit signing key {path}: {exc.strerror}") from None
        return cls(load_private_key(data), origin)

    def sign(self, tree_size: int, root_hash: bytes) -> audit_pb2.TreeHead:
        millis = time.time_ns() // 1_000_000
        head = audit_pb2.TreeHead(
            tree_size=tree_size, root_hash=root_hash, key_id=self.key_id, origin=self.origin
        )
        head.time.FromMilliseconds(millis)
        head.signature = sign_tree_head(self.private_key, self.origin, tree_size, root_hash, millis)
        return head

    def sign_committed(self, audit_log: AuditLog) -> audit_pb2.TreeHead:
        """Sign the committed tree now and keep the head."""
        size, root = audit_log.committed()
        head = self.sign(size, root)
        audit_log.store_head(head)
        HEAD_SIZE.set(size)
        HEAD_SIGNED.set(head.time.seconds)
        return head
