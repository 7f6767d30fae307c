"""Risk alerts: kept in ``alerts`` and announced as ``AuditAlertRaised`` events.

The worker writes each alert with its event in the same document (the runtime's outbox); the
audit api's relay publishes it, so an alert is never announced without being stored, nor
stored and lost. An alert's id is derived from the rule and the records that raised it, so a
replay of the same records (after a restart) stores and announces nothing twice.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from pymongo.errors import BulkWriteError

from gov.audit.v1 import audit_pb2
from gov.events.v1 import events_pb2
from govdata.audit.metrics import ALERTS
from govdata.audit.risk import Alert
from govdata.runtime import outbox

COLLECTION = "alerts"
DUPLICATE = 11000


def to_proto(alert: Alert) -> audit_pb2.AuditAlert:
    message = audit_pb2.AuditAlert(
        name=f"alerts/{alert.key()}",
        rule=alert.rule,
        kind=alert.kind,
        severity=alert.severity,
        summary=alert.summary,
        resource=alert.resource,
        record_ids=alert.record_ids,
        leaf_indexes=alert.leaf_indexes,
        rules_version=alert.rules_version,
    )
    message.actor.system = alert.system
    message.actor.person = alert.person
    message.actor.organization = alert.organization
    message.time.FromDatetime(alert.time.astimezone(UTC))
    return message


def keep(collection: Any, raised: list[Alert]) -> list[Alert]:
    """Store and announce ``raised`` (one write for all); return those not kept before."""
    documents = []
    for alert in raised:
        message = to_proto(alert)
        document = {
            "_id": alert.key(),
            "rule": alert.rule,
            "time": alert.time.astimezone(UTC),
            "alert": message.SerializeToString(),
        }
        event = outbox.entry("audit", events_pb2.AuditAlertRaised(alert=message), message.name)
        documents.append(outbox.on_insert(document, event))
    if not documents:
        return []
    repeated: set[int] = set()
    try:
        collection.insert_many(documents, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(e.get("code") != DUPLICATE for e in errors):
            raise
        repeated = {e["index"] for e in errors}
    kept = [alert for i, alert in enumerate(raised) if i not in repeated]
    for alert in kept:
        ALERTS.labels(alert.rule, alert.severity).inc()
    return kept


def from_document(document: dict[str, Any]) -> audit_pb2.AuditAlert:
    return audit_pb2.AuditAlert.FromString(document["alert"])


def from_proto(message: audit_pb2.AuditAlert) -> Alert:
    """The engine's view of a stored alert (to restore its rule's silence after a restart)."""
    return Alert(
        rule=message.rule,
        kind=message.kind,
        severity=message.severity,
        time=message.time.ToDatetime(tzinfo=UTC),
        summary=message.summary,
        system=message.actor.system,
        person=message.actor.person,
        organization=message.actor.organization,
        resource=message.resource,
        record_ids=tuple(message.record_ids),
        leaf_indexes=tuple(message.leaf_indexes),
        rules_version=message.rules_version,
    )
