"""Catalogue-guided browsing (目录导引): the classification tree with, at every node, the
number of published resources in its subtree that match the filters.

One request to OpenSearch counts the resources per classification code (a ``terms``
aggregation over the exact codes, filtered as a search is); the counts are then added up the
tree here, from the shared classification file (``govdata.runtime.classification``), so a
node's count includes every 项, 目 and 细目 below it and nodes without resources still show,
with 0, for navigation.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from gov.common.v1 import common_pb2
from gov.search.v1 import search_pb2
from govdata.runtime.classification import ClassificationTree, Node
from govdata.runtime.errors import FieldViolation, InvalidArgument, NotFound, Validator
from govdata.search.query import published_filters

MAX_DEPTH = 4  # 类, 项, 目, 细目
# Distinct codes counted in one request; the packaged trees have a few hundred nodes.
MAX_CODES = 10_000


def build(
    request: search_pb2.BrowseClassificationRequest, tree: ClassificationTree
) -> tuple[dict[str, Any], str, int]:
    """(OpenSearch body, code of the node expanded ("" for the roots), depth)."""
    v = Validator()
    category = request.category
    if category and category not in common_pb2.ClassificationCategory.values():
        v.fail("category", f"unknown ClassificationCategory {category}")
    if request.depth < 0:
        v.fail("depth", "must not be negative")
    elif request.depth > MAX_DEPTH:
        v.fail("depth", f"at most {MAX_DEPTH} (类/项/目/细目)")
    code = request.classification_code
    if code and not code.isdigit():
        v.fail("classification_code", "must be digits")
    filters = published_filters(v, request.providers, request.share_types)
    v.raise_if_any()
    if code:
        if code not in tree:
            raise NotFound(
                f"classification code {code!r} is not in the classification trees "
                f"(version {tree.version})"
            )
        if category and (problem := tree.problem(category, code)):
            raise InvalidArgument(FieldViolation("classification_code", problem))
        expanded = code
    else:
        expanded = str(category) if category else ""
    if expanded:
        filters.append({"prefix": {"classification_code": expanded}})
    body = {
        "size": 0,
        "track_total_hits": False,
        "query": {"bool": {"filter": filters}},
        "aggs": {"codes": {"terms": {"field": "classification_code", "size": MAX_CODES}}},
    }
    return body, expanded, request.depth or 1


def parse(
    answer: dict[str, Any], tree: ClassificationTree, expanded: str, depth: int
) -> search_pb2.BrowseClassificationResponse:
    counts = tree.totals(
        (str(b["key"]), int(b["doc_count"]))
        for b in answer.get("aggregations", {}).get("codes", {}).get("buckets", [])
    )
    response = search_pb2.BrowseClassificationResponse()
    for child in tree.children(expanded):
        _add(response.nodes.add(), child, tree, counts, depth - 1)
    return response


def _add(
    out: search_pb2.ClassificationNode,
    node: Node,
    tree: ClassificationTree,
    counts: Counter[str],
    levels_below: int,
) -> None:
    out.classification_code = node.code
    out.display_name = node.name
    out.category = int(node.code[0])
    out.level = len(tree.path(node.code))
    out.resource_count = counts[node.code]
    if levels_below > 0:
        for child in tree.children(node.code):
            _add(out.children.add(), child, tree, counts, levels_below - 1)
