"""Turning a SearchRequest into an OpenSearch query, and its answer into a SearchResponse.

Ranking, in the users' order of importance: the words as a phrase in the resource name,
then the words anywhere in the name, then in the abstract, then in data item names; the same
for each synonym wording of the query (government synonym list), a little lower. Only
published, not deleted resources are found: drafts are the provider's business alone.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from gov.common.v1 import common_pb2
from gov.search.v1 import search_pb2
from govdata.runtime.errors import FieldViolation, InvalidArgument, Validator
from govdata.search import index
from govdata.search import synonyms as synonym_list
from govdata.search.synonyms import Synonyms

MAX_QUERY = 200
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_WINDOW = 10_000  # OpenSearch's default max_result_window
FACETS = ("provider", "share_type", "format", "update_cycle")
HIGHLIGHTED = ("display_name", "abstract", "data_items")
# A synonym's match counts this much of the same match of the words typed.
SYNONYM_WEIGHT = 0.8


def _enum_names(v: Validator, values: Any, enum: Any, field: str) -> list[str]:
    names = []
    for i, value in enumerate(values):
        if value == 0 or value not in enum.values():
            v.fail(f"{field}[{i}]", f"unknown {enum.DESCRIPTOR.name} value {value}")
        else:
            names.append(enum.Name(value))
    return names


def published_filters(
    v: Validator, providers: Sequence[str], share_types: Sequence[int]
) -> list[dict[str, Any]]:
    """The filters every search and browse starts from: published, not deleted, of these
    providers and share types (checked into ``v``, naming the field of a bad one)."""
    for i, provider in enumerate(providers):
        if not provider.startswith("organizations/") or len(provider) > 256:
            v.fail(f"providers[{i}]", f"{provider!r} is not an organisation name")
    shares = _enum_names(v, share_types, common_pb2.ShareType, "share_types")
    filters: list[dict[str, Any]] = [
        {"term": {"state": "RESOURCE_STATE_PUBLISHED"}},
        {"term": {"deleted": False}},
    ]
    if providers:
        filters.append({"terms": {"provider": list(providers)}})
    if shares:
        filters.append({"terms": {"share_type": shares}})
    return filters


def _request_key(request: search_pb2.SearchRequest) -> str:
    """Identifies the query a page token belongs to (everything but the token)."""
    copy = search_pb2.SearchRequest()
    copy.CopyFrom(request)
    copy.ClearField("page_token")
    return hashlib.sha256(copy.SerializeToString(deterministic=True)).hexdigest()[:16]


def _offset(request: search_pb2.SearchRequest) -> int:
    if not request.page_token:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(request.page_token.encode()))
        offset, key = int(data["o"]), data["k"]
    except (ValueError, KeyError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if key != _request_key(request) or offset < 0:
        raise InvalidArgument(FieldViolation("page_token", "belongs to a different search"))
    return offset


def _wording(text: str, smart: bool, weight: float, phrase: bool = False) -> list[dict[str, Any]]:
    """The clauses matching one wording of the query: as a phrase in the name, then its words
    in the name, the abstract and the data items. A synonym wording (lower ``weight``) counts
    only as a whole phrase: its bigrams alone (房屋 of 房屋产权) would find unrelated text."""
    kind = {"type": "phrase"} if phrase else {}

    def fields(name: str, boost: float) -> list[str]:
        out = [f"{name}^{boost}"]
        if smart:
            out.append(f"{name}.smart^{boost}")
        return out

    return [
        {"match_phrase": {"display_name": {"query": text, "boost": 10 * weight}}},
        {
            "multi_match": {
                "query": text,
                "fields": fields("display_name", 4),
                "boost": 2 * weight,
                **kind,
            }
        },
        {"multi_match": {"query": text, "fields": fields("abstract", 2), "boost": weight, **kind}},
        {
            "multi_match": {
                "query": text,
                "fields": fields("data_items", 1),
                "boost": weight,
                **kind,
            }
        },
    ]


def build(
    request: search_pb2.SearchRequest, smart: bool, synonyms: Synonyms | None = None
) -> tuple[dict[str, Any], int, int]:
    """(OpenSearch body, offset, page size) for ``request``; INVALID_ARGUMENT on bad input.
    The query's synonym variants (``synonyms.py``; the packaged list by default) are
    searched too, weighted below the words typed."""
    v = Validator()
    text = request.query.strip()
    if len(text) > MAX_QUERY:
        v.fail("query", f"is {len(text)} characters; at most {MAX_QUERY}")
    if request.page_size < 0:
        v.fail("page_size", "must not be negative")
    if request.order_by not in search_pb2.SearchOrder.values():
        v.fail("order_by", f"unknown SearchOrder value {request.order_by}")
    for i, kind in enumerate(request.kinds):
        if kind not in (search_pb2.RESULT_KIND_RESOURCE,):
            v.fail(
                f"kinds[{i}]",
                "only RESULT_KIND_RESOURCE is searchable in this version"
                if kind in search_pb2.ResultKind.values()
                else f"unknown ResultKind {kind}",
            )
    filters = published_filters(v, request.providers, request.share_types)
    formats = _enum_names(v, request.formats, common_pb2.ResourceFormat, "formats")
    cycles = _enum_names(v, request.update_cycles, common_pb2.UpdateCycle, "update_cycles")
    if request.classification_code_prefix and not request.classification_code_prefix.isdigit():
        v.fail("classification_code_prefix", "must be digits")
    v.raise_if_any()

    size = min(request.page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    offset = _offset(request)
    if offset + size > MAX_WINDOW:
        raise InvalidArgument(
            FieldViolation(
                "page_token",
                f"results past the first {MAX_WINDOW} cannot be paged; narrow the search",
            )
        )

    for field, values in (
        ("format", formats),
        ("update_cycle", cycles),
        ("source_systems", list(request.source_systems)),
    ):
        if values:
            filters.append({"terms": {field: values}})
    if request.classification_code_prefix:
        filters.append({"prefix": {"classification_code": request.classification_code_prefix}})

    if text:
        should = [
            *_wording(text, smart, 1.0),
            {"term": {"resource_code": {"value": text, "boost": 10}}},
            {"match": {"resource_code.prefix": {"query": text.upper(), "boost": 5}}},
        ]
        for variant in (synonyms or synonym_list.default()).variants(text):
            should.extend(_wording(variant, smart, SYNONYM_WEIGHT, phrase=True))
        query: dict[str, Any] = {
            "bool": {"filter": filters, "should": should, "minimum_should_match": 1}
        }
    else:
        query = {"bool": {"filter": filters}}

    by_time = request.order_by == search_pb2.SEARCH_ORDER_UPDATE_TIME or not text
    sort: list[Any] = (
        [{"update_time": {"order": "desc", "missing": "_last"}}, "_score"]
        if by_time
        else ["_score", {"update_time": {"order": "desc"}}]
    )
    body = {
        "query": query,
        "from": offset,
        "size": size,
        "sort": sort,
        "track_total_hits": True,
        "track_scores": True,
        "highlight": {
            "pre_tags": ["<em>"],
            "post_tags": ["</em>"],
            "fields": {f: {"number_of_fragments": 3, "fragment_size": 120} for f in HIGHLIGHTED},
        },
        "aggs": {f: {"terms": {"field": f, "size": 50}} for f in FACETS},
    }
    return body, offset, size


def parse(
    request: search_pb2.SearchRequest,
    answer: dict[str, Any],
    offset: int,
    size: int,
    provider_names: dict[str, str],
) -> search_pb2.SearchResponse:
    hits = answer["hits"]["hits"]
    total = answer["hits"]["total"]["value"]
    response = search_pb2.SearchResponse(total_size=total)
    for hit in hits:
        src = hit["_source"]
        result = response.results.add(
            kind=search_pb2.RESULT_KIND_RESOURCE,
            name=src["name"],
            title=src.get("display_name", ""),
            resource_code=src.get("resource_code", ""),
            provider=src.get("provider", ""),
            provider_display_name=provider_names.get(src.get("provider", ""), ""),
            share_type=common_pb2.ShareType.Value(src["share_type"]),
            format=common_pb2.ResourceFormat.Value(src["format"]),
            update_cycle=common_pb2.UpdateCycle.Value(src["update_cycle"]),
            classification_code=src.get("classification_code", ""),
            score=float(hit.get("_score") or 0.0),
        )
        if src.get("update_time"):
            result.update_time.FromJsonString(src["update_time"])
        for field, snippets in sorted(hit.get("highlight", {}).items()):
            base = field.split(".", 1)[0]
            if base not in result.matched_fields:
                result.matched_fields.append(base)
            existing = next((h for h in result.highlights if h.field == base), None)
            if existing is None:
                result.highlights.add(field=base, snippets=snippets)
            else:
                existing.snippets.extend(s for s in snippets if s not in existing.snippets)
    for facet in FACETS:
        buckets = answer.get("aggregations", {}).get(facet, {}).get("buckets", [])
        out = response.facets.add(field=facet)
        for bucket in buckets:
            label = provider_names.get(bucket["key"], "") if facet == "provider" else ""
            out.values.add(value=bucket["key"], display_name=label, count=bucket["doc_count"])
    if offset + size < min(total, MAX_WINDOW) and hits:
        token = json.dumps({"o": offset + size, "k": _request_key(request)}).encode()
        response.next_page_token = base64.urlsafe_b64encode(token).decode()
    return response


def providers_in(answer: dict[str, Any]) -> set[str]:
    names = {hit["_source"].get("provider", "") for hit in answer["hits"]["hits"]}
    for bucket in answer.get("aggregations", {}).get("provider", {}).get("buckets", []):
        names.add(bucket["key"])
    names.discard("")
    return names


def display_names(client: Any, indices: index.Indices, providers: set[str]) -> dict[str, str]:
    """Provider display names from the organisation index (kept by the same events)."""
    if not providers:
        return {}
    found = client.mget(
        index=indices.organizations,
        body={"ids": sorted(providers)},
        _source=["display_name", "deleted"],
    )
    return {
        d["_id"]: d["_source"]["display_name"]
        for d in found["docs"]
        if d.get("found") and not d["_source"].get("deleted") and "display_name" in d["_source"]
    }
