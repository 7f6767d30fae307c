"""Leases: at most one worker appends to the log, at most one api keeps the query index;
and shared schedules: a periodic job runs once per period however many apis there are.

A conditional upsert on one document in ``state``: taken when free or expired, renewed
while held. On MongoDB this is atomic, so a second worker (a rollout overlapping the old
pod, an operator scaling up by mistake) waits instead of appending beside the first. The
chart runs one worker replica with the Recreate strategy; the lease is the guard behind it.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo.errors import DuplicateKeyError

log = logging.getLogger(__name__)

LEASE_ID = "sequencer"


class LeaseLost(RuntimeError):
    """Another worker took the lease: this one must stop appending."""


class Lease:
    SECONDS = 30.0
    RENEW_SECONDS = 10.0

    def __init__(self, state: Any, owner: str, name: str = LEASE_ID) -> None:
        self.state = state
        self.owner = owner
        self.name = name
        self.held = False

    def _take(self) -> bool:
        now = datetime.now(UTC)
        try:
            self.state.find_one_and_update(
                {"_id": self.name, "$or": [{"owner": self.owner}, {"expires": {"$lt": now}}]},
                {"$set": {"owner": self.owner, "expires": now + timedelta(seconds=self.SECONDS)}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False  # held by another, unexpired
        return True

    def acquire(self) -> None:
        while not self._take():
            log.warning("audit sequencer lease held by another worker; waiting")
            time.sleep(self.RENEW_SECONDS)
        self.held = True

    def try_take(self) -> bool:
        """Take or renew the lease if free; whether it is held now (never waits)."""
        self.held = self._take()
        return self.held

    def renew(self) -> None:
        if not self._take():
            self.held = False
            raise LeaseLost("the audit sequencer lease was taken by another worker")

    def release(self) -> None:
        if self.held:
            self.state.delete_one({"_id": self.name, "owner": self.owner})
            self.held = False


def claim_due(state: Any, name: str, every: timedelta, now: datetime | None = None) -> bool:
    """Whether this replica should run the periodic job ``name`` now: it is due (never run, or
    last run ``every`` ago) and this call moved its ``last_run`` (a compare-and-set on one
    document, atomic on MongoDB), so of several apis asking at once only one runs it."""
    now = now or datetime.now(UTC)
    current = state.find_one({"_id": name})
    if current is None:
        try:
            state.insert_one({"_id": name, "last_run": now})
        except DuplicateKeyError:
            return False  # another replica claimed the first run
        return True
    if now - current["last_run"] < every:
        return False
    moved = state.update_one(
        {"_id": name, "last_run": current["last_run"]}, {"$set": {"last_run": now}}
    )
    return moved.modified_count == 1
