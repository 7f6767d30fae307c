"""As-you-type completion (Suggest) over every kind's names.

A name is suggested when what was typed begins it (不动 → 不动产登记信息), when it is the
pinyin initials the name begins with (bdc → 不动产登记信息; computed at index time by
pypinyin, ``documents.initials``) or, from two Chinese characters on, when it occurs inside
the name (登记 → 不动产登记信息, ranked below a beginning). Identical names of several records
(a data item held by many resources) are suggested once.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from gov.search.v1 import search_pb2
from govdata.runtime.errors import Validator
from govdata.search import query

DEFAULT_SUGGESTIONS = 10
MAX_SUGGESTIONS = 50
MAX_PREFIX = 50


def build(request: search_pb2.SuggestRequest) -> dict[str, Any]:
    """The OpenSearch body of ``request``; INVALID_ARGUMENT naming a bad field."""
    v = Validator()
    typed = request.prefix.strip()
    if not typed:
        v.fail("prefix", "is required")
    elif len(typed) > MAX_PREFIX:
        v.fail("prefix", f"is {len(typed)} characters; at most {MAX_PREFIX}")
    if request.max_suggestions < 0:
        v.fail("max_suggestions", "must not be negative")
    kinds = query.enum_names(v, request.kinds, search_pb2.ResultKind, "kinds")
    v.raise_if_any()

    folded = unicodedata.normalize("NFKC", typed).lower()
    should: list[dict[str, Any]] = [
        {"term": {"display_name.keyword": {"value": typed, "boost": 8}}},
        {"prefix": {"display_name.keyword": {"value": typed, "boost": 4}}},
    ]
    if folded.isascii() and folded.isalnum():
        should.append({"prefix": {"initials": {"value": folded, "boost": 3}}})
    elif len(typed) >= 2:
        should.append({"match_phrase": {"display_name": {"query": typed, "boost": 1}}})
    filters = list(query.VISIBLE)
    if kinds:
        filters.append({"terms": {"result_kind": kinds}})
    limit = min(request.max_suggestions or DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS)
    return {
        "size": limit,
        "query": query.ranked(
            {"bool": {"filter": filters, "should": should, "minimum_should_match": 1}}
        ),
        "collapse": {"field": "display_name.keyword"},
        "sort": ["_score", {"name_length": "asc"}, {"display_name.keyword": "asc"}],
        "_source": ["result_kind", "name", "display_name"],
    }


def parse(answer: dict[str, Any]) -> search_pb2.SuggestResponse:
    response = search_pb2.SuggestResponse()
    for hit in answer["hits"]["hits"]:
        src = hit["_source"]
        response.suggestions.add(
            text=src.get("display_name", ""),
            kind=search_pb2.ResultKind.Value(src.get("result_kind", "RESULT_KIND_RESOURCE")),
            name=src["name"],
        )
    return response
