"""Information systems (信息系统), as the inventory (信息系统普查) records them: what a system does,
for whom, how often it is used, who approved and funds it, where it runs and which duties it
supports — the facts the zombie and shadow analysis reads.

A system belongs to the organisation in its name; the duties it names must exist. Its
``assessment`` is the analysis's output: callers cannot set it (it is ignored on create and
not updatable); ``record_assessment`` stores a new one. A system that a duty or a resource
still names cannot be deleted.

Documents (collection ``systems``): ``system`` (the message's JSON), ``organization``,
``status`` (SystemStatus name), ``duties`` (names), ``last_used_time`` (datetime or None),
``zombie`` (the assessment has zombie indicators), ``shadow`` (it names systems this one
duplicates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from google.protobuf import timestamp_pb2

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.catalog import names
from govdata.catalog.changes import stamped
from govdata.catalog.duties import check_name_list
from govdata.catalog.owned_records import OwnedRecords
from govdata.catalog.rules import MAX_REFERENCE, MAX_TEXT, MAX_TITLE, _enum, _text
from govdata.catalog.store import Records
from govdata.runtime import audit
from govdata.runtime.errors import FailedPrecondition, Validator

InformationSystem = catalog_pb2.InformationSystem
MAX_USER_COUNT = 100_000_000  # more than the population it could serve
EARLIEST_DATE = dt.date(1949, 10, 1)
LATEST_DATE = dt.date(2200, 12, 31)
# A use recorded "now" by a clock a little ahead is still a use, not the future.
CLOCK_SKEW = dt.timedelta(days=1)
EARLIEST_USE = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

MUTABLE_SYSTEM_FIELDS = frozenset(
    {
        "display_name",
        "function",
        "users",
        "scope",
        "user_count",
        "usage_frequency",
        "approving_body",
        "approval_date",
        "launch_date",
        "build_funding",
        "operation_funding",
        "networks",
        "status",
        "out_of_step_with_business",
        "duties",
        "contractor",
        "last_used_time",
    }
)


def date_problem(date: Any) -> str | None:
    """Why a ``google.type.Date`` is not a calendar date the catalogue accepts, or None."""
    try:
        value = dt.date(date.year, date.month, date.day)
    except ValueError:
        return f"{date.year:04d}-{date.month:02d}-{date.day:02d} is not a calendar date"
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        return f"{value} is outside {EARLIEST_DATE} .. {LATEST_DATE}"
    return None


def check_system(
    system: InformationSystem, prefix: str = "information_system", now: dt.datetime | None = None
) -> None:
    """Validate an information system's own fields (whether the duties it names exist is the
    service's check). Enum fields other than the required ones may be UNSPECIFIED."""
    v = Validator()
    p = prefix
    _text(v, system.display_name, f"{p}.display_name", MAX_TITLE, required=True)
    _text(v, system.function, f"{p}.function", MAX_TEXT, required=True)
    _text(v, system.users, f"{p}.users", MAX_REFERENCE)
    _text(v, system.approving_body, f"{p}.approving_body", MAX_TITLE)
    _text(v, system.contractor, f"{p}.contractor", MAX_TITLE)
    for value, descriptor, field in (
        (system.scope, catalog_pb2.SystemScope.DESCRIPTOR, "scope"),
        (system.usage_frequency, catalog_pb2.UsageFrequency.DESCRIPTOR, "usage_frequency"),
        (system.build_funding, catalog_pb2.FundingSource.DESCRIPTOR, "build_funding"),
        (system.operation_funding, catalog_pb2.FundingSource.DESCRIPTOR, "operation_funding"),
        (system.status, catalog_pb2.SystemStatus.DESCRIPTOR, "status"),
    ):
        _enum(v, descriptor, value, f"{p}.{field}", required=False)
    if not 0 <= system.user_count <= MAX_USER_COUNT:
        v.fail(f"{p}.user_count", f"must be between 0 and {MAX_USER_COUNT}")
    for field in ("approval_date", "launch_date"):
        if system.HasField(field) and (problem := date_problem(getattr(system, field))):
            v.fail(f"{p}.{field}", problem)
    seen: set[int] = set()
    for i, network in enumerate(system.networks):
        _enum(v, common_pb2.Network.DESCRIPTOR, network, f"{p}.networks[{i}]")
        if network in seen:
            v.fail(f"{p}.networks[{i}]", "appears twice")
        seen.add(network)
    check_name_list(v, system.duties, "duties", f"{p}.duties")
    if system.HasField("last_used_time"):
        problem = _time_problem(system.last_used_time, now or dt.datetime.now(dt.UTC))
        if problem:
            v.fail(f"{p}.last_used_time", problem)
    v.raise_if_any()


