"""Duties (职责/事项): what a department is legally responsible for, from its list of powers
and responsibilities (权责清单) — the "why" behind systems, resources and sharing demands.

A duty belongs to the organisation in its name. Its handling office must be an internal
office (内设机构) of that organisation; the systems that support it must exist. A duty that a
sharing demand, a resource or a system still names cannot be deleted.

Documents (collection ``duties``): ``duty`` (the message's JSON), ``organization``, ``kind``
(DutyKind name), ``responsible_office`` ("" when none), ``systems`` (names), ``item_code``.
"""

from __future__ import annotations

from typing import Any

from gov.catalog.v1 import catalog_pb2
from gov.events.v1 import events_pb2
from govdata.catalog import names
from govdata.catalog.owned_records import OwnedRecords
from govdata.catalog.rules import MAX_LIST, MAX_REFERENCE, MAX_TEXT, MAX_TITLE, _enum, _text
from govdata.catalog.store import Records
from govdata.runtime.errors import FailedPrecondition, Validator

Duty = catalog_pb2.Duty

# Fields an Update may set; the rest are identity or output-only.
MUTABLE_DUTY_FIELDS = frozenset(
    {
        "display_name",
        "kind",
        "item_code",
        "description",
        "legal_basis",
        "responsible_office",
        "systems",
    }
)


def check_duty(duty: Duty, prefix: str = "duty") -> None:
    """Validate a duty's own fields (whether its references exist is the service's check)."""
    v = Validator()
    p = prefix
    _text(v, duty.display_name, f"{p}.display_name", MAX_TITLE, required=True)
    _enum(v, catalog_pb2.DutyKind.DESCRIPTOR, duty.kind, f"{p}.kind")
    _text(v, duty.item_code, f"{p}.item_code", MAX_REFERENCE)
    _text(v, duty.description, f"{p}.description", MAX_TEXT)
    _text(v, duty.legal_basis, f"{p}.legal_basis", MAX_TEXT)
    if duty.responsible_office and not names.is_organization_name(duty.responsible_office):
        v.fail(
            f"{p}.responsible_office",
            f"{duty.responsible_office[:MAX_REFERENCE]!r} is not an organisation name "
            "(organizations/{id})",
        )
    check_name_list(v, duty.systems, "systems", f"{p}.systems")
    v.raise_if_any()


def check_name_list(v: Validator, values: Any, segment: str, field: str) -> None:
    """At most ``MAX_LIST`` well-formed names of ``segment``, each once."""
    if len(values) > MAX_LIST:
        v.fail(field, f"has {len(values)} entries; at most {MAX_LIST}")
    seen: set[str] = set()
    for i, value in enumerate(values[:MAX_LIST]):
        if not names.is_child_name(value, segment):
            v.fail(
                f"{field}[{i}]",
                f"{value[:MAX_REFERENCE]!r} is not a name of the form "
                f"organizations/{{id}}/{segment}/{{id}}",
            )
        elif value in seen:
            v.fail(f"{field}[{i}]", f"{value} appears twice")
        seen.add(value)


class Duties(OwnedRecords[Duty]):
    """The standard methods of duties."""

    segment = "duties"
    id_prefix = "d"
    message_type = Duty
    field = "duty"
    id_field = "duty_id"
    event_type = events_pb2.DutyChanged
    event_field = "duty"
    mutable = MUTABLE_DUTY_FIELDS

    @property
    def records(self) -> Records:
        return self.store.duties

    def message(self, document: dict[str, Any]) -> Duty:
        return self.store.duty(document)

    def check(self, message: Duty) -> None:
        check_duty(message)

    def check_references(self, v: Validator, message: Duty, owner: str, current: Duty | None):
        if message.responsible_office and (
            current is None or message.responsible_office != current.responsible_office
        ):
            self.references.office_of(
                v, message.responsible_office, owner, "duty.responsible_office"
            )
        self.references.each(
            v, message.systems, "systems", "duty.systems", current.systems if current else ()
        )

    def top_level(self, message: Duty) -> dict[str, Any]:
        return {
            "kind": catalog_pb2.DutyKind.Name(message.kind),
            "responsible_office": message.responsible_office,
            "systems": list(message.systems),
            "item_code": message.item_code,
        }

    def list_duties(
        self, parent: str, kind: int, page_size: int, page_token: str
    ) -> tuple[list[Duty], Any]:
        """ListDuties: the duties of ``parent`` (or all), optionally of one kind."""
        query: dict[str, Any] = {}
        if kind:
            v = Validator()
            _enum(v, catalog_pb2.DutyKind.DESCRIPTOR, kind, "kind")
            v.raise_if_any()
            query["kind"] = catalog_pb2.DutyKind.Name(kind)
        return self.list(parent, query, page_size, page_token)

    def deletable(self, name: str) -> None:
        remaining = [
            f"{count} {words}"
            for segment, query, words in (
                ("demands", {"duty": name}, "sharing demand(s) needing it"),
                ("resources", {"duties": name}, "information resource(s) serving it"),
                ("systems", {"duties": name}, "information system(s) supporting it"),
            )
            if (count := self.references.count(segment, query))
        ]
        if remaining:
            raise FailedPrecondition(
                f"{name} is still named by {', '.join(remaining)}; change them first",
                reason="DUTY_IN_USE",
            )
