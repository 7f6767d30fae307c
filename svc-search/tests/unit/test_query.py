"""Search request validation and query shape, without a search engine."""

from __future__ import annotations

import pytest

from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from govdata.runtime.errors import InvalidArgument
from govdata.search import query


def fields_of(error: InvalidArgument) -> set[str]:
    return {v.field for v in error.violations}


def test_filters_become_exact_terms_and_drafts_are_excluded() -> None:
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
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"state": "RESOURCE_STATE_PUBLISHED"}} in filters
    assert {"terms": {"share_type": ["SHARE_TYPE_CONDITIONAL"]}} in filters
    assert {"terms": {"provider": ["organizations/ziranziyuan"]}} in filters
    assert {"terms": {"format": ["RESOURCE_FORMAT_DATABASE"]}} in filters
    assert (offset, size) == (0, 5)


def test_name_phrase_outranks_abstract_and_data_items() -> None:
    body, _, _ = query.build(s.SearchRequest(query="车辆"), smart=True)
    should = body["query"]["bool"]["should"]
    phrase = should[0]["match_phrase"]["display_name"]["boost"]
    name = should[1]["multi_match"]["boost"] * 4
    abstract, items = 2, 1
    assert phrase > name > abstract > items
    assert "display_name.smart^4" in should[1]["multi_match"]["fields"]


def test_bad_requests_name_each_field() -> None:
    with pytest.raises(InvalidArgument) as caught:
        query.build(
            s.SearchRequest(
                query="字" * 300,
                share_types=[0, 9],
                page_size=-1,
                providers=["minzheng"],
                order_by=7,
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
    response = query.parse(request, answer, 0, 2, {})
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
        s.SearchRequest(query="不动产"), answer, 0, 20, {"organizations/o": "自然资源局"}
    )
    [result] = response.results
    assert result.matched_fields == ["display_name"]
    assert len(result.highlights) == 1 and len(result.highlights[0].snippets) == 2
    assert result.provider_display_name == "自然资源局"
    assert not response.next_page_token
