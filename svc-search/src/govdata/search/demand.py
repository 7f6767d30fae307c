"""Demand matching (需求匹配): the published resources that could satisfy a sharing demand.

A demand's need is free text ("核对低保申请家庭成员的车辆登记情况"), so it is matched the way a
search is (``query.wording``: names above abstracts above data items, synonym wordings a
little lower) but without requiring every word; each data item the demand names adds the
resources offering an item of that name. Which named items a candidate offers is decided by
exact name, as the sharing request will be. The demander's own resources are not offered.
"""

from __future__ import annotations

from typing import Any

from gov.search.v1 import search_pb2
from govdata.runtime.errors import Validator
from govdata.search import documents, query
from govdata.search import synonyms as synonym_list
from govdata.search.synonyms import Synonyms

DEFAULT_CANDIDATES = 10
MAX_CANDIDATES = 50
MAX_NEED = 500
MAX_ITEMS = 100
MAX_ITEM = 100
# A need is a sentence, not search words: a resource holding a fifth of its words is a
# candidate (ranked by how many and how rare), unlike a search, where most must match.
NEED_WORDS_REQUIRED = "20%"
# A data item the demand names, found among a resource's items, counts like a name match.
ITEM_BOOST = 15


def build(
    request: search_pb2.MatchDemandRequest, smart: bool, synonyms: Synonyms | None = None
) -> dict[str, Any]:
    """The OpenSearch body (over the resources alias) of ``request``."""
    v = Validator()
    need = request.need.strip()
    items = [item.strip() for item in request.data_items]
    if len(need) > MAX_NEED:
        v.fail("need", f"is {len(need)} characters; at most {MAX_NEED}")
    if not need and not items:
        v.fail("need", "is required when no data_items are named")
    if len(items) > MAX_ITEMS:
        v.fail("data_items", f"names {len(items)} items; at most {MAX_ITEMS}")
    for i, item in enumerate(items[:MAX_ITEMS]):
        if not item or len(item) > MAX_ITEM:
            v.fail(f"data_items[{i}]", f"must be 1 to {MAX_ITEM} characters")
    if request.demander and not query.is_organization(request.demander):
        v.fail("demander", f"{request.demander!r} is not an organisation name")
    if request.max_candidates < 0:
        v.fail("max_candidates", "must not be negative")
    v.raise_if_any()

    should: list[dict[str, Any]] = []
    if need:
        should.extend(query.wording(need, smart, 1.0, required=NEED_WORDS_REQUIRED))
        for variant in (synonyms or synonym_list.default()).variants(need):
            should.extend(query.wording(variant, smart, query.SYNONYM_WEIGHT, phrase=True))
    for item in dict.fromkeys(items):
        should.append(
            {
                "match_phrase": {
                    "data_items": {"query": item, "boost": ITEM_BOOST, "_name": "data_items"}
                }
            }
        )
    filters = [*query.VISIBLE, {"term": {"result_kind": documents.RESOURCE}}]
    bool_query: dict[str, Any] = {"filter": filters, "should": should, "minimum_should_match": 1}
    if request.demander:
        bool_query["must_not"] = [{"term": {"provider": request.demander}}]
    return {
        "size": min(request.max_candidates or DEFAULT_CANDIDATES, MAX_CANDIDATES),
        "query": query.ranked({"bool": bool_query}),
        "sort": ["_score", {"name": "asc"}],
        "highlight": {
            "pre_tags": ["<em>"],
            "post_tags": ["</em>"],
            "fields": {f: {"number_of_fragments": 3} for f in query.HIGHLIGHTED},
        },
    }


def parse(
    request: search_pb2.MatchDemandRequest, answer: dict[str, Any], names: dict[str, str]
) -> search_pb2.MatchDemandResponse:
    wanted = list(dict.fromkeys(item.strip() for item in request.data_items))
    response = search_pb2.MatchDemandResponse()
    for hit in answer["hits"]["hits"]:
        offered = set(hit["_source"].get("data_items", []))
        response.candidates.add(
            resource=query.result(hit, names),
            offered_data_items=[item for item in wanted if item in offered],
            missing_data_items=[item for item in wanted if item not in offered],
        )
    return response
