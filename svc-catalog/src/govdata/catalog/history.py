"""GetHistory: every version of any catalogue entity, newest first, paged — also of entities
since deleted. How versions are written so that none is lost or duplicated is in
``versions.py``; this module reads them back.

A page merges the record's pending versions (read first) with the moved ones (read second):
a version moving between the two reads is then seen at least once, and duplicates collapse
by revision. A tentative deletion is shown only once it happened (the record is gone, or has
reached that revision). Visibility follows Get: the history of an information resource the
caller may not see (another department's unpublished entry, or a deleted one) is NOT_FOUND,
and a calling system's history is shown to those who may read the registry (the roles
``GetCallingSystem`` allows in the access policy), as the registry itself.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from gov.catalog.v1 import catalog_pb2
from govdata.catalog import names
from govdata.catalog.store import CatalogStore, Records, page_size_of
from govdata.catalog.versions import PENDING, TENTATIVE
from govdata.catalog.visibility import Visibility
from govdata.runtime import audit, context, outbox
from govdata.runtime.errors import FieldViolation, InvalidArgument, NotFound, PermissionDenied

# Stored versions read per round trip beyond the page (skipped unconfirmed deletions are rare).
_SLACK = 8
# The roles access-policy.yaml allows GetCallingSystem: the registry is the data authority's.
REGISTRY_READERS = frozenset({"platform_admin", "auditor"})


class History:
    """Reads versions of organisations, resources, duties, systems, demands and calling
    systems."""

    def __init__(self, store: CatalogStore, visibility: Visibility | None = None) -> None:
        self.store = store
        self.visibility = visibility or Visibility(store.organizations)

    def records_of(self, name: str) -> Records:
        segment = names.collection_of(name)
        records = {
            "organizations": self.store.organizations,
            "resources": self.store.resources,
            "duties": self.store.duties,
            "systems": self.store.systems,
            "demands": self.store.demands,
            "callingSystems": self.store.calling_systems,
        }.get(segment or "")
        if records is None:
            raise InvalidArgument(
                FieldViolation(
                    "name",
                    f"{name[:256]!r} is not the name of a catalogue entity (organisation, "
                    "resource, duty, system, demand or calling system)",
                )
            )
        return records

    def get_history(
        self, name: str, page_size: int, page_token: str
    ) -> tuple[list[catalog_pb2.Version], str]:
        """One page of ``name``'s versions, newest first, and the next page's token."""
        records = self.records_of(name)
        size = page_size_of(page_size)
        below = _decode(page_token, name) if page_token else None
        if records is self.store.calling_systems:
            caller = context.current()
            if caller.system and not caller.roles & REGISTRY_READERS:
                raise PermissionDenied(
                    "the history of a calling system is shown only to those who may read the "
                    "registry (" + ", ".join(sorted(REGISTRY_READERS)) + ")",
                    reason="ROLE_NOT_ALLOWED",
                )
        document = records.raw(name)  # first: see the module docstring
        if records is self.store.resources and not self._may_see_resource(name, document):
            raise NotFound(f"information resource {name!r} does not exist")
        pending = {
            v["revision"]: v
            for v in (document or {}).get(PENDING) or []
            if below is None or v["revision"] < below
        }
        versions = self._merged(name, document, pending, below, size + 1)
        if not versions and below is None:
            raise NotFound(f"{name!r} has no history: it never existed")
        audit.note_access(resource=name)
        more = len(versions) > size
        versions = versions[:size]
        token = _encode(versions[-1]["revision"], name) if more else ""
        return [to_message(v) for v in versions], token

    def _may_see_resource(self, name: str, document: dict[str, Any] | None) -> bool:
        if document is None or document.get(outbox.DELETED):
            # Gone: only its own organisation tree (and the data authority) may look back.
            owner = names.organization_of(name) or ""
            return self.visibility.can_see({"organization": owner, "state": ""})
        return self.visibility.can_see(document)

    def _merged(
        self,
        name: str,
        document: dict[str, Any] | None,
        pending: dict[int, dict[str, Any]],
        below: int | None,
        wanted: int,
    ) -> list[dict[str, Any]]:
        """Up to ``wanted`` versions below ``below``, newest first, pending ones winning."""
        current_revision = document.get("revision") if document else None
        chosen: dict[int, dict[str, Any]] = dict(pending)
        cursor = below
        while True:
            batch = self.store.versions.older_than(name, cursor, wanted + _SLACK)
            for version in batch:
                revision = version["revision"]
                if revision in chosen:
                    continue
                if version.get(TENTATIVE) and (
                    current_revision is not None and current_revision < revision
                ):
                    continue  # a deletion that did not happen
                chosen[revision] = version
            enough = len([r for r in chosen if cursor is None or r < cursor]) >= wanted
            if len(batch) < wanted + _SLACK or enough:
                break
            cursor = batch[-1]["revision"]
        return [chosen[r] for r in sorted(chosen, reverse=True)][:wanted]


def to_message(version: dict[str, Any]) -> catalog_pb2.Version:
    message = catalog_pb2.Version(
        revision=version["revision"],
        kind=catalog_pb2.VersionKind.Value(version["kind"]),
        request_id=version.get("request_id", ""),
    )
    actor = version.get("actor") or {}
    message.actor.system = actor.get("system", "")
    message.actor.person = actor.get("person", "")
    message.actor.organization = actor.get("organization", "")
    message.time.FromDatetime(version["time"])
    for change in version.get("changes", []):
        message.changes.add(
            field=change["field"],
            before_json=_json(change["before"]) if "before" in change else "",
            after_json=_json(change["after"]) if "after" in change else "",
        )
    return message


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _encode(below: int, name: str) -> str:
    raw = json.dumps({"b": below, "n": name}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode(token: str, name: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        below, of = data["b"], data["n"]
    except (ValueError, KeyError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if of != name or not isinstance(below, int):
        raise InvalidArgument(FieldViolation("page_token", "belongs to another entity's history"))
    return below
