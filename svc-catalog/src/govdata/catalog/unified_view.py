"""Use cases of the unified view (统一视图) and the system inventory analysis: what the gRPC
servicer calls for ListDataItems, ListResourceParties, ListDemandGaps,
GetOrganizationStatistics, ListZombieCandidates and ListShadowCandidates.

Each checks the request, takes the records it needs from the read model (``read_model.py``),
narrows them to the organisation asked about and to what the caller may see, and hands them
to the pure functions of ``views.py`` and ``inventory_analysis.py``; lists are paged with
``paging.py``.

Visibility is ``visibility.py``'s rule, the one place it lives (only published resources
are visible to other departments; the resource's organisation tree and the data authority
see every state), evaluated here over the read model's organisation tree instead of the
store's: lists and statistics count only what the caller sees. Duties, systems and demands
are visible to every reader of the catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import inventory_analysis as analysis
from govdata.catalog import names, views
from govdata.catalog.paging import ComputedPage, paginate, query_key
from govdata.catalog.read_model import CatalogueReadModel
from govdata.catalog.store import page_size_of
from govdata.catalog.views import ConsumerGrant, OrganizationTree
from govdata.catalog.visibility import Visibility
from govdata.runtime import audit, context
from govdata.runtime.errors import FieldViolation, InvalidArgument, NotFound

MAX_DATA_ITEM_NAME = 200
MAX_IDLE_DAYS = 36_500  # a century: past that "idle" means nothing


def _no_grants(resource: str) -> list[ConsumerGrant]:
    """Until svc-exchange announces grants, no organisation consumes through one."""
    return []


class UnifiedView:
    """The unified view and the inventory analysis over a ``CatalogueReadModel``.

    ``grants(resource)`` gives the grants on a resource (the seam for svc-exchange's grants);
    ``now`` the time the idle rule measures from.
    """

    def __init__(
        self,
        read_model: CatalogueReadModel,
        grants: Callable[[str], Iterable[ConsumerGrant]] = _no_grants,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.read = read_model
        self.grants = grants
        self.now = now

    # -- scope and visibility ----------------------------------------------------------------

    @staticmethod
    def may_see(tree: OrganizationTree) -> Callable[[c.InformationResource], bool]:
        """Whether the current caller sees a resource, by ``visibility.Visibility``."""
        caller = context.current()
        if Visibility.sees_everything(caller):
            return lambda res: True
        rule = Visibility(_TreeRecords(tree))  # type: ignore[arg-type]

        def sees(res: c.InformationResource) -> bool:
            stored = {
                "state": c.ResourceState.Name(res.state),
                "organization": names.organization_of(res.name) or "",
            }
            return rule.can_see(stored, caller)

        return sees

    def _scope(self, parent: str, field: str, tree: OrganizationTree) -> set[str] | None:
        """The organisations ``parent`` covers (it and those below it), None for all."""
        org_id = names.parse_parent(parent, field)
        if org_id is None:
            return None
        name = names.organization_name(org_id)
        if name not in tree:
            raise NotFound(f"organisation {name!r} does not exist")
        return tree.subtree(name)

    def _visible_resources(
        self, scope: set[str] | None, tree: OrganizationTree
    ) -> list[c.InformationResource]:
        sees = self.may_see(tree)
        return [
            res
            for res in self.read.resources().values()
            if (scope is None or views.resource_in_scope(res, scope)) and sees(res)
        ]

    # -- the unified view --------------------------------------------------------------------

    def list_data_items(
        self,
        parent: str,
        data_item_name: str,
        authoritative_only: bool,
        page_size: int,
        page_token: str,
    ) -> ComputedPage[c.DataItemEntry]:
        page_size_of(page_size)
        if len(data_item_name) > MAX_DATA_ITEM_NAME:
            raise InvalidArgument(
                FieldViolation(
                    "data_item_name",
                    f"is {len(data_item_name)} characters; at most {MAX_DATA_ITEM_NAME} allowed",
                )
            )
        tree = self.read.tree()
        scope = self._scope(parent, "parent", tree)
        resources = self._visible_resources(scope, tree)
        rows = views.data_item_rows(resources, data_item_name, authoritative_only)
        key = query_key(
            method="ListDataItems",
            parent=parent,
            data_item_name=data_item_name,
            authoritative_only=authoritative_only,
        )
        page = paginate(rows, lambda r: (r.resource, r.position), page_size, page_token, key)
        audit.note_access(resource=parent)
        return ComputedPage([r.entry() for r in page.items], page.next_page_token, page.total_size)

    def list_resource_parties(
        self, resource: str, page_size: int, page_token: str
    ) -> ComputedPage[c.ResourceParty]:
        names.parse_resource(resource, "resource")
        page_size_of(page_size)
        res = self.read.resources().get(resource)
        # A resource the caller may not see does not exist for it.
        if res is None or not self.may_see(self.read.tree())(res):
            raise NotFound(f"information resource {resource!r} does not exist")
        demands = [d for d in self.read.demands().values() if d.resource == resource]
        parties = views.resource_parties(res, demands, self.grants(resource))
        key = query_key(method="ListResourceParties", resource=resource)
        page = paginate(parties, views.party_sort_key, page_size, page_token, key)
        audit.note_access(resource=resource)
        return page

    def list_demand_gaps(
        self, parent: str, page_size: int, page_token: str
    ) -> ComputedPage[c.DemandGap]:
        page_size_of(page_size)
        tree = self.read.tree()
        scope = self._scope(parent, "parent", tree)
        demands = [
            d
            for d in self.read.demands().values()
            if scope is None or views.owned_by(d.name, scope)
        ]
        gaps = views.demand_gaps(
            demands,
            self.read.resources(),
            may_see=self.may_see(tree),
        )
        key = query_key(method="ListDemandGaps", parent=parent)
        page = paginate(gaps, lambda g: (g.demand.name,), page_size, page_token, key)
        audit.note_access(resource=parent)
        return page

    def organization_statistics(
        self, name: str, include_descendants: bool
    ) -> c.OrganizationStatistics:
        tree = self.read.tree()
        scope = self._scope(name, "name", tree)
        if scope is not None and not include_descendants:
            scope = {name}
        resources = self._visible_resources(scope, tree)
        all_systems = list(self.read.systems().values())
        systems = [s for s in all_systems if scope is None or views.owned_by(s.name, scope)]
        all_duties = list(self.read.duties().values())
        duties = [
            d
            for d in all_duties
            if scope is None or views.owned_by(d.name, scope) or d.responsible_office in scope
        ]
        demands = [
            d
            for d in self.read.demands().values()
            if scope is None or views.owned_by(d.name, scope)
        ]
        links = analysis.duty_links(systems, all_duties)
        zombies = analysis.zombie_candidates(systems, links, self.now())
        audit.note_access(resource=name)
        return views.organization_statistics(
            name, resources, systems, duties, demands, len(zombies)
        )

    # -- the inventory analysis --------------------------------------------------------------

    def list_zombie_candidates(
        self, parent: str, idle_days: int, page_size: int, page_token: str
    ) -> ComputedPage[c.ZombieCandidate]:
        page_size_of(page_size)
        if idle_days < 0 or idle_days > MAX_IDLE_DAYS:
            raise InvalidArgument(
                FieldViolation(
                    "idle_days", f"must be 0 (meaning 180) to {MAX_IDLE_DAYS}, not {idle_days}"
                )
            )
        idle_days = idle_days or analysis.DEFAULT_IDLE_DAYS
        tree = self.read.tree()
        scope = self._scope(parent, "parent", tree)
        systems = [
            s
            for s in self.read.systems().values()
            if scope is None or views.owned_by(s.name, scope)
        ]
        links = analysis.duty_links(systems, self.read.duties().values())
        candidates = analysis.zombie_candidates(systems, links, self.now(), idle_days)
        key = query_key(method="ListZombieCandidates", parent=parent, idle_days=idle_days)
        page = paginate(candidates, analysis.zombie_sort_key, page_size, page_token, key)
        audit.note_access(resource=parent)
        return page

    def list_shadow_candidates(
        self, parent: str, min_similarity: float, page_size: int, page_token: str
    ) -> ComputedPage[c.ShadowCandidate]:
        page_size_of(page_size)
        if math.isnan(min_similarity) or not 0.0 <= min_similarity <= 1.0:
            raise InvalidArgument(
                FieldViolation(
                    "min_similarity", f"must be from 0 (meaning 0.5) to 1, not {min_similarity}"
                )
            )
        min_similarity = min_similarity or analysis.DEFAULT_MIN_SIMILARITY
        tree = self.read.tree()
        scope = self._scope(parent, "parent", tree)
        # The corpus is the whole catalogue's systems: a term's weight is its rarity there.
        profiles = analysis.profiles(
            self.read.systems().values(),
            self.read.duties().values(),
            self._visible_resources(None, tree),
        )
        pairs = analysis.shadow_candidates(
            profiles,
            min_similarity,
            involves=(lambda n: True) if scope is None else (lambda n: views.owned_by(n, scope)),
        )
        key = query_key(method="ListShadowCandidates", parent=parent, min_similarity=min_similarity)
        page = paginate(pairs, analysis.shadow_sort_key, page_size, page_token, key)
        audit.note_access(resource=parent)
        return page


class _TreeRecords:
    """The read model's organisation tree in the shape of the ``Records`` the visibility rule
    walks up (``get(name)["parent"]``, NOT_FOUND for a name not in the tree): the same rule,
    without a store read per level per resource."""

    def __init__(self, tree: OrganizationTree) -> None:
        self.tree = tree

    def get(self, name: str) -> dict[str, str | None]:
        if name not in self.tree:
            raise NotFound(f"organisation {name!r} does not exist")
        return {"parent": self.tree.parents[name]}
