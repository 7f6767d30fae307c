"""svc-audit's nameko worker: appends every service's access records to the log.

Each serving service writes its access records durably into its own outbox before answering
(fail-closed); the relays carry them here as ``AccessRecorded`` events. Those are consumed
in batches by ``sequencer`` (kombu, one ack per batch) and appended in arrival order, each
record once (its id is the event id); the nameko handlers here take the other events. The worker
also signs tree heads at a fixed interval, applies the risk rules to what it appends, archives
closed ranges under retention (dropping them from the auditors' query index, which the api
keeps), and keeps the grants and demands the rules need.

Exactly one worker appends: it holds the ``sequencer`` lease in ``state`` (see ``lease``);
the chart runs one replica.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import eventlet
from google.protobuf.json_format import MessageToDict
from nameko.extensions import DependencyProvider
from pymongo.errors import DuplicateKeyError

from gov.audit.v1 import audit_pb2
from gov.events.v1 import events_pb2
from govdata.audit import alerts, entries, retention
from govdata.audit.entitlements import StoredEntitlements
from govdata.audit.heads import HeadSigner
from govdata.audit.lease import Lease
from govdata.audit.log import NAMES, AuditLog
from govdata.audit.migration import migrate_unsequenced
from govdata.audit.query_index import QueryIndex
from govdata.audit.risk import Access, RiskEngine, RiskRules
from govdata.audit.sequencer import BatchConsumer, LogWriter, access_queues
from govdata.audit.tiles import WIDTH
from govdata.runtime.amqp import amqp_params
from govdata.runtime.inbox import apply_once
from govdata.runtime.registry_view import RegistryView
from govdata.runtime.stores import mongo_database, opensearch_client
from govdata.runtime.worker import SETTINGS_KEY, ServiceDatabase, ServiceInbox, event_handler

log = logging.getLogger(__name__)

# The exchange's transitions: every sharing request, grant and publication, kept beside the
# access records so an auditor can join a read to the grant and request it rested on.
EXCHANGE_CHANGES = {
    "gov.events.v1.SharingRequestChanged": events_pb2.SharingRequestChanged,
    "gov.events.v1.GrantChanged": events_pb2.GrantChanged,
    "gov.events.v1.RecordsPublished": events_pb2.RecordsPublished,
}
# Deliveries in hand at once: enough to fill a batch while the previous one is written.
NAMEKO_CONFIG = {"max_workers": 1200, "PREFETCH_COUNT": 1200}


def access_of(record: audit_pb2.AuditRecord) -> Access:
    return Access(
        record_id=record.id,
        leaf_index=record.leaf_index,
        time=record.time.ToDatetime(tzinfo=UTC),
        system=record.actor.system,
        person=record.actor.person,
        organization=record.actor.organization,
        service=record.service,
        method=record.method,
        resource=record.resource,
        data_items=tuple(record.data_items),
        subject_keys=tuple(record.data_subject_keys),
        purpose=record.purpose,
        grant=record.grant,
        outcome=record.outcome,
    )


class AuditLogKeeper(DependencyProvider):
    """The worker's one log writer with its batch consumer of the services' access records,
    its signer, risk rules, query index and retention."""

    # the services whose AccessRecorded events are appended
    sources: tuple[str, ...] = ("catalog", "search", "exchange", "verify", "audit")

    def setup(self) -> None:
        settings = self.container.config[SETTINGS_KEY]
        self.settings = settings
        database = mongo_database(settings)
        self.audit_log = AuditLog(database)
        self.signer = HeadSigner.from_file(settings.audit_signing_key_file, settings.audit_origin)
        self.entitlements = StoredEntitlements(self.audit_log.database)
        self.rules = RiskRules.load(settings.audit_risk_rules_file)
        self.index = QueryIndex(opensearch_client(settings), settings.audit_query_index)
        self.lease = Lease(database["state"], f"{socket.gethostname()}:{os.getpid()}")
        self.writer: LogWriter | None = None
        self.consumer: BatchConsumer | None = None
        self._loops: list[Any] = []

    def start(self) -> None:
        self.lease.acquire()  # waits while another worker appends
        self.engine = RiskEngine(self.rules, self.entitlements)
        self.writer = LogWriter(self.audit_log, self._observe)
        migrate_unsequenced(self.audit_log, self.writer.appender)
        self._replay()
        self.consumer = BatchConsumer(
            amqp_params(self.settings),
            access_queues(self.container.service_name, self.sources),
            self.writer,
            self.settings.audit_batch,
        )
        log.info(
            "audit log at %d leaves; risk rules %s; signing as %s (key %s)",
            self.writer.appender.size,
            self.rules.version,
            self.signer.origin,
            self.signer.key_id,
        )
        self._loops = [
            eventlet.spawn(self._every, self.settings.audit_sign_seconds, self._sign),
            eventlet.spawn(self._every, self.lease.RENEW_SECONDS, self.lease.renew),
        ]
        if self.settings.audit_retention_days > 0:
            self._loops.append(eventlet.spawn(self._every, 3600.0, self._archive))

    def consumed_queues(self) -> list[str]:
        """The access-record queues the batch consumer drains (for the queue-depth gauges)."""
        return [q.name for q in access_queues(self.container.service_name, self.sources)]

    def stop(self) -> None:
        for loop in self._loops:
            loop.kill()
        if self.consumer is not None:
            self.consumer.stop()
        self.lease.release()

    def kill(self) -> None:
        self.stop()

    def get_dependency(self, worker_ctx: Any) -> AuditLogKeeper:
        return self

    # -- the loops ------------------------------------------------------------------------

    @staticmethod
    def _every(seconds: float, work: Any) -> None:
        while True:
            eventlet.sleep(seconds)
            try:
                work()
            except Exception:
                log.exception("audit background work %s failed; tried again later", work)

    def _sign(self) -> None:
        self.signer.sign_committed(self.audit_log)

    def _archive(self) -> None:
        while archived := retention.archive_closed(
            self.audit_log,
            self.signer,
            Path(self.settings.audit_archive_dir),
            self.settings.audit_retention_days,
        ):
            self.index.remove(archived.first_leaf_index, archived.end_leaf_index)

    # -- risk rules -----------------------------------------------------------------------

    def _observe(self, appended: list[audit_pb2.AuditRecord]) -> None:
        raised = [a for r in appended for a in self.engine.observe(access_of(r))]
        for alert in alerts.keep(self.audit_log.database[alerts.COLLECTION], raised):
            log.warning("risk alert %s: %s", alert.rule, alert.summary)

    def _replay(self) -> None:
        """Rebuild the rules' windows as a process that never stopped would hold them: the
        alerts raised within the longest window are restored (so their rules stay quiet),
        then that window's records are replayed without raising."""
        since = datetime.now(UTC) - self.rules.max_window()
        recent = self.audit_log.database[alerts.COLLECTION].find({"time": {"$gte": since}})
        for document in recent:
            self.engine.restore(alerts.from_proto(alerts.from_document(document)))
        size, _ = self.audit_log.committed()
        first = size  # back a bundle at a time, to one that starts before the window
        while first > 0:
            first = max(0, first - WIDTH)
            opened = self.audit_log.opened(first // WIDTH)
            if (
                not opened
                or entries.record_of_entry(opened[0][0], first).time.ToDatetime(tzinfo=UTC) < since
            ):
                break
        for record in self.audit_log.records_between(first, size):
            if record.time.ToDatetime(tzinfo=UTC) >= since:
                self.engine.replay(access_of(record))


class AuditWorker(RegistryView):
    name = "audit"
    database = ServiceDatabase()
    inbox = ServiceInbox()
    keeper = AuditLogKeeper()

    def _store_change(self, body: bytes, event_type: str) -> None:
        def keep(envelope: events_pb2.EventEnvelope, change: Any) -> None:
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
            if event_type == "gov.events.v1.GrantChanged":
                self.keeper.entitlements.grant_changed(envelope, change)

        apply_once(self.inbox, body, EXCHANGE_CHANGES[event_type], keep)

    @event_handler("exchange", "gov.events.v1.SharingRequestChanged")
    def on_sharing_request_changed(self, body: bytes) -> None:
        self._store_change(body, "gov.events.v1.SharingRequestChanged")

    @event_handler("exchange", "gov.events.v1.GrantChanged")
    def on_grant_changed(self, body: bytes) -> None:
        self._store_change(body, "gov.events.v1.GrantChanged")

    @event_handler("exchange", "gov.events.v1.RecordsPublished")
    def on_records_published(self, body: bytes) -> None:
        self._store_change(body, "gov.events.v1.RecordsPublished")

    @event_handler("catalog", "gov.events.v1.SharingDemandChanged")
    def on_demand_changed(self, body: bytes) -> None:
        apply_once(
            self.inbox,
            body,
            events_pb2.SharingDemandChanged,
            self.keeper.entitlements.demand_changed,
        )

    def _keep_name(self, body: bytes, payload_type: Any, snapshot: str) -> None:
        """Display names of organisations and resources, for the citizen access report."""

        def keep(envelope: events_pb2.EventEnvelope, change: Any) -> None:
            entity = getattr(change, snapshot)
            if change.kind == events_pb2.CHANGE_KIND_DELETED or not entity.display_name:
                return
            self.database[NAMES].update_one(
                {"_id": change.name},
                {"$set": {"display_name": entity.display_name}},
                upsert=True,
            )

        apply_once(self.inbox, body, payload_type, keep)

    @event_handler("catalog", "gov.events.v1.OrganizationChanged")
    def on_organization_changed(self, body: bytes) -> None:
        self._keep_name(body, events_pb2.OrganizationChanged, "organization")

    @event_handler("catalog", "gov.events.v1.InformationResourceChanged")
    def on_resource_changed(self, body: bytes) -> None:
        self._keep_name(body, events_pb2.InformationResourceChanged, "resource")

    @event_handler("audit", "gov.events.v1.AuditAlertRaised")
    def on_alert_raised(self, body: bytes) -> None:
        """The alert's event reached the broker's subscribers (every event type needs a
        consumer, or the relay keeps it): note when, beside the alert."""

        def announced(envelope: events_pb2.EventEnvelope, raised: Any) -> None:
            self.database[alerts.COLLECTION].update_one(
                {"_id": raised.alert.name.removeprefix("alerts/")},
                {"$set": {"announced": datetime.now(UTC)}},
            )

        apply_once(self.inbox, body, events_pb2.AuditAlertRaised, announced)
