"""Turning a SearchRequest into an OpenSearch query, and its answer into a SearchResponse.

One query runs over the four kinds' indices (resources, data items, systems, organisations;
one mapping, ``index.mappings``). Ranking, in the users' order of importance: the words as a
phrase in the name, then the words anywhere in the name, then in the abstract (a system's
function, a data item's description), then in a resource's data item names; the same for
each synonym wording of the query (government synonym list), a little lower; a code typed
whole or as a prefix. A data item or system hit weighs less than a resource or organisation
hit of the same text (there are many items per resource), and recently updated records are
slightly favoured. Only published, not deleted resources and their items are found: drafts
are the provider's business alone.

Filters that have a facet go in ``post_filter`` and each facet is counted under every filter
but its own, so a user sees how far each facet would widen the results.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2
from gov.search.v1 import search_pb2
from govdata.runtime.classification import ClassificationTree
from govdata.runtime.errors import FieldViolation, InvalidArgument, Validator
from govdata.search import documents
from govdata.search import synonyms as synonym_list
from govdata.search.synonyms import Synonyms

MAX_QUERY = 200
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_WINDOW = 10_000  # OpenSearch's default max_result_window
# Facet name → indexed field, in the order facets are answered.
FACETS = {
    "kind": "result_kind",
    "provider": "provider",
    "share_type": "share_type",
    "open_type": "open_type",
    "format": "format",
    "update_cycle": "update_cycle",
    "source_system": "source_systems",
    "classification": "classification_code",
}
FACET_SIZE = 50
MAX_CODES = 10_000  # distinct classification codes counted (the trees have a few hundred)
HIGHLIGHTED = ("display_name", "abstract", "data_items")
# A hit of these kinds counts this much of the same match on a resource or organisation.
KIND_WEIGHT = {documents.DATA_ITEM: 0.6, documents.SYSTEM: 0.9}
# Recently updated records gain up to this fraction of their score (half of it at a year).
RECENCY_GAIN = 0.1
KIND_LABELS = {
    documents.RESOURCE: "信息资源",
    documents.DATA_ITEM: "信息项",
    documents.SYSTEM: "信息系统",
    documents.ORGANIZATION: "组织机构",
}
# Of a query's words (CJK bigrams), how many a field must have: all of up to two, three in
# four of more. One shared bigram (号码 of 公民身份号码 and 号牌号码) is not a match.
WORDS_REQUIRED = "2<75%"
# A query naming a department (its organisation's name) finds what it provides, with this
# score, for at most this many organisations.
DEPARTMENT_BOOST = 15
MAX_DEPARTMENTS = 3
# A synonym's match counts this much of the same match of the words typed.
SYNONYM_WEIGHT = 0.8


PUBLISHED = {"term": {"state": "RESOURCE_STATE_PUBLISHED"}}
NOT_DELETED = {"term": {"deleted": False}}
# Resources and data items are found once published; systems and organisations have no state.
VISIBLE = [
    NOT_DELETED,
    {
        "bool": {
            "should": [PUBLISHED, {"bool": {"must_not": {"exists": {"field": "state"}}}}],
            "minimum_should_match": 1,
        }
    },
]


def enum_names(v: Validator, values: Any, enum: Any, field: str) -> list[str]:
    names = []
    for i, value in enumerate(values):
        if value == 0 or value not in enum.values():
            v.fail(f"{field}[{i}]", f"unknown {enum.DESCRIPTOR.name} value {value}")
        else:
            names.append(enum.Name(value))
    return names


def is_organization(name: str) -> bool:
    """Whether ``name`` has the form of an organisation's resource name."""
    return name.startswith("organizations/") and "/" not in name[14:] and len(name) <= 256


def published_filters(
    v: Validator, providers: Sequence[str], share_types: Sequence[int]
) -> list[dict[str, Any]]:
    """The filters every search and browse starts from: published, not deleted, of these
    providers and share types (checked into ``v``, naming the field of a bad one)."""
    for i, provider in enumerate(providers):
        if not is_organization(provider):
            v.fail(f"providers[{i}]", f"{provider!r} is not an organisation name")
    shares = enum_names(v, share_types, common_pb2.ShareType, "share_types")
    filters: list[dict[str, Any]] = [PUBLISHED, NOT_DELETED]
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


