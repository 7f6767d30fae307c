"""The unified view's pure functions: scope, data items, parties, gaps, statistics, and the
pages of computed lists."""

from __future__ import annotations

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import views
from govdata.catalog.paging import paginate, query_key
from govdata.catalog.views import OrganizationTree
from govdata.runtime.errors import InvalidArgument

GOV = "organizations/hx"
MZ = "organizations/hx-mzj"
MZ_OFFICE = "organizations/hx-mzj-jzk"
GA = "organizations/hx-gaj"
TREE = OrganizationTree({GOV: None, MZ: GOV, MZ_OFFICE: MZ, GA: GOV})


def resource(name: str, state=c.RESOURCE_STATE_PUBLISHED, items=(), **fields):
    res = c.InformationResource(
        name=name,
        display_name=name.rsplit("/", 1)[1],
        resource_code="203001/000001",
        provider=name.rsplit("/resources/", 1)[0],
        state=state,
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_MONTHLY,
        sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_CONDITIONAL),
        data_items=[
            c.DataItem(name=n, type=cm.DATA_ITEM_TYPE_CHARACTER, authoritative=n.endswith("*"))
            for n in items
        ],
    )
    for key, value in fields.items():
        setattr(res, key, value)
    return res


def demand(name: str, state=c.DEMAND_STATE_OPEN, resource_name: str = "", items=()):
    return c.SharingDemand(
        name=name, display_name="需求", state=state, resource=resource_name, data_items=items
    )


def test_tree_subtree_and_within() -> None:
    assert TREE.subtree(MZ) == {MZ, MZ_OFFICE}
    assert TREE.subtree(GOV) == {GOV, MZ, MZ_OFFICE, GA}
    assert TREE.subtree(MZ_OFFICE) == {MZ_OFFICE}
    assert TREE.within(MZ_OFFICE, GOV) and TREE.within(MZ, MZ)
    assert not TREE.within(GA, MZ) and not TREE.within("organizations/unknown", GOV)
    # a corrupt tree with a cycle ends
    loop = OrganizationTree(
        {"organizations/a": "organizations/b", "organizations/b": "organizations/a"}
    )
    assert not loop.within("organizations/a", "organizations/c")
    assert loop.subtree("organizations/a") == {"organizations/a", "organizations/b"}


def test_resource_scope_by_catalogue_provider_or_office() -> None:
    res = resource(f"{MZ}/resources/dibao", provider_office=MZ_OFFICE)
    assert views.resource_in_scope(res, TREE.subtree(MZ))
    assert views.resource_in_scope(res, {MZ_OFFICE})
    assert views.resource_in_scope(res, TREE.subtree(GOV))
    assert not views.resource_in_scope(res, {GA})
    assert views.owned_by(f"{MZ}/systems/s1", {MZ}) and not views.owned_by(f"{MZ}/systems/s1", {GA})


def test_data_items_in_resource_order_with_filters() -> None:
    rows = views.data_item_rows(
        [
            resource(f"{MZ}/resources/b", items=["公民身份号码", "低保金额*"]),
            resource(f"{MZ}/resources/a", items=["姓名", "公民身份号码*"]),
        ]
    )
    assert [(r.resource.rsplit("/", 1)[1], r.position, r.entry().data_item.name) for r in rows] == [
        ("a", 0, "姓名"),
        ("a", 1, "公民身份号码*"),
        ("b", 0, "公民身份号码"),
        ("b", 1, "低保金额*"),
    ]
    entry = rows[0].entry()
    assert entry.resource == f"{MZ}/resources/a" and entry.provider == MZ
    assert entry.resource_code == "203001/000001" and entry.state == c.RESOURCE_STATE_PUBLISHED
    named = views.data_item_rows([resource(f"{MZ}/resources/a", items=["姓名", "姓名2"])], "姓名")
    assert [r.entry().data_item.name for r in named] == ["姓名"]
    authoritative = views.data_item_rows(
        [resource(f"{MZ}/resources/a", items=["姓名", "公民身份号码*"])], authoritative_only=True
    )
    assert [r.entry().data_item.name for r in authoritative] == ["公民身份号码*"]