def _time_problem(value: timestamp_pb2.Timestamp, now: dt.datetime) -> str | None:
    if not 0 <= value.nanos < 1_000_000_000:
        return "has invalid nanos"
    try:
        when = value.ToDatetime(tzinfo=dt.UTC)
    except (ValueError, OverflowError):
        return "is not a valid time"
    if when < EARLIEST_USE:
        return f"is before {EARLIEST_USE.date()}"
    if when > now + CLOCK_SKEW:
        return "is in the future"
    return None


class InformationSystems(OwnedRecords[InformationSystem]):
    """The standard methods of information systems, and storing their assessment."""

    segment = "systems"
    id_prefix = "s"
    message_type = InformationSystem
    field = "information_system"
    id_field = "information_system_id"
    event_type = events_pb2.InformationSystemChanged
    event_field = "information_system"
    mutable = MUTABLE_SYSTEM_FIELDS

    @property
    def records(self) -> Records:
        return self.store.systems

    def message(self, document: dict[str, Any]) -> InformationSystem:
        return self.store.system(document)

    def check(self, message: InformationSystem) -> None:
        check_system(message)

    def prepare(self, message: InformationSystem) -> None:
        message.ClearField("assessment")  # the analysis's output, not the caller's

    def check_references(
        self,
        v: Validator,
        message: InformationSystem,
        owner: str,
        current: InformationSystem | None,
    ) -> None:
        already = current.duties if current else ()
        self.references.each(v, message.duties, "duties", "information_system.duties", already)

    def top_level(self, message: InformationSystem) -> dict[str, Any]:
        return {
            "status": catalog_pb2.SystemStatus.Name(message.status),
            "duties": list(message.duties),
            "last_used_time": (
                message.last_used_time.ToDatetime(tzinfo=dt.UTC)
                if message.HasField("last_used_time")
                else None
            ),
            "zombie": bool(message.assessment.zombie_indicators),
            "shadow": bool(message.assessment.shadow_of),
        }

    def list_systems(
        self,
        parent: str,
        status: int,
        zombie_only: bool,
        shadow_only: bool,
        page_size: int,
        page_token: str,
    ) -> tuple[list[InformationSystem], Any]:
        """ListInformationSystems: by status, or only those the assessment flags."""
        query: dict[str, Any] = {}
        if status:
            v = Validator()
            _enum(v, catalog_pb2.SystemStatus.DESCRIPTOR, status, "status")
            v.raise_if_any()
            query["status"] = catalog_pb2.SystemStatus.Name(status)
        if zombie_only:
            query["zombie"] = True
        if shadow_only:
            query["shadow"] = True
        return self.list(parent, query, page_size, page_token)

    def record_assessment(
        self, name: str, assessment: catalog_pb2.SystemAssessment
    ) -> InformationSystem:
        """Store the analysis's verdict on a system (an update of ``assessment`` only, with
        its event and version), keeping the ``zombie``/``shadow`` fields in step."""
        org_id, _ = names.parse_child(name, self.segment)
        v = Validator()
        for i, indicator in enumerate(assessment.zombie_indicators):
            _enum(
                v,
                catalog_pb2.ZombieIndicator.DESCRIPTOR,
                indicator,
                f"assessment.zombie_indicators[{i}]",
            )
        for i, other in enumerate(assessment.shadow_of):
            if not names.is_child_name(other, "systems") or other == name:
                v.fail(f"assessment.shadow_of[{i}]", "must name another system")
        v.raise_if_any()
        current = self.message(self.records.get(name))
        merged = InformationSystem()
        merged.CopyFrom(current)
        merged.assessment.CopyFrom(assessment)
        owner = names.organization_name(org_id)
        created = current.create_time.ToDatetime()

        def event(revision: int, now: dt.datetime) -> dict[str, Any]:
            snapshot = stamped(merged, name, revision, created, now)
            return self.event(
                events_pb2.CHANGE_KIND_UPDATED, name, revision, snapshot, ["assessment"]
            )

        document = self.records.update(name, current.etag, self.record(merged, owner), event)
        audit.note_access(resource=name)
        return self.message(document)

    def deletable(self, name: str) -> None:
        remaining = [
            f"{count} {words}"
            for segment, query, words in (
                ("duties", {"systems": name}, "duty(ies) it supports"),
                ("resources", {"source_systems": name}, "information resource(s) it feeds"),
            )
            if (count := self.references.count(segment, query))
        ]
        if remaining:
            raise FailedPrecondition(
                f"{name} is still named by {', '.join(remaining)}; change them first",
                reason="SYSTEM_IN_USE",
            )
