"""svc-audit's nameko worker: stores the access records every service emits.

Each serving service writes its access records durably into its own outbox before
answering (fail-closed); the relay carries them here as ``AccessRecorded`` events. This
worker keeps them append-only, one document per event id, so a redelivery stores nothing
twice. The hash tree, proofs and queries come with the audit work.
"""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.json_format import MessageToDict
from pymongo.errors import DuplicateKeyError

from gov.events.v1 import events_pb2
from govdata.runtime.inbox import apply_once
from govdata.runtime.registry_view import RegistryView
from govdata.runtime.worker import ServiceDatabase, ServiceInbox, event_handler

ACCESS = "gov.events.v1.AccessRecorded"
# The exchange's transitions: every sharing request, grant and publication, kept beside the
# access records so an auditor can join a read to the grant and request it rested on.
EXCHANGE_CHANGES = {
    "gov.events.v1.SharingRequestChanged": events_pb2.SharingRequestChanged,
    "gov.events.v1.GrantChanged": events_pb2.GrantChanged,
    "gov.events.v1.RecordsPublished": events_pb2.RecordsPublished,
}


class AuditWorker(RegistryView):
    name = "audit"
    database = ServiceDatabase()
    inbox = ServiceInbox()

    def _store(self, body: bytes) -> str:
        def keep(envelope: events_pb2.EventEnvelope, record: events_pb2.AccessRecorded) -> None:
            document = MessageToDict(record, preserving_proto_field_name=True)
            document.update(
                _id=envelope.event_id,
                source=envelope.source,
                received=datetime.now(UTC),
                envelope=body,
            )
            try:
                self.database["records"].insert_one(document)
            except DuplicateKeyError:
                pass  # stored before a crash prevented the inbox entry: nothing to add

        return apply_once(self.inbox, body, events_pb2.AccessRecorded, keep)

    def _store_change(self, body: bytes, event_type: str) -> str:
        def keep(envelope: events_pb2.EventEnvelope, change) -> None:  # type: ignore[no-untyped-def]
            document = {
                "_id": envelope.event_id,
                "event_type": event_type,
                "subject": envelope.subject,
                "time": envelope.time.ToDatetime(tzinfo=UTC),
                "actor": MessageToDict(envelope.actor, preserving_proto_field_name=True),
                "request_id": envelope.request_id,
                "received": datetime.now(UTC),
                "envelope": body,
            }
            try:
                self.database["exchange_changes"].insert_one(document)
            except DuplicateKeyError:
                pass

        return apply_once(self.inbox, body, EXCHANGE_CHANGES[event_type], keep)

    @event_handler("exchange", "gov.events.v1.SharingRequestChanged")
    def on_sharing_request_changed(self, body: bytes) -> None:
        self._store_change(body, "gov.events.v1.SharingRequestChanged")

    @event_handler("exchange", "gov.events.v1.GrantChanged")
    def on_grant_changed(self, body: bytes) -> None:
        self._store_change(body, "gov.events.v1.GrantChanged")

    @event_handler("exchange", "gov.events.v1.RecordsPublished")
    def on_records_published(self, body: bytes) -> None:
        self._store_change(body, "gov.events.v1.RecordsPublished")

    @event_handler("catalog", ACCESS)
    def from_catalog(self, body: bytes) -> None:
        self._store(body)

    @event_handler("search", ACCESS)
    def from_search(self, body: bytes) -> None:
        self._store(body)

    @event_handler("exchange", ACCESS)
    def from_exchange(self, body: bytes) -> None:
        self._store(body)

    @event_handler("verify", ACCESS)
    def from_verify(self, body: bytes) -> None:
        self._store(body)

    @event_handler("audit", ACCESS)
    def from_audit(self, body: bytes) -> None:
        self._store(body)
