"""Candidates for the gap list: svc-search's demand matching asked for each gap.

The gap list is the catalogue's own answer (``views.demand_gaps``); which published
resources could close each gap is search's (``MatchDemand``: free-text need against names,
abstracts and data items), asked over gRPC under svc-catalog's identity, for the gaps of one
page at a time, a few at once, each with a short deadline. When search is down or slow the
gap list is still answered, each gap saying why it has no candidates.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import grpc

from gov.catalog.v1 import catalog_pb2 as c
from gov.search.v1 import search_pb2, search_pb2_grpc

log = logging.getLogger(__name__)

DEADLINE_SECONDS = 2.0
CANDIDATES = 5
PARALLEL = 8
PURPOSE = (("x-gov-purpose", "demand gap list: candidate resources"),)


class GapCandidates:
    """Fills ``DemandGap.candidates`` from svc-search's MatchDemand."""

    def __init__(self, channel: Any) -> None:
        self.stub = search_pb2_grpc.SearchServiceStub(channel)
        self.pool = ThreadPoolExecutor(PARALLEL, thread_name_prefix="gap-candidates")

    def fill(self, gaps: Sequence[c.DemandGap]) -> None:
        """Add candidates to each gap in place (or the reason there are none)."""
        for gap, outcome in zip(gaps, self.pool.map(self._ask, gaps), strict=True):
            if isinstance(outcome, str):
                gap.candidates_unavailable = outcome
            else:
                gap.candidates.extend(outcome)

    def _ask(self, gap: c.DemandGap) -> list[c.GapCandidate] | str:
        demand = gap.demand
        request = search_pb2.MatchDemandRequest(
            need=f"{demand.display_name} {demand.description}".strip()[:500],
            data_items=list(demand.data_items)[:100],
            demander=demand.name.split("/demands/", 1)[0],
            max_candidates=CANDIDATES,
        )
        try:
            answer = self.stub.MatchDemand(request, timeout=DEADLINE_SECONDS, metadata=PURPOSE)
        except grpc.RpcError as exc:
            log.warning("no candidates for %s: search answered %s", demand.name, exc.code().name)
            if exc.code() == grpc.StatusCode.DEADLINE_EXCEEDED:
                return "search did not answer in time"
            return f"search unavailable ({exc.code().name})"
        return [
            c.GapCandidate(
                resource=found.resource.name,
                display_name=found.resource.title,
                provider=found.resource.provider,
                offered_data_items=found.offered_data_items,
                missing_data_items=found.missing_data_items,
            )
            for found in answer.candidates
        ]
