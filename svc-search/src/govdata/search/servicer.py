"""gRPC adapter of catalogue search.

Suggest and classification browsing are built with the search work; until then UNIMPLEMENTED.
"""

from __future__ import annotations

from typing import Any

from gov.search.v1 import search_pb2_grpc
from govdata.runtime.errors import Unavailable
from govdata.search import index, query
from govdata.search.synonyms import Synonyms


class SearchServicer(search_pb2_grpc.SearchServiceServicer):
    def __init__(
        self, client: Any, indices: index.Indices, smart: bool, words: Synonyms | None = None
    ) -> None:
        self.client = client
        self.indices = indices
        self.smart = smart
        self.synonyms = words

    def Search(self, request, context):  # type: ignore[no-untyped-def]
        from opensearchpy.exceptions import ConnectionError as SearchDown
        from opensearchpy.exceptions import ConnectionTimeout

        body, offset, size = query.build(request, self.smart, self.synonyms)
        try:
            answer = self.client.search(index=self.indices.resources, body=body)
            names = query.display_names(self.client, self.indices, query.providers_in(answer))
        except (SearchDown, ConnectionTimeout) as exc:
            raise Unavailable("the search engine is unavailable; retry later") from exc
        return query.parse(request, answer, offset, size, names)
