"""gRPC adapter of catalogue search: keyword search, completion, browsing, demand matching.

Every method is UNAVAILABLE, at once and with the reason, while the search engine cannot be
reached or while its indices are of an older layout than this version reads (the worker
migrates them at its start, ``worker.py``; ``make reindex`` does it by hand).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from gov.search.v1 import search_pb2, search_pb2_grpc
from govdata.runtime import classification
from govdata.runtime.classification import ClassificationTree
from govdata.runtime.errors import Unavailable
from govdata.search import browse, demand, index, query, suggest
from govdata.search.synonyms import Synonyms

log = logging.getLogger(__name__)
T = TypeVar("T")
# How often an api whose indices are of an older layout looks whether they were migrated.
LAYOUT_RECHECK_SECONDS = 5.0


class SearchServicer(search_pb2_grpc.SearchServiceServicer):
    def __init__(
        self,
        client: Any,
        indices: index.Indices,
        smart: bool | None,
        words: Synonyms | None = None,
        tree: ClassificationTree | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``smart``: whether the live indices have smartcn sub-fields; None when they are
        of an older layout (looked at again every ``LAYOUT_RECHECK_SECONDS``)."""
        self.client = client
        self.indices = indices
        self.synonyms = words
        self.tree = tree or classification.default_tree()
        self.clock = clock
        self._smart = smart
        self._outdated = ("", 0.0)

    def Search(self, request, context):  # type: ignore[no-untyped-def]
        smart = self._ready()
        answer, names, offset, size = _engine(
            lambda: search(self.client, self.indices, request, smart, self.synonyms)
        )
        return query.parse(request, answer, offset, size, names, self.tree)

    def Suggest(self, request, context):  # type: ignore[no-untyped-def]
        body = suggest.build(request)
        self._ready()
        answer = _engine(lambda: self.client.search(index=self._every_kind(), body=body))
        return suggest.parse(answer)

    def BrowseClassification(self, request, context):  # type: ignore[no-untyped-def]
        body, expanded, depth = browse.build(request, self.tree)
        self._ready()
        answer = _engine(lambda: self.client.search(index=self.indices.resources, body=body))
        return browse.parse(answer, self.tree, expanded, depth)

    def MatchDemand(self, request, context):  # type: ignore[no-untyped-def]
        body = demand.build(request, self._ready(), self.synonyms)

        def ask() -> tuple[dict[str, Any], dict[str, str]]:
            answer = self.client.search(index=self.indices.resources, body=body)
            orgs, _ = query.named_in(answer)
            return answer, query.display_names(self.client, self.indices.organizations, orgs)

        answer, names = _engine(ask)
        return demand.parse(request, answer, names)

    def _every_kind(self) -> str:
        return every_kind(self.indices)

    def _ready(self) -> bool:
        """Whether the indices have smartcn sub-fields; UNAVAILABLE while they are of an
        older layout."""
        if self._smart is not None:
            return self._smart
        problem, checked = self._outdated
        if not problem or self.clock() - checked >= LAYOUT_RECHECK_SECONDS:
            try:
                self._smart = _engine(lambda: index.ensure(self.client, self.indices))
                log.info("search indices are of layout %s now", index.LAYOUT_VERSION)
                return self._smart
            except index.LayoutOutdated as exc:
                problem = str(exc)
                self._outdated = (problem, self.clock())
        raise Unavailable(f"{problem}; retry later")


def every_kind(indices: index.Indices) -> str:
    return ",".join(indices.by_kind.values())


def departments_named(
    client: Any, indices: index.Indices, text: str, variants: Sequence[str]
) -> list[str]:
    """The organisations ``text`` (or a synonym wording of it) names, so what they provide
    is found by their name."""
    answer = client.search(
        index=indices.organizations, body=query.departments_query(text, variants)
    )
    return [hit["_id"] for hit in answer["hits"]["hits"]]


def search(
    client: Any,
    indices: index.Indices,
    request: search_pb2.SearchRequest,
    smart: bool,
    words: Synonyms | None,
) -> tuple[dict[str, Any], dict[str, str], int, int]:
    """Everything a Search asks OpenSearch — the departments its words name (once the
    request is valid), the query over every kind's index, the display names of the
    organisations and systems it shows — as (answer, names, offset, page size)."""
    named = functools.partial(departments_named, client, indices)
    body, offset, size = query.build(request, smart, words, named)
    answer = client.search(index=every_kind(indices), body=body)
    orgs, systems = query.named_in(answer)
    names = query.display_names(client, indices.organizations, orgs)
    names |= query.display_names(client, indices.systems, systems)
    return answer, names, offset, size


def _engine(call: Callable[[], T]) -> T:
    """Run a request to OpenSearch; an engine that cannot be reached is UNAVAILABLE at once."""
    from opensearchpy.exceptions import ConnectionError as SearchDown
    from opensearchpy.exceptions import ConnectionTimeout

    try:
        return call()
    except (SearchDown, ConnectionTimeout) as exc:
        raise Unavailable("the search engine is unavailable; retry later") from exc