def wording(
    text: str,
    smart: bool,
    weight: float,
    phrase: bool = False,
    items: bool = True,
    required: str = WORDS_REQUIRED,
) -> list[dict[str, Any]]:
    """The clauses matching one wording of the query: as a phrase in the name, then its words
    in the name, the abstract and (``items``) a resource's data items. A synonym wording
    (lower ``weight``) counts only as a whole phrase: its bigrams alone (房屋 of 房屋产权)
    would find unrelated text. A field must hold ``required`` of the words (a
    ``minimum_should_match``). Each clause is named for its field (``matched_fields``)."""

    def words(field: str, boost: float, clause_boost: float) -> list[dict[str, Any]]:
        if phrase:
            fields = [f"{field}^{boost}", *([f"{field}.smart^{boost}"] if smart else [])]
            return [
                {
                    "multi_match": {
                        "query": text,
                        "fields": fields,
                        "type": "phrase",
                        "boost": clause_boost,
                        "_name": field,
                    }
                }
            ]
        bigrams = {"query": text, "minimum_should_match": required, "_name": field}
        out = [{"match": {field: {**bigrams, "boost": boost * clause_boost}}}]
        if smart:  # the same words as the dictionary segments them: whole words score more
            out.append({"match": {f"{field}.smart": {**bigrams, "boost": boost * clause_boost}}})
        return out

    clauses = [
        {
            "match_phrase": {
                "display_name": {"query": text, "boost": 10 * weight, "_name": "display_name"}
            }
        },
        *words("display_name", 4, 2 * weight),
        *words("abstract", 2, weight),
    ]
    if items:
        clauses.extend(words("data_items", 1, weight))
    if not phrase:  # the words as typed, whole, in an abstract or an item: above scattered
        for field, boost in (("abstract", 4), ("data_items", 3)):
            if field == "data_items" and not items:
                continue
            clauses.append(
                {"match_phrase": {field: {"query": text, "boost": boost * weight, "_name": field}}}
            )
    return clauses


def departments_query(text: str, variants: Sequence[str]) -> dict[str, Any]:
    """The organisations a query names (车管所, 市场监管局 through its synonyms): most of its
    words (``WORDS_REQUIRED``, as for any field), or a synonym wording as a phrase, in the
    organisation's name."""
    should: list[dict[str, Any]] = [
        {"match": {"display_name": {"query": text, "minimum_should_match": WORDS_REQUIRED}}},
        *({"match_phrase": {"display_name": variant}} for variant in variants),
    ]
    return {
        "size": MAX_DEPARTMENTS,
        "_source": False,
        "query": {"bool": {"filter": [NOT_DELETED], "should": should, "minimum_should_match": 1}},
    }


def department_clause(organizations: Sequence[str]) -> dict[str, Any]:
    """The resources and systems the named organisations provide, and they themselves, as a
    match (not every data item of theirs: those are found by their own names)."""
    provided = [
        {"terms": {"provider": list(organizations)}},
        {"terms": {"result_kind": [documents.RESOURCE, documents.SYSTEM, documents.ORGANIZATION]}},
    ]
    return {
        "constant_score": {
            "filter": {"bool": {"filter": provided}},
            "boost": DEPARTMENT_BOOST,
            "_name": "provider",
        }
    }


def code_clauses(text: str) -> list[dict[str, Any]]:
    """A resource or credit code typed whole, or its beginning."""
    return [
        {"term": {"code": {"value": text, "boost": 10, "_name": "code"}}},
        {"match": {"code.prefix": {"query": text.upper(), "boost": 5, "_name": "code"}}},
    ]


def ranked(query: dict[str, Any]) -> dict[str, Any]:
    """``query`` with the kind weights and the slight favour to recent updates applied."""
    recency = {
        "function_score": {
            "query": query,
            "functions": [
                {"weight": 1.0},
                {
                    "gauss": {"update_time": {"origin": "now", "scale": "365d", "offset": "30d"}},
                    "weight": RECENCY_GAIN,
                },
            ],
            "score_mode": "sum",
            "boost_mode": "multiply",
        }
    }
    return {
        "function_score": {
            "query": recency,
            "functions": [
                {"filter": {"term": {"result_kind": kind}}, "weight": weight}
                for kind, weight in KIND_WEIGHT.items()
            ],
            "score_mode": "first",
            "boost_mode": "multiply",
        }
    }


