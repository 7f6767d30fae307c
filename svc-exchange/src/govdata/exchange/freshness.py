"""Whether providers keep shared data current (提供方应及时更新共享数据).

A published, shared resource declares an update cycle; its provider is overdue once the
cycle has passed since its last publication (or, never having published, since the
resource was last changed in the catalogue, which for a published entry is no earlier than
its publication). A day's grace covers a batch job that runs at night. Irregular and
undeclared cycles are never overdue: nothing was promised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm

GRACE = timedelta(days=1)
CYCLES: dict[int, timedelta] = {
    cm.UPDATE_CYCLE_REAL_TIME: timedelta(0),  # plus the grace: a day without any record
    cm.UPDATE_CYCLE_DAILY: timedelta(days=1),
    cm.UPDATE_CYCLE_WEEKLY: timedelta(days=7),
    cm.UPDATE_CYCLE_MONTHLY: timedelta(days=31),
    cm.UPDATE_CYCLE_QUARTERLY: timedelta(days=92),
    cm.UPDATE_CYCLE_YEARLY: timedelta(days=366),
}


@dataclass(frozen=True)
class Lateness:
    resource: str
    provider: str
    update_cycle: int
    last_publish_time: datetime | None
    due_time: datetime


def due(cycle: int, last_publish: datetime | None, listed: datetime) -> datetime | None:
    """When the next publication is due; None when the cycle promises none."""
    length = CYCLES.get(cycle)
    if length is None:
        return None
    return (last_publish or listed) + length + GRACE


def overdue(
    terms: list[dict[str, Any]], publications: dict[str, datetime], now: datetime
) -> list[Lateness]:
    """The late resources among ``terms`` (the exchange's copy of published resources),
    most overdue first."""
    late = []
    for term in terms:
        if term.get("share_type") == "SHARE_TYPE_NOT_SHARED":
            continue
        cycle = cm.UpdateCycle.Value(term.get("update_cycle") or "UPDATE_CYCLE_UNSPECIFIED")
        listed = term.get("listed") or now
        last = publications.get(term["_id"])
        when = due(cycle, last, listed.replace(tzinfo=listed.tzinfo or UTC))
        if when is not None and when <= now:
            late.append(Lateness(term["_id"], term.get("provider", ""), cycle, last, when))
    return sorted(late, key=lambda x: (x.due_time, x.resource))


def listed_time(resource: c.InformationResource) -> datetime | None:
    """When the catalogue last changed the resource (the worker stores it as ``listed``)."""
    if not resource.HasField("update_time"):
        return None
    return resource.update_time.ToDatetime(tzinfo=UTC)
