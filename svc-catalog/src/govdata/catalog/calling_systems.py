"""Use cases of the registry of calling systems (调用系统): who may call govdata, for which
organisation, under which roles of the access policy.

The data authority's platform administrators keep the registry through the catalogue's API;
every write stores the record (with the top-level fields every api's ``Registry`` reads) and
its ``CallingSystemChanged`` event in one document write, like the rest of the catalogue.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2
from gov.events.v1 import events_pb2
from govdata.catalog import names, rules
from govdata.catalog.changes import mask_paths, merge, stamped
from govdata.catalog.store import CatalogStore, Page, to_document
from govdata.runtime import audit, outbox, registry
from govdata.runtime.errors import Aborted, FieldViolation, InvalidArgument

SOURCE = "catalog"
State = catalog_pb2.CallingSystemState
_REGISTRY_STATE = {
    State.CALLING_SYSTEM_STATE_ACTIVE: registry.ACTIVE,
    State.CALLING_SYSTEM_STATE_SUSPENDED: registry.SUSPENDED,
}


class CallingSystems:
    """The registry's use cases over a ``CatalogStore``; ``roles`` are the access policy's."""

    def __init__(self, store: CatalogStore, roles: Collection[str]) -> None:
        self.store = store
        self.roles = frozenset(roles)

    def create(
        self,
        calling_system_id: str,
        system: catalog_pb2.CallingSystem,
        request_id: str = "",
    ) -> catalog_pb2.CallingSystem:
        """Register a system of an existing organisation (INVALID_ARGUMENT naming
        ``calling_system.organization`` otherwise, as for any reference in a record)."""
        return self._create(calling_system_id, system, request_id, organization_must_exist=True)

    def bootstrap(
        self, calling_system_id: str, system: catalog_pb2.CallingSystem
    ) -> catalog_pb2.CallingSystem:
        """Register a system from the registry seed, with every check of ``create`` except
        that its organisation need not exist yet: the seed admits the platform administrator
        before anybody can load an organisation (only a registered administrator can)."""
        return self._create(calling_system_id, system, "", organization_must_exist=False)

    def _create(
        self,
        calling_system_id: str,
        system: catalog_pb2.CallingSystem,
        request_id: str,
        *,
        organization_must_exist: bool,
    ) -> catalog_pb2.CallingSystem:
        names.check_id(calling_system_id, "calling_system_id")
        rules.check_request_id(request_id)
        rules.check_calling_system(system, self.roles)
        if organization_must_exist and not self.store.organizations.exists(system.organization):
            raise InvalidArgument(
                FieldViolation(
                    "calling_system.organization", f"{system.organization} does not exist"
                )
            )
        name = names.calling_system_name(calling_system_id)
        new = catalog_pb2.CallingSystem()
        new.CopyFrom(system)
        if new.state == State.CALLING_SYSTEM_STATE_UNSPECIFIED:
            new.state = State.CALLING_SYSTEM_STATE_ACTIVE
        document = self.store.calling_systems.insert(
            name,
            _record(new),
            lambda revision, now: _event(
                events_pb2.CHANGE_KIND_CREATED,
                name,
                revision,
                stamped(new, name, revision, now, now),
            ),
            request_id=request_id,
        )
        audit.note_access(resource=name)
        return self.store.calling_system(document)

    def registered(self, calling_system_id: str) -> bool:
        """Whether a live registration has this id (no audit note: not a caller's read)."""
        return self.store.calling_systems.exists(names.calling_system_name(calling_system_id))

    def get(self, name: str) -> catalog_pb2.CallingSystem:
        names.parse_calling_system(name)
        audit.note_access(resource=name)
        return self.store.calling_system(self.store.calling_systems.get(name))

    def list(
        self, organization: str, state: int, page_size: int, page_token: str
    ) -> tuple[list[catalog_pb2.CallingSystem], Page]:
        query: dict[str, Any] = {}
        if organization:
            names.parse_organization(organization, "organization")
            query["organization"] = organization
        if state:
            if state not in _REGISTRY_STATE:
                raise InvalidArgument(
                    FieldViolation("state", f"unknown CallingSystemState {state}")
                )
            query["state"] = _REGISTRY_STATE[state]
        page = self.store.calling_systems.list(query, page_size, page_token)
        return [self.store.calling_system(d) for d in page.documents], page

    def update(
        self, patch: catalog_pb2.CallingSystem, mask: field_mask_pb2.FieldMask
    ) -> catalog_pb2.CallingSystem:
        """Change roles, state (suspend, reinstate), rate limit, display name or linked
        information system. Naming the certificate subject or the organisation is allowed only
        with the value they have: they are immutable."""
        names.parse_calling_system(patch.name, "calling_system.name")
        current = self.store.calling_system(self.store.calling_systems.get(patch.name))
        immutable = rules.IMMUTABLE_CALLING_SYSTEM_FIELDS
        paths = mask_paths(mask, patch, rules.MUTABLE_CALLING_SYSTEM_FIELDS | immutable)
        violations = [
            FieldViolation(
                f"calling_system.{path}", "cannot change; register a new calling system instead"
            )
            for path in paths
            if path in immutable and getattr(patch, path) != getattr(current, path)
        ]
        paths = [path for path in paths if path not in immutable]
        merged = merge(current, patch, paths)
        try:
            rules.check_calling_system(merged, self.roles)
        except InvalidArgument as exc:
            violations += exc.violations
        if merged.state == State.CALLING_SYSTEM_STATE_UNSPECIFIED:
            # UNSPECIFIED means ACTIVE only on create; an update says what it wants.
            violations.append(FieldViolation("calling_system.state", "must be ACTIVE or SUSPENDED"))
        if violations:
            raise InvalidArgument(violations)
        if patch.etag and patch.etag != current.etag:
            raise Aborted(
                f"calling system {patch.name!r} changed since it was read "
                "(etag is stale); read it again and retry"
            )
        name = patch.name

        def event(revision: int, now: datetime) -> dict[str, Any]:
            snapshot = stamped(merged, name, revision, current.create_time.ToDatetime(), now)
            return _event(events_pb2.CHANGE_KIND_UPDATED, name, revision, snapshot, paths)

        # Against the etag just read, even when the caller sent none: no lost updates.
        document = self.store.calling_systems.update(name, current.etag, _record(merged), event)
        audit.note_access(resource=name)
        return self.store.calling_system(document)

    def delete(self, name: str, etag: str) -> None:
        """Remove the registration: its certificate is refused from then on, and its subject
        is free for a new registration at once."""
        names.parse_calling_system(name)
        self.store.calling_systems.delete(
            name,
            etag,
            lambda revision: _event(events_pb2.CHANGE_KIND_DELETED, name, revision, None),
        )
        audit.note_access(resource=name)


def _record(system: catalog_pb2.CallingSystem) -> dict[str, Any]:
    clean = catalog_pb2.CallingSystem()
    clean.CopyFrom(system)
    for output_only in ("name", "etag", "create_time", "update_time", "revision"):
        clean.ClearField(output_only)
    return {"calling_system": to_document(clean), **registry.registry_fields(system)}


def _event(
    kind: int,
    name: str,
    revision: int,
    system: catalog_pb2.CallingSystem | None,
    changed: list[str] | None = None,
) -> dict[str, Any]:
    payload = events_pb2.CallingSystemChanged(
        kind=kind, name=name, revision=revision, changed_fields=changed or []
    )
    if system is not None:
        payload.calling_system.CopyFrom(system)
    return outbox.entry(SOURCE, payload, subject=name)
