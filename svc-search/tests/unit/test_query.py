"""Search request validation and query shape, without a search engine."""

from __future__ import annotations

import pytest

from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from govdata.runtime import classification
from govdata.runtime.errors import InvalidArgument
from govdata.search import query

TREE = classification.default_tree()


def fields_of(error: InvalidArgument) -> set[str]:
    return {v.field for v in error.violations}


def test_filters_become_exact_terms_and_drafts_are_excluded(scored) -> None:
    body, offset, size = query.build(
        s.SearchRequest(
            query="不动产",
            share_types=[cm.SHARE_TYPE_CONDITIONAL],
            providers=["organizations/ziranziyuan"],
            formats=[cm.RESOURCE_FORMAT_DATABASE],
            page_size=5,
        ),
        smart=False,
    )
    inner = scored(body)
    assert inner["bool"]["filter"] == query.VISIBLE
    chosen = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"share_type": ["SHARE_TYPE_CONDITIONAL"]}} in chosen
    assert {"terms": {"provider": ["organizations/ziranziyuan"]}} in chosen
    assert {"terms": {"format": ["RESOURCE_FORMAT_DATABASE"]}} in chosen
    assert (offset, size) == (0, 5)


def test_each_facet_is_counted_under_every_filter_but_its_own(scored) -> None:
    body, _, _ = query.build(
        s.SearchRequest(
            query="不动产",
            share_types=[cm.SHARE_TYPE_CONDITIONAL],
            kinds=[s.RESULT_KIND_RESOURCE],
            classification_code_prefix="101",
        ),
        smart=False,
    )
    # the kinds narrow the search itself (most documents are data items) ...
    kinds = {"terms": {"result_kind": ["RESULT_KIND_RESOURCE"]}}
    assert kinds in scored(body)["bool"]["filter"]
    share = body["aggs"]["share_type"]["filter"]["bool"]["filter"]
    assert {"prefix": {"classification_code": "101"}} in share
    assert all("share_type" not in clause.get("terms", {}) for clause in share)
    # ... so their own facet is counted over every kind, under the other filters
    kind = body["aggs"]["kind"]["aggs"]["scoped"]["filter"]["bool"]
    assert "global" in body["aggs"]["kind"] and kind["should"]
    assert {"terms": {"share_type": ["SHARE_TYPE_CONDITIONAL"]}} in kind["filter"]
    assert kinds not in kind["filter"]
    assert set(body["aggs"]) == set(query.FACETS)


def test_data_items_and_systems_weigh_less_than_resources() -> None:
    body, _, _ = query.build(s.SearchRequest(query="车辆"), smart=False)
    weights = {
        f["filter"]["term"]["result_kind"]: f["weight"]
        for f in body["query"]["function_score"]["functions"]
    }
    assert weights["RESULT_KIND_DATA_ITEM"] < weights["RESULT_KIND_SYSTEM"] < 1.0
    assert "RESULT_KIND_RESOURCE" not in weights  # weight 1


def test_name_phrase_outranks_abstract_and_data_items(scored) -> None:
    body, _, _ = query.build(s.SearchRequest(query="车辆"), smart=True)
    boosts: dict[tuple[str, str], float] = {}
    for clause in scored(body)["bool"]["should"]:
        for how, spec in clause.items():
            for field, args in spec.items():
                if isinstance(args, dict) and "boost" in args:
                    boosts.setdefault((how, field), args["boost"])  # as typed, not synonyms
    phrase = boosts[("match_phrase", "display_name")]
    name = boosts[("match", "display_name")]
    abstract = boosts[("match", "abstract")]
    items = boosts[("match", "data_items")]
    assert phrase > name > abstract > items
    # whole phrases in an abstract or item rank above their scattered words
    assert boosts[("match_phrase", "abstract")] > abstract
    assert boosts[("match_phrase", "data_items")] > items
    assert boosts[("match", "display_name.smart")] == name  # the same words, segmented


def test_bad_requests_name_each_field() -> None:
    with pytest.raises(InvalidArgument) as caught:
        query.build(
            s.SearchRequest(
                query="字" * 300,
                share_types=[0, 9],
                page_size=-1,
                providers=["minzheng"],
                order_by=7,
                kinds=[0, 12],
                source_systems=["organizations/x"],
            ),
            smart=False,
        )
    assert fields_of(caught.value) == {
        "query",
        "share_types[0]",
        "share_types[1]",
        "page_size",
        "providers[0]",
        "order_by",
        "kinds[0]",
        "kinds[1]",
        "source_systems[0]",
    }