def test_parties_provider_first_then_consumers_by_organisation() -> None:
    res = resource(f"{MZ}/resources/dibao")
    parties = views.resource_parties(
        res,
        [
            demand(f"{GA}/demands/d2", resource_name=res.name),
            demand(f"{GOV}/demands/d1", resource_name=res.name, state=c.DEMAND_STATE_MATCHED),
            demand(f"{GA}/demands/d3", resource_name=f"{MZ}/resources/other"),
            demand(f"{GA}/demands/d4", resource_name=res.name, state=c.DEMAND_STATE_CLOSED),
        ],
        grants=[views.ConsumerGrant(GA, "grants/g1", "active")],
    )
    assert [(p.organization, p.role, p.basis) for p in parties] == [
        (MZ, c.PARTY_ROLE_PROVIDER, res.name),
        (GOV, c.PARTY_ROLE_CONSUMER, f"{GOV}/demands/d1"),
        (GA, c.PARTY_ROLE_CONSUMER, "grants/g1"),
        (GA, c.PARTY_ROLE_CONSUMER, f"{GA}/demands/d2"),
    ]
    assert parties[0].state == "published (已发布)"
    assert parties[1].state.startswith("demand matched")
    assert parties[2].state == "grant active"
    assert parties[3].state.startswith("demand open")
    assert sorted(parties, key=views.party_sort_key) == parties


def test_demand_gaps_explain_what_is_missing() -> None:
    published = resource(f"{MZ}/resources/dibao", items=["公民身份号码", "低保金额"])
    draft = resource(f"{GA}/resources/huji", state=c.RESOURCE_STATE_DRAFT, items=["户籍地址"])
    resources = {r.name: r for r in (published, draft)}
    demands = [
        demand(f"{GA}/demands/ok", resource_name=published.name, items=["低保金额"]),
        demand(f"{GA}/demands/items", items=["低保金额", "房产面积", "车辆品牌"]),
        demand(f"{MZ}/demands/draft", resource_name=draft.name, items=["户籍地址"]),
        demand(f"{MZ}/demands/missing", resource_name=f"{GA}/resources/gone"),
        demand(f"{MZ}/demands/free-text"),
        demand(f"{MZ}/demands/closed", state=c.DEMAND_STATE_CLOSED, items=["房产面积"]),
        demand(f"{MZ}/demands/matched", state=c.DEMAND_STATE_MATCHED, items=["房产面积"]),
    ]
    gaps = {g.demand.name.rsplit("/", 1)[1]: g for g in views.demand_gaps(demands, resources)}
    assert sorted(gaps) == ["draft", "free-text", "items", "missing"]
    assert list(gaps["items"].missing_data_items) == ["房产面积", "车辆品牌"]
    assert gaps["items"].reason == "no published resource offers 房产面积、车辆品牌"
    # the draft's item is not offered by any published resource either
    assert list(gaps["draft"].missing_data_items) == ["户籍地址"]
    assert "is not published (it is draft (草稿))" in gaps["draft"].reason
    assert "not in the catalogue" in gaps["missing"].reason
    assert "names no catalogued resource and no data items" in gaps["free-text"].reason
    # a viewer who may not see the draft learns only that it is not published
    hidden = {
        g.demand.name: g
        for g in views.demand_gaps(demands, resources, may_see=lambda r: r.state == 3)
    }
    assert hidden[f"{MZ}/demands/draft"].reason.startswith(
        f"the wanted resource {draft.name} is not published;"
    )
    names = [g.demand.name for g in views.demand_gaps(demands, resources)]
    assert names == sorted(names)


