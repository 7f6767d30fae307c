"""Bringing records stored before the log existed into it.

Until this version the worker stored each access record as one document in ``records``,
with the event's original bytes, and no tree. On the first start of the log (nothing
appended yet) those documents are set aside as ``records_unsequenced`` and appended from
their original events in the order they were received; then the set-aside collection goes.
A crash part-way simply runs it again: the log takes each record id once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from govdata.audit import entries
from govdata.audit.log import Appender, AuditLog

log = logging.getLogger(__name__)

LEGACY = "records_unsequenced"
BATCH = 500


def migrate_unsequenced(audit_log: AuditLog, appender: Appender) -> int:
    """Append the pre-log records, if any; return how many were appended."""
    database = audit_log.database
    if LEGACY not in database.list_collection_names():
        if appender.size or audit_log.records.find_one({"leaf_index": {"$exists": False}}) is None:
            return 0
        audit_log.records.rename(LEGACY)
    legacy = database[LEGACY]
    documents = sorted(
        legacy.find({}, {"envelope": 1, "received": 1}),
        key=lambda d: (d.get("received") or datetime.min.replace(tzinfo=UTC), d["_id"]),
    )
    appended = 0
    for start in range(0, len(documents), BATCH):
        records = []
        for document in documents[start : start + BATCH]:
            body = bytes(document.get("envelope") or b"")
            try:
                records.append(entries.record_from_event(body))
            except entries.InvalidRecord as exc:
                audit_log.dead_letter(document["_id"], body, f"stored before the log: {exc}")
        appended += len(appender.append(records))
    legacy.drop()
    log.info("appended %d records stored before the log existed", appended)
    return appended