def build(
    request: search_pb2.SearchRequest,
    smart: bool,
    synonyms: Synonyms | None = None,
    departments: Callable[[str, Sequence[str]], Sequence[str]] | None = None,
) -> tuple[dict[str, Any], int, int]:
    """(OpenSearch body over every kind's alias, offset, page size) for ``request``;
    INVALID_ARGUMENT on bad input. The query's synonym variants (``synonyms.py``; the
    packaged list by default) are searched too, weighted below the words typed; the
    organisations ``departments(text, variants)`` finds the query naming
    (``departments_query``) add what they provide. It is asked only of valid input."""
    v = Validator()
    text = request.query.strip()
    if len(text) > MAX_QUERY:
        v.fail("query", f"is {len(text)} characters; at most {MAX_QUERY}")
    if request.page_size < 0:
        v.fail("page_size", "must not be negative")
    if request.order_by not in search_pb2.SearchOrder.values():
        v.fail("order_by", f"unknown SearchOrder value {request.order_by}")
    kinds = enum_names(v, request.kinds, search_pb2.ResultKind, "kinds")
    published_filters(v, request.providers, [])
    for i, system in enumerate(request.source_systems):
        if "/systems/" not in system or not system.startswith("organizations/"):
            v.fail(f"source_systems[{i}]", f"{system!r} is not an information system name")
    chosen = {
        "kind": kinds,
        "provider": list(request.providers),
        "share_type": enum_names(v, request.share_types, common_pb2.ShareType, "share_types"),
        "open_type": enum_names(v, request.open_types, catalog_pb2.OpenType, "open_types"),
        "format": enum_names(v, request.formats, common_pb2.ResourceFormat, "formats"),
        "update_cycle": enum_names(
            v, request.update_cycles, common_pb2.UpdateCycle, "update_cycles"
        ),
        "source_system": list(request.source_systems),
    }
    prefix = request.classification_code_prefix
    if prefix and not prefix.isdigit():
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
    facet_filters = {
        facet: {"terms": {FACETS[facet]: values}} for facet, values in chosen.items() if values
    }
    if prefix:
        facet_filters["classification"] = {"prefix": {"classification_code": prefix}}

    # The kinds chosen narrow the search itself: most documents are data items, and a
    # search for resources alone need not aggregate over them. Their own facet is then
    # counted over every kind (a global aggregation repeating the query without them).
    kind_filter = facet_filters.pop("kind", None)
    matching: dict[str, Any] = {"filter": list(VISIBLE)}
    if text:
        should = [*wording(text, smart, 1.0), *code_clauses(text)]
        variants = (synonyms or synonym_list.default()).variants(text)
        for variant in variants:
            should.extend(wording(variant, smart, SYNONYM_WEIGHT, phrase=True))
        named = departments(text, variants) if departments else []
        if named:
            should.append(department_clause(named))
        matching.update(should=should, minimum_should_match=1)
    narrowed = {
        **matching,
        "filter": [*matching["filter"], *([kind_filter] if kind_filter else [])],
    }
    query = ranked({"bool": narrowed}) if text else {"bool": narrowed}

    by_time = request.order_by == search_pb2.SEARCH_ORDER_UPDATE_TIME or not text
    ties: list[Any] = [{"name": "asc"}, {"data_item": {"order": "asc", "missing": "_first"}}]
    sort: list[Any] = (
        [{"update_time": {"order": "desc", "missing": "_last"}}, "_score", *ties]
        if by_time
        else ["_score", *ties]
    )

    def counted(facet: str, field: str) -> dict[str, Any]:
        size = MAX_CODES if facet == "classification" else FACET_SIZE
        others = [c for f, c in facet_filters.items() if f != facet]
        values = {"values": {"terms": {"field": field, "size": size}}}
        if facet == "kind" and kind_filter:
            scope = {"bool": {**matching, "filter": [*matching["filter"], *others]}}
            return {"global": {}, "aggs": {"scoped": {"filter": scope, "aggs": values}}}
        return {"filter": {"bool": {"filter": others}}, "aggs": values}

    body: dict[str, Any] = {
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
        "aggs": {facet: counted(facet, field) for facet, field in FACETS.items()},
    }
    if facet_filters:
        body["post_filter"] = {"bool": {"filter": list(facet_filters.values())}}
    return body, offset, size


