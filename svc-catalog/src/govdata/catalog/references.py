"""Whether the names a catalogue record holds point at live records (references must exist).

Each check adds its violations to a ``Validator``, naming the request field (with the list
index, e.g. ``duty.systems[2]``), so a request is refused once with every dangling reference.
Only references a write adds are checked: a record whose older references went stale may
still be corrected field by field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from gov.catalog.v1 import catalog_pb2
from govdata.catalog import names
from govdata.catalog.store import CatalogStore, Records
from govdata.runtime.errors import NotFound, Validator

INTERNAL_OFFICE = catalog_pb2.ORGANIZATION_KIND_INTERNAL_OFFICE
_WORDS = {
    "resources": "information resource",
    "duties": "duty",
    "systems": "information system",
    "demands": "sharing demand",
}


class References:
    """Existence checks over a ``CatalogStore`` (reads by ``_id``, which every server serves
    from its primary key)."""

    def __init__(self, store: CatalogStore) -> None:
        self.store = store

    def records(self, segment: str) -> Records:
        return {
            "resources": self.store.resources,
            "duties": self.store.duties,
            "systems": self.store.systems,
            "demands": self.store.demands,
        }[segment]

    def organization(self, v: Validator, name: str, field: str) -> dict[str, Any] | None:
        """The organisation's document, or None with a violation when it does not exist."""
        if not names.is_organization_name(name):
            v.fail(field, f"{name[:256]!r} is not an organisation name (organizations/{{id}})")
            return None
        try:
            return self.store.organizations.get(name)
        except NotFound:
            v.fail(field, f"{name} does not exist")
            return None

    def office_of(self, v: Validator, office: str, owner: str, field: str) -> None:
        """``office`` is an internal office (内设机构) directly below ``owner``."""
        document = self.organization(v, office, field)
        if document is None:
            return
        kind = document.get("organization", {}).get("kind")
        if kind != catalog_pb2.OrganizationKind.Name(INTERNAL_OFFICE):
            v.fail(field, f"{office} is not an internal office (ORGANIZATION_KIND_INTERNAL_OFFICE)")
        elif document.get("parent") != owner:
            v.fail(field, f"{office} is not an internal office of {owner}")

    def each(
        self,
        v: Validator,
        values: Sequence[str],
        segment: str,
        field: str,
        already: Iterable[str] = (),
    ) -> None:
        """Every name in ``values`` not in ``already`` is a live record of ``segment``."""
        known = set(already)
        records = self.records(segment)
        for i, value in enumerate(values):
            if value in known:
                continue
            self.one(v, value, segment, f"{field}[{i}]", records)

    def one(
        self,
        v: Validator,
        value: str,
        segment: str,
        field: str,
        records: Records | None = None,
    ) -> dict[str, Any] | None:
        """The record named ``value``, or None with a violation (malformed or missing)."""
        if not names.is_child_name(value, segment):
            words = _WORDS[segment]
            v.fail(
                field,
                f"{value[:256]!r} is not a {words} name (organizations/{{id}}/{segment}/{{id}})",
            )
            return None
        try:
            return (records or self.records(segment)).get(value)
        except NotFound:
            v.fail(field, f"{value} does not exist")
            return None

    def count(self, segment: str, query: dict[str, Any]) -> int:
        """How many live records of ``segment`` match ``query`` (for delete preconditions)."""
        return self.records(segment).list(query, 1, "").total_size
