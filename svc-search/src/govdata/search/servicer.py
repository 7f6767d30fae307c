"""gRPC adapter of catalogue search: keyword search and classification browsing.

Suggest is built with the rest of the search work (issue 5); until then UNIMPLEMENTED.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from gov.search.v1 import search_pb2_grpc
from govdata.runtime import classification
from govdata.runtime.classification import ClassificationTree
from govdata.runtime.errors import Unavailable
from govdata.search import browse, index, query
from govdata.search.synonyms import Synonyms

T = TypeVar("T")


class SearchServicer(search_pb2_grpc.SearchServiceServicer):
    def __init__(
        self,
        client: Any,
        indices: index.Indices,
        smart: bool,
        words: Synonyms | None = None,
        tree: ClassificationTree | None = None,
    ) -> None:
        self.client = client
        self.indices = indices
        self.smart = smart
        self.synonyms = words
        self.tree = tree or classification.default_tree()

    def Search(self, request, context):  # type: ignore[no-untyped-def]
        body, offset, size = query.build(request, self.smart, self.synonyms)

        def ask() -> tuple[dict[str, Any], dict[str, str]]:
            answer = self.client.search(index=self.indices.resources, body=body)
            names = query.display_names(self.client, self.indices, query.providers_in(answer))
            return answer, names

        answer, names = _engine(ask)
        return query.parse(request, answer, offset, size, names)

    def BrowseClassification(self, request, context):  # type: ignore[no-untyped-def]
        body, expanded, depth = browse.build(request, self.tree)
        answer = _engine(lambda: self.client.search(index=self.indices.resources, body=body))
        return browse.parse(answer, self.tree, expanded, depth)


def _engine(call: Callable[[], T]) -> T:
    """Run a request to OpenSearch; an engine that cannot be reached is UNAVAILABLE at once."""
    from opensearchpy.exceptions import ConnectionError as SearchDown
    from opensearchpy.exceptions import ConnectionTimeout

    try:
        return call()
    except (SearchDown, ConnectionTimeout) as exc:
        raise Unavailable("the search engine is unavailable; retry later") from exc
