"""Use cases of the catalogue: what the gRPC servicer (and later importers) call.

Each use case validates with ``rules``, checks references against the store, writes one
document together with the event announcing the change (the store tells the relay).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.catalog import names, rules
from govdata.catalog.authority import AuthoritativeSources, claimed_names
from govdata.catalog.changes import mask_paths, merge, stamped
from govdata.catalog.references import References
from govdata.catalog.store import CatalogStore, Page, to_document
from govdata.catalog.versions import STATE_CHANGED, UPDATED
from govdata.catalog.visibility import Visibility
from govdata.runtime import audit, classification, context, outbox
from govdata.runtime.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Validator,
)

SOURCE = "catalog"
ResourceState = catalog_pb2.ResourceState
MAX_RELATED = rules.MAX_LIST
CODE_PREFIX = re.compile(r"[0-9]{1,12}")  # ASCII digits only: the prefix goes into a $regex


class Catalog:
    """The catalogue's use cases over a ``CatalogStore``."""

    def __init__(self, store: CatalogStore) -> None:
        self.store = store
        self.visibility = Visibility(store.organizations)
        self.authority = AuthoritativeSources(store.resources)
        self.references = References(store)
        self.classification = classification.default_tree()

    # -- organisations -----------------------------------------------------------------------

    def create_organization(
        self, organization_id: str, org: catalog_pb2.Organization, request_id: str = ""
    ) -> catalog_pb2.Organization:
        names.check_id(organization_id, "organization_id")
        rules.check_request_id(request_id)
        rules.check_organization(org)
        self._check_tree_position(org, "organization")
        name = names.organization_name(organization_id)
        record = self._organization_record(org, name)
        document = self.store.organizations.insert(
            name,
            record,
            lambda revision, now: self._org_event(
                events_pb2.CHANGE_KIND_CREATED,
                name,
                revision,
                stamped(org, name, revision, now, now),
            ),
            request_id=request_id,
        )
        created = self.store.organization(document)
        audit.note_access(resource=name)
        return created

    def get_organization(self, name: str) -> catalog_pb2.Organization:
        names.parse_organization(name)
        audit.note_access(resource=name)
        return self.store.organization(self.store.organizations.read(name))

    def list_organizations(
        self, parent_organization: str, kind: int, page_size: int, page_token: str
    ) -> tuple[list[catalog_pb2.Organization], Page]:
        query: dict[str, Any] = {}
        if parent_organization:
            names.parse_organization(parent_organization, "parent_organization")
            query["parent"] = parent_organization
        if kind:
            if kind not in catalog_pb2.OrganizationKind.values():
                raise InvalidArgument(FieldViolation("kind", f"unknown OrganizationKind {kind}"))
            query["organization.kind"] = catalog_pb2.OrganizationKind.Name(kind)
        page = self.store.organizations.list(query, page_size, page_token)
        return [self.store.organization(d) for d in page.documents], page

    def update_organization(
        self, patch: catalog_pb2.Organization, mask: field_mask_pb2.FieldMask
    ) -> catalog_pb2.Organization:
        names.parse_organization(patch.name, "organization.name")
        current = self.store.organization(self.store.organizations.get(patch.name))
        paths = mask_paths(mask, patch, rules.MUTABLE_ORGANIZATION_FIELDS)
        merged = merge(current, patch, paths)
        rules.check_organization(merged)
        if merged.parent != current.parent or merged.kind != current.kind:
            self._check_tree_position(merged, "organization")
        if merged.parent and merged.parent != current.parent:
            self._refuse_cycle(patch.name, merged.parent)
        if patch.etag and patch.etag != current.etag:
            raise Aborted(
                f"organisation {patch.name!r} changed since it was read "
                "(etag is stale); read it again and retry"
            )
        document = self.store.organizations.update(
            patch.name,
            current.etag,
            self._organization_record(merged, patch.name),
            lambda revision, now: self._org_event(
                events_pb2.CHANGE_KIND_UPDATED,
                patch.name,
                revision,
                stamped(merged, patch.name, revision, current.create_time.ToDatetime(), now),
                paths,
            ),
        )
        audit.note_access(resource=patch.name)
        return self.store.organization(document)

    def delete_organization(self, name: str, etag: str) -> None:
        names.parse_organization(name)
        self.store.organizations.get(name)
        self._refuse_deleting_a_used_organization(name)
        self.store.organizations.delete(
            name,
            etag,
            lambda revision: self._org_event(events_pb2.CHANGE_KIND_DELETED, name, revision, None),
        )
        audit.note_access(resource=name)

    def _refuse_deleting_a_used_organization(self, name: str) -> None:
        """FAILED_PRECONDITION naming everything that still belongs to or names ``name``:
        what it holds would be orphaned, what names it would point nowhere. The reason is
        the first kind found (HAS_CHILDREN, HAS_RESOURCES, ...)."""
        store = self.store
        checks = (
            ("HAS_CHILDREN", store.organizations, {"parent": name}, "sub-organisation(s)"),
            ("HAS_RESOURCES", store.resources, {"organization": name}, "information resource(s)"),
            ("HAS_DUTIES", store.duties, {"organization": name}, "duty(ies)"),
            ("HAS_SYSTEMS", store.systems, {"organization": name}, "information system(s)"),
            ("HAS_DEMANDS", store.demands, {"organization": name}, "sharing demand(s)"),
            # A registered system would go on acting for an organisation that is gone.
            (
                "HAS_CALLING_SYSTEMS",
                store.calling_systems,
                {"organization": name},
                "registered calling system(s)",
            ),
            (
                "IS_REFERENCED",
                store.resources,
                {"provider_office": name},
                "resource(s) naming it as provider office",
            ),
            (
                "IS_REFERENCED",
                store.duties,
                {"responsible_office": name},
                "duty(ies) naming it as responsible office",
            ),
            (
                "IS_REFERENCED",
                store.demands,
                {"expected_provider": name},
                "sharing demand(s) expecting it as provider",
            ),
        )
        remaining: list[tuple[str, str]] = []
        for reason, records, query, words in checks:
            if count := records.list(query, 1, "").total_size:
                remaining.append((reason, f"{count} {words}"))
        if remaining:
            raise FailedPrecondition(
                f"{name} cannot be deleted: it still has "
                + ", ".join(what for _, what in remaining)
                + "; delete or move them first",
                reason=remaining[0][0],
            )

    def _organization_record(self, org: catalog_pb2.Organization, name: str) -> dict[str, Any]:
        clean = catalog_pb2.Organization()
        clean.CopyFrom(org)
        for output_only in ("name", "etag", "create_time", "update_time"):
            clean.ClearField(output_only)
        return {
            "organization": to_document(clean),
            "parent": org.parent or None,
            "credit_code": org.unified_social_credit_code,
        }

    def _org_event(
        self,
        kind: int,
        name: str,
        revision: int,
        org: catalog_pb2.Organization | None,
        changed: list[str] | None = None,
    ) -> dict[str, Any]:
        payload = events_pb2.OrganizationChanged(
            kind=kind, name=name, revision=revision, changed_fields=changed or []
        )
        if org is not None:
            payload.organization.CopyFrom(org)
        return outbox.entry(SOURCE, payload, subject=name)

    def _require_organization(self, name: str, field: str) -> catalog_pb2.Organization:
        names.parse_organization(name, field)
        if not self.store.organizations.exists(name):
            raise InvalidArgument(FieldViolation(field, f"{name} does not exist"))
        return self.store.organization(self.store.organizations.get(name))

    def _check_tree_position(self, org: catalog_pb2.Organization, prefix: str) -> None:
        """The parent exists and its kind may hold this kind (government → department → office)."""
        parent = self._require_organization(org.parent, f"{prefix}.parent") if org.parent else None
        rules.check_tree_position(org.kind, parent.kind if parent else None, prefix)

    def _refuse_cycle(self, name: str, new_parent: str) -> None:
        seen = {name}
        cursor: str | None = new_parent
        while cursor:
            if cursor in seen:
                raise InvalidArgument(
                    FieldViolation(
                        "organization.parent", f"{new_parent} is {name} or below it: a cycle"
                    )
                )
            seen.add(cursor)
            cursor = self.store.organizations.get(cursor).get("parent")

    # -- information resources ---------------------------------------------------------------

    def create_resource(
        self,
        parent: str,
        resource_id: str,
        res: catalog_pb2.InformationResource,
        request_id: str = "",
    ) -> catalog_pb2.InformationResource:
        """Catalogue a resource of ``parent`` in state DRAFT: validated (rules, the
        classification tree, references, one datum one source), its classification path
        filled from the tree, its resource code assigned unless it brings one."""
        org_id = names.parse_organization(parent, "parent")
        rules.check_request_id(request_id)
        if resource_id:
            names.check_id(resource_id, "information_resource_id")
        else:
            # Derived from the request id when there is one, so a retry names the same resource.
            resource_id = names.new_id("r", seed=request_id)
        if res.provider and res.provider != parent:
            raise InvalidArgument(
                FieldViolation(
                    "information_resource.provider", "must be the parent organisation (or empty)"
                )
            )
        rules.check_resource(res)
        if not self.store.organizations.exists(parent):
            raise NotFound(f"organisation {parent!r} does not exist")
        self._check_office(res, parent)
        self._check_resource_references(res, None)
        name = names.resource_name(org_id, resource_id)
        resource = catalog_pb2.InformationResource()
        resource.CopyFrom(res)
        resource.provider = parent
        resource.state = ResourceState.RESOURCE_STATE_DRAFT
        resource.ClearField("state_changes")
        self._fill_classification_path(resource)
        assigned = not resource.resource_code
        code = resource.classification.classification_code
        claims = claimed_names(resource)
        if assigned:  # a create that cannot succeed must not use up a code number
            earlier = self.store.resources.earlier_or_free(name, request_id)
            if earlier is not None:
                audit.note_access(resource=name)
                return self.store.resource(earlier)
        with self.authority.claiming(claims):
            self._refuse_claims_of_others(resource, parent, claims)
            for _attempt in range(5):
                if assigned:
                    resource.resource_code = rules.resource_code(
                        code, self.store.sequences.next(code)
                    )
                try:
                    document = self.store.resources.insert(
                        name,
                        self._resource_record(resource, org_id),
                        lambda revision, now: self._resource_event(
                            events_pb2.CHANGE_KIND_CREATED,
                            name,
                            revision,
                            stamped(resource, name, revision, now, now),
                        ),
                        request_id=request_id,
                    )
                    break
                except AlreadyExists as exc:
                    # A code a migrated resource brought along may sit on the next number.
                    if not assigned or "resource code" not in exc.message:
                        raise
            else:
                raise AlreadyExists("could not assign a free resource code; retry")
        audit.note_access(resource=name)
        return self.store.resource(document)

    def get_resource(self, name: str) -> catalog_pb2.InformationResource:
        """The resource, if the caller may see it (``visibility.py``); NOT_FOUND otherwise,
        exactly as for a resource that does not exist."""
        names.parse_resource(name)
        document = self.store.resources.read(name)
        if not self.visibility.can_see(document):
            raise NotFound(f"information resource {name!r} does not exist")
        audit.note_access(resource=name)
        return self.store.resource(document)

    def list_resources(
        self,
        parent: str,
        provider: str,
        share_type: int,
        state: int,
        page_size: int,
        page_token: str,
        duty: str = "",
        source_system: str = "",
        classification_code: str = "",
    ) -> tuple[list[catalog_pb2.InformationResource], Page]:
        """One page of the resources the caller may see (``visibility.py``) matching every
        filter given."""
        query: dict[str, Any] = {}
        org_id = names.parse_parent(parent)
        if org_id is not None:
            query["organization"] = names.organization_name(org_id)
        if provider:
            names.parse_organization(provider, "provider")
            query["provider"] = provider
        if share_type:
            if share_type not in common_pb2.ShareType.values():
                raise InvalidArgument(
                    FieldViolation("share_type", f"unknown ShareType {share_type}")
                )
            query["share_type"] = common_pb2.ShareType.Name(share_type)
        if state:
            if state not in ResourceState.values():
                raise InvalidArgument(FieldViolation("state", f"unknown ResourceState {state}"))
            query["state"] = ResourceState.Name(state)
        if duty:
            names.parse_child(duty, "duties", "duty")
            query["duties"] = duty
        if source_system:
            names.parse_child(source_system, "systems", "source_system")
            query["source_systems"] = source_system
        if classification_code:
            if not CODE_PREFIX.fullmatch(classification_code):
                raise InvalidArgument(
                    FieldViolation("classification_code", "must be 1-12 digits (a code prefix)")
                )
            query["classification_code"] = {"$regex": f"^{classification_code}"}
        page = self.store.resources.list(self.visibility.restrict(query), page_size, page_token)
        return [self.store.resource(d) for d in page.documents], page

    def update_resource(
        self, patch: catalog_pb2.InformationResource, mask: field_mask_pb2.FieldMask
    ) -> catalog_pb2.InformationResource:
        org_id, _ = names.parse_resource(patch.name, "information_resource.name")
        current = self.store.resource(self.store.resources.get(patch.name))
        paths = mask_paths(mask, patch, rules.MUTABLE_RESOURCE_FIELDS)
        merged = merge(current, patch, paths)
        rules.check_resource(merged)
        if merged.classification.classification_code != current.classification.classification_code:
            raise InvalidArgument(
                FieldViolation(
                    "information_resource.classification.classification_code",
                    "cannot change: the resource code is derived from it; retire and re-register",
                )
            )
        self._check_office(merged, current.provider)
        self._check_resource_references(merged, current)
        self._fill_classification_path(merged)
        claims = self.authority.new_claims(merged, current)
        with self.authority.claiming(claims):
            self._refuse_claims_of_others(merged, current.provider, claims)
            return self._write_resource(current, merged, patch.etag, paths, org_id)

    def transition(
        self, name: str, etag: str, target: int, reason: str = ""
    ) -> catalog_pb2.InformationResource:
        """Move the resource along its lifecycle, appending who, when and why to its
        ``state_changes`` (the caller from the call's identity, the time the write's)."""
        org_id, _ = names.parse_resource(name)
        if target == ResourceState.RESOURCE_STATE_RETIRED:
            rules.check_retire_reason(reason)
        current = self.store.resource(self.store.resources.get(name))
        rules.check_transition(current.state, target)
        caller = context.current()

        def moved(now: datetime) -> catalog_pb2.InformationResource:
            merged = catalog_pb2.InformationResource()
            merged.CopyFrom(current)
            merged.state = target
            change = merged.state_changes.add(state=target, reason=reason)
            change.actor.system = caller.system
            change.actor.person = caller.person
            change.actor.organization = caller.organization
            change.time.FromDatetime(now)
            return merged

        note = {"retire_reason": reason} if reason else {}
        return self._write_resource(
            current, moved, etag, ["state", "state_changes"], org_id, note, STATE_CHANGED
        )

    def delete_resource(self, name: str, etag: str) -> None:
        names.parse_resource(name)

        def deletable(document: dict[str, Any]) -> None:
            rules.check_deletable(ResourceState.Value(document["state"]))

        self.store.resources.delete(
            name,
            etag,
            lambda revision: self._resource_event(
                events_pb2.CHANGE_KIND_DELETED, name, revision, None
            ),
            precondition=deletable,
        )
        audit.note_access(resource=name)

    def _write_resource(
        self,
        current: catalog_pb2.InformationResource,
        merged: catalog_pb2.InformationResource
        | Callable[[datetime], catalog_pb2.InformationResource],
        etag: str,
        paths: list[str],
        org_id: str,
        extra: dict[str, Any] | None = None,
        version_kind: str = UPDATED,
    ) -> catalog_pb2.InformationResource:
        """Write ``merged``, computed from ``current``: refused if the record moved on since
        ``current`` was read, even when the caller sent no etag (no lost updates).
        ``merged`` may be a function of the write's time (a lifecycle step records it)."""
        name = current.name

        def at(now: datetime) -> catalog_pb2.InformationResource:
            return merged(now) if callable(merged) else merged

        def event(revision: int, now: datetime) -> dict[str, Any]:
            snapshot = stamped(at(now), name, revision, current.create_time.ToDatetime(), now)
            return self._resource_event(
                events_pb2.CHANGE_KIND_UPDATED, name, revision, snapshot, paths
            )

        def fields(revision: int, now: datetime) -> dict[str, Any]:
            return {**self._resource_record(at(now), org_id), **(extra or {})}

        if etag and etag != current.etag:
            raise Aborted(
                f"information resource {name!r} changed since it was read "
                "(etag is stale); read it again and retry"
            )
        document = self.store.resources.update(
            name, current.etag, fields, event, version_kind=version_kind
        )
        audit.note_access(resource=name)
        return self.store.resource(document)

    def _fill_classification_path(self, res: catalog_pb2.InformationResource) -> None:
        """``classification.path`` from the tree: the service's, not the caller's."""
        path = self.classification.path(res.classification.classification_code)
        del res.classification.path[:]
        res.classification.path.extend(path)

    def _check_resource_references(
        self,
        res: catalog_pb2.InformationResource,
        current: catalog_pb2.InformationResource | None,
    ) -> None:
        """Related codes, source systems and duties exist (those this write adds)."""
        p = "information_resource"
        v = Validator()
        old_codes = set(current.related_resource_codes) if current else set()
        added = [c for c in res.related_resource_codes if c not in old_codes]
        if added:
            found = {
                d["resource_code"]
                for d in self.store.resources.list(
                    {"resource_code": {"$in": added}}, MAX_RELATED, ""
                ).documents
            }
            for i, code in enumerate(res.related_resource_codes):
                if code in added and code not in found:
                    v.fail(f"{p}.related_resource_codes[{i}]", f"no resource has the code {code}")
        self.references.each(
            v,
            res.source_systems,
            "systems",
            f"{p}.source_systems",
            current.source_systems if current else (),
        )
        self.references.each(
            v, res.duties, "duties", f"{p}.duties", current.duties if current else ()
        )
        v.raise_if_any()

    def _refuse_claims_of_others(
        self, res: catalog_pb2.InformationResource, provider: str, claims: list[str]
    ) -> None:
        """One datum, one source (``authority.py``); call while holding ``claiming``."""
        violations = self.authority.conflicts(res, provider, claims)
        if violations:
            raise InvalidArgument(violations)

    def _check_office(self, res: catalog_pb2.InformationResource, provider: str) -> None:
        if not res.provider_office:
            return
        field = "information_resource.provider_office"
        self._require_organization(res.provider_office, field)
        office = self.store.organizations.get(res.provider_office)
        if office.get("parent") != provider:
            raise InvalidArgument(
                FieldViolation(field, "must be an internal office of the provider")
            )

    def _resource_record(self, res: catalog_pb2.InformationResource, org_id: str) -> dict[str, Any]:
        clean = catalog_pb2.InformationResource()
        clean.CopyFrom(res)
        for output_only in ("name", "etag", "create_time", "update_time", "revision"):
            clean.ClearField(output_only)
        return {
            "resource": to_document(clean),
            "organization": names.organization_name(org_id),
            "provider": res.provider,
            "share_type": common_pb2.ShareType.Name(res.sharing.share_type),
            "state": ResourceState.Name(res.state),
            "resource_code": res.resource_code,
            "provider_office": res.provider_office,
            "classification_code": res.classification.classification_code,
            "duties": list(res.duties),
            "source_systems": list(res.source_systems),
            "data_item_names": [item.name for item in res.data_items],
            "authoritative_items": claimed_names(res),
        }

    def _resource_event(
        self,
        kind: int,
        name: str,
        revision: int,
        res: catalog_pb2.InformationResource | None,
        changed: list[str] | None = None,
    ) -> dict[str, Any]:
        payload = events_pb2.InformationResourceChanged(
            kind=kind, name=name, revision=revision, changed_fields=changed or []
        )
        if res is not None:
            payload.resource.CopyFrom(res)
        return outbox.entry(SOURCE, payload, subject=name)
