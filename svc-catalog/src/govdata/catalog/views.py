"""The unified view (统一视图): the leaders' questions answered over the catalogue, as pure
functions of the contract messages.

An organisation's data items, a resource's providers and consumers, the demands nothing
satisfies (供需缺口) and per-department statistics — each computed from lists of records the
caller has already loaded and narrowed to what it may see (``visibility.py`` decides that);
no store, no gRPC here.

Scope: "an organisation" means the organisation and every organisation below it (a
department with its internal offices; a government with its departments). A resource
belongs to it when it was catalogued by, is provided by, or is the responsibility of an
office of one of them (its name's organisation, ``provider`` or ``provider_office``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from google.protobuf.descriptor import EnumDescriptor

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import names

PUBLISHED = c.RESOURCE_STATE_PUBLISHED
# Depth guard for a corrupt tree (a cycle written around the service): deeper than this is
# not a real administrative tree.
MAX_DEPTH = 16

RESOURCE_STATE_WORDS = {
    c.RESOURCE_STATE_DRAFT: "draft (草稿)",
    c.RESOURCE_STATE_SUBMITTED: "submitted for review (待审核)",
    c.RESOURCE_STATE_PUBLISHED: "published (已发布)",
    c.RESOURCE_STATE_RETIRED: "retired (已下线)",
}
DEMAND_STATE_WORDS = {
    c.DEMAND_STATE_OPEN: "open, no supply yet (未满足)",
    c.DEMAND_STATE_MATCHED: "matched to a catalogued resource (已匹配)",
    c.DEMAND_STATE_FULFILLED: "fulfilled, data being shared (已满足)",
    c.DEMAND_STATE_CLOSED: "closed (已关闭)",
}


# -- the organisation tree and scope ------------------------------------------------------------


class OrganizationTree:
    """The department tree from each organisation's parent (``organizations/{id}`` → parent
    or None)."""

    def __init__(self, parents: Mapping[str, str | None]) -> None:
        self.parents = dict(parents)
        children: dict[str, list[str]] = {}
        for name, parent in self.parents.items():
            if parent:
                children.setdefault(parent, []).append(name)
        self._children = children

    def __contains__(self, name: object) -> bool:
        return name in self.parents

    def subtree(self, name: str) -> set[str]:
        """``name`` and every organisation below it."""
        found = {name}
        frontier = [name]
        for _ in range(MAX_DEPTH):
            frontier = [k for n in frontier for k in self._children.get(n, ()) if k not in found]
            if not frontier:
                break
            found.update(frontier)
        return found

    def within(self, target: str, own: str) -> bool:
        """Whether ``target`` is ``own`` or below it."""
        cursor: str | None = target
        for _ in range(MAX_DEPTH):
            if not cursor:
                return False
            if cursor == own:
                return True
            cursor = self.parents.get(cursor)
        return False


def _owner(name: str) -> str:
    return names.organization_of(name) or ""


def resource_in_scope(resource: c.InformationResource, scope: Collection[str]) -> bool:
    """Whether the resource belongs to one of the ``scope`` organisations."""
    return (
        _owner(resource.name) in scope
        or resource.provider in scope
        or (bool(resource.provider_office) and resource.provider_office in scope)
    )


def owned_by(name: str, scope: Collection[str]) -> bool:
    """Whether a record (duty, system, demand) named under an organisation is in scope."""
    return _owner(name) in scope


# -- data items ---------------------------------------------------------------------------------


class DataItemRow(NamedTuple):
    """A data item in its place — the resource's name and the item's position — from which
    its ``DataItemEntry`` is made only when it is served (a page, not the whole catalogue)."""

    resource: str
    position: int
    source: c.InformationResource

    def entry(self) -> c.DataItemEntry:
        res = self.source
        return c.DataItemEntry(
            resource=res.name,
            resource_code=res.resource_code,
            resource_display_name=res.display_name,
            provider=res.provider,
            state=res.state,
            data_item=res.data_items[self.position],
        )


def data_item_rows(
    resources: Iterable[c.InformationResource],
    data_item_name: str = "",
    authoritative_only: bool = False,
) -> list[DataItemRow]:
    """Every data item of ``resources`` with its resource, ordered by resource name and the
    item's position in it; optionally only items named exactly ``data_item_name`` or only
    authoritative ones (权威来源)."""
    rows = []
    for res in sorted(resources, key=lambda r: r.name):
        for position, item in enumerate(res.data_items):
            if data_item_name and item.name != data_item_name:
                continue
            if authoritative_only and not item.authoritative:
                continue
            rows.append(DataItemRow(res.name, position, res))
    return rows


# -- providers and consumers --------------------------------------------------------------------


@dataclass(frozen=True)
class ConsumerGrant:
    """A grant of the exchange (共享授权) letting an organisation use a resource.

    svc-exchange announces them (``gov.events.v1.GrantChanged``); the catalogue's worker keeps
    a copy (``consumer_grants``) that ``UnifiedView(grants=...)`` reads.
    """

    organization: str
    grant: str
    state: str


def resource_parties(
    resource: c.InformationResource,
    demands: Iterable[c.SharingDemand],
    grants: Iterable[ConsumerGrant] = (),
) -> list[c.ResourceParty]:
    """The provider first, then the consumers ordered by organisation (then basis): every
    organisation with a sharing demand naming the resource (closed demands do not count —
    they were withdrawn) and every organisation holding a grant on it."""
    provider = c.ResourceParty(
        organization=resource.provider or _owner(resource.name),
        role=c.PARTY_ROLE_PROVIDER,
        basis=resource.name,
        state=RESOURCE_STATE_WORDS.get(resource.state, "state unknown"),
    )
    consumers = [
        c.ResourceParty(
            organization=_owner(demand.name),
            role=c.PARTY_ROLE_CONSUMER,
            basis=demand.name,
            state=f"demand {DEMAND_STATE_WORDS.get(demand.state, 'in no known state')}",
        )
        for demand in demands
        if demand.resource == resource.name and demand.state != c.DEMAND_STATE_CLOSED
    ]
    consumers += [
        c.ResourceParty(
            organization=grant.organization,
            role=c.PARTY_ROLE_CONSUMER,
            basis=grant.grant,
            state=f"grant {grant.state}",
        )
        for grant in grants
    ]
    consumers.sort(key=lambda p: (p.organization, p.basis))
    return [provider, *consumers]


def party_sort_key(party: c.ResourceParty) -> tuple[int, str, str]:
    return (0 if party.role == c.PARTY_ROLE_PROVIDER else 1, party.organization, party.basis)


# -- the gap list -------------------------------------------------------------------------------


def demand_gaps(
    demands: Iterable[c.SharingDemand],
    resources: Mapping[str, c.InformationResource],
    may_see: Callable[[c.InformationResource], bool] = lambda res: True,
) -> list[c.DemandGap]:
    """The OPEN demands no published resource satisfies, ordered by demand name.

    A demand is a gap when the resource it names is not published (missing, draft, under
    review, retired), when some data item it names is offered by no published resource
    (exact name), or when it names neither resource nor data items (a free-text need nothing
    in the catalogue is matched to). ``resources`` are every resource by name (any state);
    ``may_see`` hides the state of a resource the viewer may not see ("not published" only).
    """
    published = [r for r in resources.values() if r.state == PUBLISHED]
    offered = {item.name for res in published for item in res.data_items}
    gaps = []
    for demand in sorted(demands, key=lambda d: d.name):
        if demand.state != c.DEMAND_STATE_OPEN:
            continue
        reasons = []
        if demand.resource:
            wanted = resources.get(demand.resource)
            if wanted is None:
                reasons.append(f"the wanted resource {demand.resource} is not in the catalogue")
            elif wanted.state != PUBLISHED:
                state = (
                    f" (it is {RESOURCE_STATE_WORDS.get(wanted.state, 'in no known state')})"
                    if may_see(wanted)
                    else ""
                )
                reasons.append(f"the wanted resource {demand.resource} is not published{state}")
        missing = _unique([item for item in demand.data_items if item not in offered])
        if missing:
            reasons.append("no published resource offers " + "、".join(missing))
        if not demand.resource and not demand.data_items:
            reasons.append(
                "it names no catalogued resource and no data items: nothing published is "
                "matched to the need yet"
            )
        if reasons:
            gaps.append(
                c.DemandGap(demand=demand, reason="; ".join(reasons), missing_data_items=missing)
            )
    return gaps


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


# -- statistics ---------------------------------------------------------------------------------


def counts(descriptor: EnumDescriptor, values: Iterable[int]) -> list[c.Count]:
    """Counts keyed by the enum value names, in the enum's order: every value but UNSPECIFIED
    (zero included, so dashboards see stable keys), UNSPECIFIED only when it occurs."""
    tally = Counter(values)
    result = []
    for value in descriptor.values:
        if value.number == 0 and not tally.get(0):
            continue
        result.append(c.Count(key=value.name, count=tally.get(value.number, 0)))
    unknown = sorted(v for v in tally if v not in descriptor.values_by_number)
    result += [c.Count(key=str(v), count=tally[v]) for v in unknown]
    return result


def organization_statistics(
    name: str,
    resources: Sequence[c.InformationResource],
    systems: Sequence[c.InformationSystem],
    duties: Sequence[c.Duty],
    demands: Sequence[c.SharingDemand],
    zombie_candidate_count: int,
) -> c.OrganizationStatistics:
    """Statistics of the records given (already narrowed to the organisation and to what
    the viewer may see)."""
    return c.OrganizationStatistics(
        name=name,
        resources_by_share_type=counts(
            cm.ShareType.DESCRIPTOR, (r.sharing.share_type for r in resources)
        ),
        resources_by_format=counts(cm.ResourceFormat.DESCRIPTOR, (r.format for r in resources)),
        resources_by_update_cycle=counts(
            cm.UpdateCycle.DESCRIPTOR, (r.update_cycle for r in resources)
        ),
        resources_by_state=counts(c.ResourceState.DESCRIPTOR, (r.state for r in resources)),
        systems_by_status=counts(c.SystemStatus.DESCRIPTOR, (s.status for s in systems)),
        demands_by_state=counts(c.DemandState.DESCRIPTOR, (d.state for d in demands)),
        duty_count=len(duties),
        data_item_count=sum(len(r.data_items) for r in resources),
        zombie_candidate_count=zombie_candidate_count,
    )
