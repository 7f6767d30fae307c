"""What a version records, and the visibility rule's decisions, without any server."""

from __future__ import annotations

import datetime as dt

from govdata.catalog import versions, visibility
from govdata.catalog.history import to_message
from govdata.catalog.query_match import matches
from govdata.catalog.store import Page
from govdata.catalog.visibility import Visibility
from govdata.runtime import context
from govdata.runtime.context import CallContext
from govdata.runtime.errors import NotFound

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def test_field_changes_name_each_changed_top_level_field_with_before_and_after() -> None:
    before = {"display_name": "旧", "abstract": "同", "data_items": [{"name": "a"}], "etag": "1"}
    after = {"display_name": "新", "abstract": "同", "format": "X", "etag": "2", "revision": "3"}
    assert versions.field_changes(before, after) == [
        {"field": "data_items", "before": [{"name": "a"}]},
        {"field": "display_name", "before": "旧", "after": "新"},
        {"field": "format", "after": "X"},
    ]
    assert versions.field_changes(after, after) == []
    assert [c["field"] for c in versions.field_changes(None, {"a": 1, "name": "x"})] == ["a"]


def test_a_version_is_made_by_the_call_being_served() -> None:
    token = context.bind(
        CallContext(
            request_id="req-1",
            system="callingSystems/mz",
            person="clerk-1",
            organization="organizations/minzheng",
        )
    )
    try:
        version = versions.new_version(
            "organizations/minzheng/duties/d-1", 3, versions.UPDATED, NOW, {"a": 1}, {"a": 2}
        )
    finally:
        context.reset(token)
    assert version["actor"] == {
        "system": "callingSystems/mz",
        "person": "clerk-1",
        "organization": "organizations/minzheng",
    }
    assert version["request_id"] == "req-1" and version["revision"] == 3
    message = to_message(version)
    assert message.kind == 2 and message.time.ToDatetime(dt.UTC) == NOW
    [change] = message.changes
    assert (change.field, change.before_json, change.after_json) == ("a", "1", "2")


def test_unset_values_are_empty_json_and_text_stays_readable() -> None:
    version = versions.new_version("organizations/x", 1, versions.CREATED, NOW, None, {"n": "民政"})
    [change] = to_message(version).changes
    assert change.before_json == "" and change.after_json == '"民政"'


def test_version_ids_sort_by_revision() -> None:
    assert versions.version_id("organizations/x", 9) < versions.version_id("organizations/x", 10)


PARENTS = {
    "organizations/gov": None,
    "organizations/minzheng": "organizations/gov",
    "organizations/minzheng-office": "organizations/minzheng",
    "organizations/gongan": "organizations/gov",
}


class _Tree:
    """Records stand-in: organisations and their parents."""

    def get(self, name: str) -> dict:
        if name not in PARENTS:
            raise NotFound(name)
        return {"_id": name, "parent": PARENTS[name]}


def caller(organization: str, *roles: str) -> CallContext:
    return CallContext(system="callingSystems/x", organization=organization, roles=frozenset(roles))


def test_unpublished_resources_are_seen_by_their_tree_the_authority_and_the_service() -> None:
    rule = Visibility(_Tree())  # type: ignore[arg-type]
    draft = {"organization": "organizations/minzheng-office", "state": "RESOURCE_STATE_DRAFT"}
    published = {**draft, "state": "RESOURCE_STATE_PUBLISHED"}
    assert rule.can_see(draft, caller("organizations/minzheng-office"))
    assert rule.can_see(draft, caller("organizations/minzheng"))  # the office's department
    assert rule.can_see(draft, caller("organizations/gov"))  # and its government
    assert not rule.can_see(draft, caller("organizations/gongan"))  # another department
    assert not rule.can_see(draft, caller(""))  # a caller without an organisation
    assert rule.can_see(draft, caller("organizations/gongan", "platform_admin"))
    assert rule.can_see(draft, CallContext())  # the service itself, outside any call
    assert rule.can_see(published, caller("organizations/gongan"))


def test_a_restricted_list_keeps_published_ones_and_the_own_tree() -> None:
    rule = Visibility(_Tree())  # type: ignore[arg-type]
    rule.organization_tree = lambda root: [root, f"{root}-office"]  # type: ignore[method-assign]
    query = {"provider": "organizations/minzheng"}
    assert rule.restrict(query, caller("organizations/x", "platform_admin")) is query
    assert rule.restrict(query, caller("organizations/minzheng")) == {
        "$and": [
            query,
            {
                "$or": [
                    {"state": "RESOURCE_STATE_PUBLISHED"},
                    {
                        "organization": {
                            "$in": ["organizations/minzheng", "organizations/minzheng-office"]
                        }
                    },
                ]
            },
        ]
    }
    assert rule.restrict({}, caller("")) == {"state": "RESOURCE_STATE_PUBLISHED"}


def test_the_own_tree_is_read_level_by_level_through_list_pages(monkeypatch) -> None:
    parents = {
        "organizations/gov": None,
        "organizations/minzheng": "organizations/gov",
        "organizations/gongan": "organizations/gov",
        "organizations/mz-a": "organizations/minzheng",
        "organizations/mz-b": "organizations/minzheng",
        "organizations/mz-c": "organizations/minzheng",
        "organizations/mz-a-1": "organizations/mz-a",
    }

    class Organizations:
        """``Records.list`` over the tree, pages of ``size`` with the next name as token."""

        def list(self, query, size, token):
            names = sorted(n for n, p in parents.items() if matches({"_id": n, "parent": p}, query))
            start = names.index(token) if token else 0
            chunk = names[start : start + size]
            more = start + size < len(names)
            return Page([{"_id": n} for n in chunk], names[start + size] if more else "", 0)

    monkeypatch.setattr(visibility, "MAX_PAGE_SIZE", 2)  # three offices: two pages
    rule = Visibility(Organizations())  # type: ignore[arg-type]
    assert rule.organization_tree("organizations/minzheng") == [
        "organizations/minzheng",
        "organizations/mz-a",
        "organizations/mz-b",
        "organizations/mz-c",
        "organizations/mz-a-1",
    ]
    assert rule.organization_tree("organizations/gongan") == ["organizations/gongan"]
