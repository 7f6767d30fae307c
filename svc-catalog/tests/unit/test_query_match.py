"""The List filters' MongoDB semantics in memory (``query_match.py``); the same queries are
checked against the real server in ``svc-catalog/tests/integration/test_query_match.py``."""

from __future__ import annotations

import pytest

from govdata.catalog.query_match import lookup, matches

RESOURCE = {
    "_id": "organizations/a/resources/r",
    "organization": "organizations/a",
    "state": "PUBLISHED",
    "duties": ["organizations/a/duties/d1", "organizations/a/duties/d2"],
    "classification_code": "103001",
    "revision": 3,
    "zombie": True,
    "resource": {"kind": "X", "data_items": [{"name": "姓名"}]},
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, True),
        ({"state": "PUBLISHED"}, True),
        ({"state": "DRAFT"}, False),
        ({"duties": "organizations/a/duties/d2"}, True),  # an array matches by element
        ({"duties": "organizations/a/duties/d3"}, False),
        ({"resource.kind": "X"}, True),  # dotted path
        ({"resource.kind": "Y"}, False),
        ({"provider": None}, True),  # missing counts as null
        ({"state": {"$ne": "DRAFT"}}, True),
        ({"missing": {"$ne": True}}, True),
        ({"zombie": {"$ne": True}}, False),
        ({"zombie": 1}, False),  # true is not 1
        ({"state": {"$in": ["DRAFT", "PUBLISHED"]}}, True),
        ({"duties": {"$in": ["x", "organizations/a/duties/d1"]}}, True),
        ({"state": {"$nin": ["PUBLISHED"]}}, False),
        ({"state": {"$exists": True}}, True),
        ({"provider": {"$exists": False}}, True),
        ({"revision": {"$gt": 2}}, True),
        ({"revision": {"$lt": 3}}, False),
        ({"revision": {"$gt": "2"}}, False),  # other types never compare
        ({"missing": {"$lt": 3}}, False),
        ({"classification_code": {"$regex": "^103"}}, True),
        ({"classification_code": {"$regex": "^2"}}, False),
        ({"$or": [{"state": "DRAFT"}, {"organization": {"$in": ["organizations/a"]}}]}, True),
        ({"$or": [{"state": "DRAFT"}, {"organization": "organizations/b"}]}, False),
        ({"$and": [{"state": "PUBLISHED"}, {"revision": {"$gt": 1}}]}, True),
        ({"$and": [{"state": "PUBLISHED"}, {"revision": {"$gt": 5}}]}, False),
    ],
)
def test_matches_as_mongodb_does(query: dict, expected: bool) -> None:
    assert matches(RESOURCE, query) is expected


@pytest.mark.parametrize("query", [{"$where": "1"}, {"state": {"$elemMatch": {}}}])
def test_an_operator_outside_the_subset_is_refused_not_guessed(query: dict) -> None:
    with pytest.raises(ValueError, match="not supported"):
        matches(RESOURCE, query)


def test_lookup_tells_missing_from_null() -> None:
    assert lookup({"a": None}, "a") == (True, None)
    assert lookup({"a": {"b": 1}}, "a.b") == (True, 1)
    assert lookup({"a": 1}, "a.b") == (False, None)
