"""Per-document write serialization inside one process.

Why this exists: FerretDB 1.x on SQLite (the local MongoDB-protocol server) applies an update
by reading the document and writing it back without isolating the two, so two concurrent
updates of one document can lose one (measured: two threads × 300 ``$inc`` on one document
ended at 204 and 196). Within an api process the writers of a document are its request
threads and its outbox relay; taking this lock around each read-check-write makes them take
turns, which restores the guarantees the code relies on (conditional updates, optimistic
locking by revision, the relay's ``$pop``).

Across processes only the server can give that guarantee: MongoDB's single-document updates
are atomic, so production with several api replicas needs MongoDB (or another server that
is atomic per document), not FerretDB 1.x on SQLite. Locally one api process per service
writes each collection, so the local platform is consistent too.
"""

from __future__ import annotations

import threading
import zlib
from typing import Any

_STRIPES = 512
_locks = [threading.Lock() for _ in range(_STRIPES)]


def document_lock(collection: str, document_id: Any) -> threading.Lock:
    """The lock guarding writes to one document; hold at most one of these at a time."""
    key = f"{collection}\x00{document_id}".encode()
    return _locks[zlib.crc32(key) % _STRIPES]