def result(hit: dict[str, Any], names: dict[str, str]) -> search_pb2.SearchResult:
    """One hit of any kind as a SearchResult; ``names`` are display names of organisations."""
    src = hit["_source"]
    kind = src.get("result_kind", documents.RESOURCE)
    out = search_pb2.SearchResult(
        kind=search_pb2.ResultKind.Value(kind),
        name=src["name"],
        data_item=src.get("data_item", ""),
        title=src.get("display_name", ""),
        resource_code=src.get("resource_code", ""),
        provider=src.get("provider", ""),
        provider_display_name=names.get(src.get("provider", ""), ""),
        share_type=common_pb2.ShareType.Value(src.get("share_type", "SHARE_TYPE_UNSPECIFIED")),
        format=common_pb2.ResourceFormat.Value(src.get("format", "RESOURCE_FORMAT_UNSPECIFIED")),
        update_cycle=common_pb2.UpdateCycle.Value(
            src.get("update_cycle", "UPDATE_CYCLE_UNSPECIFIED")
        ),
        classification_code=src.get("classification_code", ""),
        score=float(hit.get("_score") or 0.0),
    )
    if src.get("update_time"):
        out.update_time.FromJsonString(src["update_time"])
    for field, snippets in sorted(hit.get("highlight", {}).items()):
        base = field.split(".", 1)[0]
        existing = next((h for h in out.highlights if h.field == base), None)
        if existing is None:
            out.highlights.add(field=base, snippets=snippets)
        else:
            existing.snippets.extend(s for s in snippets if s not in existing.snippets)
    matched = {q.split(".", 1)[0] for q in hit.get("matched_queries", [])}
    matched |= {h.field for h in out.highlights}
    out.matched_fields.extend(sorted(matched))
    return out


def parse(
    request: search_pb2.SearchRequest,
    answer: dict[str, Any],
    offset: int,
    size: int,
    names: dict[str, str],
    tree: ClassificationTree,
) -> search_pb2.SearchResponse:
    """The SearchResponse of ``answer``; ``names`` are display names of the organisations
    and systems it names (``named_in``)."""
    hits = answer["hits"]["hits"]
    total = answer["hits"]["total"]["value"]
    response = search_pb2.SearchResponse(total_size=total)
    response.results.extend(result(hit, names) for hit in hits)
    aggregations = answer.get("aggregations", {})
    for facet in FACETS:
        counted = aggregations.get(facet, {})
        counted = counted.get("scoped", counted)  # the kind facet, when kinds were chosen
        buckets = counted.get("values", {}).get("buckets", [])
        out = response.facets.add(field=facet)
        if facet == "classification":
            for code, count in _rolled_up(buckets, tree):
                node = tree.node(code)
                out.values.add(value=code, display_name=node.name if node else "", count=count)
            continue
        for bucket in buckets:
            key = str(bucket["key"])
            label = KIND_LABELS.get(key, "") if facet == "kind" else names.get(key, "")
            out.values.add(value=key, display_name=label, count=bucket["doc_count"])
    if offset + size < min(total, MAX_WINDOW) and hits:
        token = json.dumps({"o": offset + size, "k": _request_key(request)}).encode()
        response.next_page_token = base64.urlsafe_b64encode(token).decode()
    return response


def _rolled_up(buckets: list[dict[str, Any]], tree: ClassificationTree) -> list[tuple[str, int]]:
    """Counts per classification code added up the tree (every level), most first."""
    counts = tree.totals((str(b["key"]), int(b["doc_count"])) for b in buckets)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def named_in(answer: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(organisations, systems) whose display names ``answer`` needs."""
    orgs = {hit["_source"].get("provider", "") for hit in answer["hits"]["hits"]}
    aggregations = answer.get("aggregations", {})
    for bucket in aggregations.get("provider", {}).get("values", {}).get("buckets", []):
        orgs.add(str(bucket["key"]))
    systems = {
        str(bucket["key"])
        for bucket in aggregations.get("source_system", {}).get("values", {}).get("buckets", [])
    }
    orgs.discard("")
    return orgs, systems


def display_names(client: Any, alias: str, names: set[str]) -> dict[str, str]:
    """Display names of records in ``alias`` (kept by the same events), by record name."""
    if not names:
        return {}
    found = client.mget(
        index=alias, body={"ids": sorted(names)}, _source=["display_name", "deleted"]
    )
    return {
        d["_id"]: d["_source"]["display_name"]
        for d in found["docs"]
        if d.get("found") and not d["_source"].get("deleted") and "display_name" in d["_source"]
    }
