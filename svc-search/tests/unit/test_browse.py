"""Classification browsing: request checks and counts added up the tree, without an engine."""

from __future__ import annotations

import pytest

from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from govdata.runtime.classification import parse
from govdata.runtime.errors import InvalidArgument, NotFound
from govdata.search import browse

TREE = parse(
    {
        "version": "t",
        "categories": [
            {
                "code": "1",
                "name": "基础信息资源",
                "children": [
                    {
                        "code": "101",
                        "name": "人口",
                        "children": [
                            {"code": "101001", "name": "户籍"},
                            {"code": "101002", "name": "居住登记"},
                        ],
                    },
                    {"code": "103", "name": "自然资源和空间地理"},
                ],
            },
            {
                "code": "2",
                "name": "主题信息资源",
                "children": [{"code": "201", "name": "社会保障"}],
            },
        ],
    }
)


def answer(**counts: int) -> dict:
    return {
        "aggregations": {
            "codes": {
                "buckets": [{"key": k.lstrip("c"), "doc_count": n} for k, n in counts.items()]
            }
        }
    }


def test_the_roots_with_counts_added_up_their_subtrees() -> None:
    body, expanded, depth = browse.build(s.BrowseClassificationRequest(depth=2), TREE)
    assert (expanded, depth) == ("", 2)
    assert {"term": {"state": "RESOURCE_STATE_PUBLISHED"}} in body["query"]["bool"]["filter"]
    response = browse.parse(answer(c101001=3, c101002=2, c103=1, c201=4), TREE, expanded, depth)
    roots = {n.classification_code: n for n in response.nodes}
    assert roots["1"].resource_count == 6 and roots["2"].resource_count == 4
    assert roots["1"].level == 1 and roots["1"].category == cm.CLASSIFICATION_CATEGORY_BASE
    people = next(n for n in roots["1"].children if n.classification_code == "101")
    assert (people.display_name, people.resource_count, people.level) == ("人口", 5, 2)
    assert not people.children  # depth 2: the roots and one level below


def test_a_node_expanded_shows_its_children_with_zero_counts_too() -> None:
    request = s.BrowseClassificationRequest(
        category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="101"
    )
    body, expanded, depth = browse.build(request, TREE)
    assert {"prefix": {"classification_code": "101"}} in body["query"]["bool"]["filter"]
    response = browse.parse(answer(c101001=3), TREE, expanded, depth)
    assert [(n.classification_code, n.resource_count) for n in response.nodes] == [
        ("101001", 3),
        ("101002", 0),
    ]


def test_a_code_of_a_newer_tree_counts_towards_its_known_ancestors() -> None:
    response = browse.parse(answer(c101009=2), TREE, "", 2)
    assert response.nodes[0].resource_count == 2
    assert response.nodes[0].children[0].resource_count == 2  # 101


@pytest.mark.parametrize(
    ("request_fields", "field"),
    [
        ({"depth": -1}, "depth"),
        ({"depth": 9}, "depth"),
        ({"classification_code": "1a"}, "classification_code"),
        ({"category": 99}, "category"),
        ({"providers": ["minzheng"]}, "providers[0]"),
        ({"share_types": [77]}, "share_types[0]"),
    ],
)
def test_bad_requests_name_the_field(request_fields: dict, field: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        browse.build(s.BrowseClassificationRequest(**request_fields), TREE)
    assert field in {v.field for v in refused.value.violations}


def test_an_unknown_code_is_not_found_and_a_code_of_another_category_refused() -> None:
    with pytest.raises(NotFound):
        browse.build(s.BrowseClassificationRequest(classification_code="109"), TREE)
    with pytest.raises(InvalidArgument) as refused:
        browse.build(
            s.BrowseClassificationRequest(
                category=cm.CLASSIFICATION_CATEGORY_THEME, classification_code="101"
            ),
            TREE,
        )
    assert refused.value.violations[0].field == "classification_code"