def test_page_tokens_are_bound_to_their_search() -> None:
    request = s.SearchRequest(query="低保", page_size=2)
    answer = {
        "hits": {
            "total": {"value": 5},
            "hits": [
                {
                    "_source": {
                        "name": f"organizations/o/resources/r{i}",
                        "share_type": "SHARE_TYPE_UNCONDITIONAL",
                        "format": "RESOURCE_FORMAT_DATABASE",
                        "update_cycle": "UPDATE_CYCLE_DAILY",
                    },
                    "_score": 1.0,
                }
                for i in range(2)
            ],
        }
    }
    response = query.parse(request, answer, 0, 2, {}, TREE)
    assert response.next_page_token
    following = s.SearchRequest(query="低保", page_size=2, page_token=response.next_page_token)
    assert query.build(following, smart=False)[1] == 2
    other = s.SearchRequest(query="车辆", page_size=2, page_token=response.next_page_token)
    with pytest.raises(InvalidArgument) as caught:
        query.build(other, smart=False)
    assert fields_of(caught.value) == {"page_token"}
    with pytest.raises(InvalidArgument):
        query.build(s.SearchRequest(page_token="garbage!"), smart=False)  # noqa: S106


def test_highlights_merge_subfields_under_the_field() -> None:
    answer = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_score": 3.0,
                    "_source": {
                        "name": "organizations/o/resources/r",
                        "display_name": "不动产登记信息",
                        "share_type": "SHARE_TYPE_UNCONDITIONAL",
                        "format": "RESOURCE_FORMAT_DATABASE",
                        "update_cycle": "UPDATE_CYCLE_DAILY",
                        "provider": "organizations/o",
                    },
                    "highlight": {
                        "display_name": ["<em>不动</em><em>动产</em>登记信息"],
                        "display_name.smart": ["<em>不动产</em>登记信息"],
                    },
                }
            ],
        }
    }
    response = query.parse(
        s.SearchRequest(query="不动产"), answer, 0, 20, {"organizations/o": "自然资源局"}, TREE
    )
    [result] = response.results
    assert result.matched_fields == ["display_name"]
    assert len(result.highlights) == 1 and len(result.highlights[0].snippets) == 2
    assert result.provider_display_name == "自然资源局"
    assert not response.next_page_token


def test_hits_of_every_kind_become_results_with_facets_rolled_up_the_tree() -> None:
    def hit(**source: object) -> dict:
        return {"_score": 1.0, "_source": source, "matched_queries": ["display_name", "code"]}

    answer = {
        "hits": {
            "total": {"value": 3},
            "hits": [
                hit(
                    result_kind="RESULT_KIND_DATA_ITEM",
                    name="organizations/o/resources/r",
                    data_item="车牌号码",
                    display_name="车牌号码",
                    share_type="SHARE_TYPE_CONDITIONAL",
                ),
                hit(result_kind="RESULT_KIND_SYSTEM", name="organizations/o/systems/s"),
                hit(result_kind="RESULT_KIND_ORGANIZATION", name="organizations/o"),
            ],
        },
        "aggregations": {
            "classification": {"values": {"buckets": [{"key": "101001", "doc_count": 2}]}},
            "kind": {"values": {"buckets": [{"key": "RESULT_KIND_SYSTEM", "doc_count": 1}]}},
        },
    }
    response = query.parse(s.SearchRequest(query="车辆"), answer, 0, 20, {}, TREE)
    item, system, org = response.results
    assert (item.kind, item.data_item, item.share_type) == (
        s.RESULT_KIND_DATA_ITEM,
        "车牌号码",
        cm.SHARE_TYPE_CONDITIONAL,
    )
    assert system.kind == s.RESULT_KIND_SYSTEM and org.kind == s.RESULT_KIND_ORGANIZATION
    assert item.matched_fields == ["code", "display_name"]
    facets = {f.field: f for f in response.facets}
    codes = {v.value: v.count for v in facets["classification"].values}
    assert codes["1"] == codes["101"] == codes["101001"] == 2
    assert facets["kind"].values[0].display_name == "信息系统"
