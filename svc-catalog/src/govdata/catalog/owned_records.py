"""The standard methods of a kind of record an organisation holds (duties, information systems,
sharing demands): Create, Get, List, Update, Delete, done the same way for each.

A kind (``duties.py``, ``systems.py``, ``demands.py``) says what is particular to it: its
rules (pure, in its own module), the references it must find, the top-level fields its
queries filter on, its event and when it may be deleted. This class does the rest as the
rest of the catalogue does: AIP-122 names under the organisation (id chosen by the caller or
assigned, derived from the ``request_id`` so a retry names the same record), request-id
idempotency (AIP-155), field masks (AIP-134), etags (AIP-154, also checked without one: no
lost updates), and one single-document write holding the record, its ``*Changed`` event and
its version.

Use cases take and return contract messages and need no gRPC: importers call them directly.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from google.protobuf import field_mask_pb2
from google.protobuf.message import Message

from gov.events.v1 import events_pb2
from govdata.catalog import names, rules
from govdata.catalog.changes import mask_paths, merge, stamped
from govdata.catalog.references import References
from govdata.catalog.store import CatalogStore, Page, Records, to_document
from govdata.runtime import audit, outbox
from govdata.runtime.errors import Aborted, NotFound, Validator

SOURCE = "catalog"
M = TypeVar("M", bound=Message)
OUTPUT_ONLY = ("name", "etag", "create_time", "update_time", "revision")


class OwnedRecords(Generic[M]):
    """Standard methods over one collection of records held by organisations."""

    segment: ClassVar[str]  # the collection segment of names, e.g. "duties"
    id_prefix: ClassVar[str]  # prefix of assigned ids, e.g. "d"
    message_type: ClassVar[type[Message]]
    field: ClassVar[str]  # the request field holding the message, e.g. "duty"
    id_field: ClassVar[str]  # the request field of the chosen id, e.g. "duty_id"
    event_type: ClassVar[type[Message]]
    event_field: ClassVar[str]  # the event field holding the snapshot
    mutable: ClassVar[frozenset[str]]
    output_only: ClassVar[tuple[str, ...]] = OUTPUT_ONLY

    def __init__(self, store: CatalogStore) -> None:
        self.store = store
        self.references = References(store)

    # -- what a kind says about itself --------------------------------------------------------

    @property
    def records(self) -> Records:
        raise NotImplementedError

    def message(self, document: dict[str, Any]) -> M:
        raise NotImplementedError

    def check(self, message: M) -> None:
        """The kind's own rules (pure); InvalidArgument naming every bad field."""
        raise NotImplementedError

    def check_references(self, v: Validator, message: M, owner: str, current: M | None) -> None:
        """References the record holds exist (only those ``current`` does not hold yet)."""

    def top_level(self, message: M) -> dict[str, Any]:
        """Top-level fields of the document besides the message and ``organization``."""
        return {}

    def prepare(self, message: M) -> None:
        """Defaults a new record gets (e.g. a state), before it is checked."""

    def check_update(self, v: Validator, merged: M, current: M) -> None:
        """Rules only an update has (e.g. a state may not be unset again)."""

    def deletable(self, name: str) -> None:
        """Raise FailedPrecondition while something still needs the record."""

    # -- the standard methods -----------------------------------------------------------------

    def create(self, parent: str, record_id: str, message: M, request_id: str = "") -> M:
        org_id = names.parse_organization(parent, "parent")
        rules.check_request_id(request_id)
        if record_id:
            names.check_id(record_id, self.id_field)
        else:
            record_id = names.new_id(self.id_prefix, seed=request_id)
        new = self._clean(message)
        self.prepare(new)
        self.check(new)
        if not self.store.organizations.exists(parent):
            raise NotFound(f"organisation {parent!r} does not exist")
        v = Validator()
        self.check_references(v, new, parent, None)
        v.raise_if_any()
        name = names.child_name(org_id, self.segment, record_id)
        document = self.records.insert(
            name,
            self.record(new, parent),
            lambda revision, now: self.event(
                events_pb2.CHANGE_KIND_CREATED,
                name,
                revision,
                stamped(new, name, revision, now, now),
            ),
            request_id=request_id,
        )
        audit.note_access(resource=name)
        return self.message(document)

    def get(self, name: str) -> M:
        names.parse_child(name, self.segment)
        audit.note_access(resource=name)
        return self.message(self.records.read(name))

    def list(
        self, parent: str, query: dict[str, Any], page_size: int, page_token: str
    ) -> tuple[list[M], Page]:
        """One page of the records of ``parent`` (``organizations/-``: all) matching ``query``
        (top-level fields), ordered by name."""
        org_id = names.parse_parent(parent)
        filters = dict(query)
        if org_id is not None:
            filters["organization"] = names.organization_name(org_id)
        page = self.records.list(filters, page_size, page_token)
        return [self.message(d) for d in page.documents], page

    def update(self, patch: M, mask: field_mask_pb2.FieldMask) -> M:
        name = patch.name  # type: ignore[attr-defined]
        org_id, _ = names.parse_child(name, self.segment, f"{self.field}.name")
        owner = names.organization_name(org_id)
        current = self.message(self.records.get(name))
        paths = mask_paths(mask, patch, self.mutable)
        merged = merge(current, patch, paths)
        self.check(merged)
        v = Validator()
        self.check_update(v, merged, current)
        self.check_references(v, merged, owner, current)
        v.raise_if_any()
        if patch.etag and patch.etag != current.etag:  # type: ignore[attr-defined]
            raise Aborted(
                f"{name!r} changed since it was read (etag is stale); read it again and retry"
            )
        created = current.create_time.ToDatetime()  # type: ignore[attr-defined]

        def event(revision: int, now: datetime) -> dict[str, Any]:
            snapshot = stamped(merged, name, revision, created, now)
            return self.event(events_pb2.CHANGE_KIND_UPDATED, name, revision, snapshot, paths)

        # Against the etag just read, even when the caller sent none: no lost updates.
        document = self.records.update(
            name,
            current.etag,  # type: ignore[attr-defined]
            self.record(merged, owner),
            event,
        )
        audit.note_access(resource=name)
        return self.message(document)

    def delete(self, name: str, etag: str) -> None:
        names.parse_child(name, self.segment)
        self.records.delete(
            name,
            etag,
            lambda revision: self.event(events_pb2.CHANGE_KIND_DELETED, name, revision, None),
            precondition=lambda document: self.deletable(name),
        )
        audit.note_access(resource=name)

    # -- documents and events -----------------------------------------------------------------

    def record(self, message: M, owner: str) -> dict[str, Any]:
        """The document fields of ``message`` held by ``owner``."""
        return {
            self.records.message_key: to_document(self._clean(message)),
            "organization": owner,
            **self.top_level(message),
        }

    def event(
        self,
        kind: int,
        name: str,
        revision: int,
        snapshot: M | None,
        changed: list[str] | None = None,
    ) -> dict[str, Any]:
        payload = self.event_type(
            kind=kind, name=name, revision=revision, changed_fields=changed or []
        )
        if snapshot is not None:
            getattr(payload, self.event_field).CopyFrom(snapshot)
        return outbox.entry(SOURCE, payload, subject=name)

    def _clean(self, message: M) -> M:
        clean = type(message)()
        clean.CopyFrom(message)
        for output_only in self.output_only:
            clean.ClearField(output_only)
        return clean