def test_counts_by_enum_value_names_with_stable_keys() -> None:
    counted = views.counts(cm.ShareType.DESCRIPTOR, [1, 2, 2])
    assert [(x.key, x.count) for x in counted] == [
        ("SHARE_TYPE_UNCONDITIONAL", 1),
        ("SHARE_TYPE_CONDITIONAL", 2),
        ("SHARE_TYPE_NOT_SHARED", 0),
    ]
    with_unset = views.counts(c.SystemStatus.DESCRIPTOR, [0, 1, 99])
    assert [(x.key, x.count) for x in with_unset] == [
        ("SYSTEM_STATUS_UNSPECIFIED", 1),
        ("SYSTEM_STATUS_IN_OPERATION", 1),
        ("SYSTEM_STATUS_MAINTENANCE_STOPPED", 0),
        ("SYSTEM_STATUS_DECOMMISSIONED", 0),
        ("99", 1),
    ]


def test_organization_statistics() -> None:
    stats = views.organization_statistics(
        MZ,
        [
            resource(f"{MZ}/resources/a", items=["x", "y"]),
            resource(f"{MZ}/resources/b", state=c.RESOURCE_STATE_DRAFT, items=["z"]),
        ],
        [c.InformationSystem(status=c.SYSTEM_STATUS_IN_OPERATION)],
        [c.Duty(), c.Duty(), c.Duty()],
        [demand(f"{MZ}/demands/d")],
        zombie_candidate_count=2,
    )
    as_dict = {x.key: x.count for x in stats.resources_by_state}
    assert as_dict["RESOURCE_STATE_PUBLISHED"] == 1 and as_dict["RESOURCE_STATE_DRAFT"] == 1
    assert {x.key: x.count for x in stats.resources_by_share_type}["SHARE_TYPE_CONDITIONAL"] == 2
    assert {x.key: x.count for x in stats.resources_by_format}["RESOURCE_FORMAT_DATABASE"] == 2
    assert {x.key: x.count for x in stats.resources_by_update_cycle}["UPDATE_CYCLE_MONTHLY"] == 2
    assert {x.key: x.count for x in stats.systems_by_status}["SYSTEM_STATUS_IN_OPERATION"] == 1
    assert {x.key: x.count for x in stats.demands_by_state}["DEMAND_STATE_OPEN"] == 1
    assert (stats.name, stats.duty_count, stats.data_item_count) == (MZ, 3, 3)
    assert stats.zombie_candidate_count == 2


# -- pages --------------------------------------------------------------------------------------


def test_pages_walk_a_computed_list_once_each() -> None:
    items = [(f"r{i:02d}", p) for i in range(7) for p in range(3)]
    key = query_key(method="m", parent="organizations/-")
    seen, token = [], ""
    while True:
        page = paginate(items, lambda x: x, 4, token, key)
        assert page.total_size == 21
        seen += page.items
        token = page.next_page_token
        if not token:
            break
    assert seen == items
    # 0 means the default; an exact fit ends without a token
    assert paginate(items, lambda x: x, 0, "", key).next_page_token == ""
    assert paginate(items, lambda x: x, 21, "", key).next_page_token == ""
    assert paginate([], lambda x: x, 5, "", key).items == []


def test_page_token_is_bound_to_the_query_and_checked() -> None:
    items = [(f"r{i}",) for i in range(5)]
    token = paginate(items, lambda x: x, 2, "", query_key(parent="a")).next_page_token
    with pytest.raises(InvalidArgument) as other:
        paginate(items, lambda x: x, 2, token, query_key(parent="b"))
    assert other.value.violations[0].field == "page_token"
    for forged in ("garbage", "eyJhIjogMX0=", ""):
        if forged:
            with pytest.raises(InvalidArgument):
                paginate(items, lambda x: x, 2, forged, query_key(parent="a"))
    with pytest.raises(InvalidArgument) as negative:
        paginate(items, lambda x: x, -1, "", query_key(parent="a"))
    assert negative.value.violations[0].field == "page_size"


def test_a_page_token_survives_changes_before_the_cursor() -> None:
    items = [("b",), ("d",), ("f",)]
    key = query_key(q=1)
    first = paginate(items, lambda x: x, 2, "", key)
    assert first.items == [("b",), ("d",)]
    # an item inserted before the cursor does not shift the next page
    second = paginate([("a",), *items], lambda x: x, 2, first.next_page_token, key)
    assert second.items == [("f",)]
