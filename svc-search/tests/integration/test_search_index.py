"""Indexing catalogue events and searching them, against the real OpenSearch."""

from __future__ import annotations

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from gov.search.v1 import search_pb2 as s
from govdata.runtime import classification
from govdata.search import index
from govdata.search.indexer import Indexer
from govdata.search.servicer import SearchServicer


def test_analysis_common_is_loaded(search_client) -> None:
    modules = set()
    for node in search_client.nodes.info(metric="plugins")["nodes"].values():
        modules |= {m["name"] for m in node.get("modules", []) + node.get("plugins", [])}
    assert "analysis-common" in modules
    tokens = search_client.indices.analyze(body={"analyzer": "cjk", "text": "不动产登记"})
    assert [t["token"] for t in tokens["tokens"]] == ["不动", "动产", "产登", "登记"]


def resource(
    rid: str,
    title: str,
    abstract: str,
    items: list[str],
    share=cm.SHARE_TYPE_UNCONDITIONAL,
    provider: str = "organizations/ziranziyuan",
    revision: int = 1,
    state=c.RESOURCE_STATE_PUBLISHED,
) -> e.InformationResourceChanged:
    res = c.InformationResource(
        name=f"{provider}/resources/{rid}",
        resource_code=f"103001/{rid[-3:].zfill(6)}",
        display_name=title,
        abstract=abstract,
        provider=provider,
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="103001"
        ),
        sharing=c.SharingAttributes(share_type=share),
        state=state,
        revision=revision,
        data_items=[c.DataItem(name=i, type=cm.DATA_ITEM_TYPE_CHARACTER) for i in items],
    )
    res.update_time.GetCurrentTime()
    return e.InformationResourceChanged(
        kind=e.CHANGE_KIND_UPDATED, name=res.name, revision=revision, resource=res
    )


@pytest.fixture
def indexed(search_client, index_prefix):
    indices = index.Indices(index_prefix)
    smart = index.ensure(search_client, indices)
    indexer = Indexer(search_client, indices)
    indexer.apply_organization(
        e.OrganizationChanged(
            kind=e.CHANGE_KIND_CREATED,
            name="organizations/ziranziyuan",
            revision=1,
            organization=c.Organization(
                name="organizations/ziranziyuan", display_name="海新区自然资源局"
            ),
        )
    )
    for event in (
        resource("r001", "不动产登记信息", "不动产权利人、坐落及面积", ["权利人", "不动产单元号"]),
        resource("r002", "房屋交易备案信息", "商品房买卖合同备案，涉及不动产交易", ["合同编号"]),
        resource(
            "r003",
            "车辆登记信息",
            "机动车所有人及号牌",
            ["号牌号码", "所有人"],
            share=cm.SHARE_TYPE_CONDITIONAL,
            provider="organizations/gongan",
        ),
        resource("r004", "宗地信息", "土地使用权", ["不动产权证号"]),
        resource("r005", "不动产抵押草稿", "尚未发布", ["抵押人"], state=c.RESOURCE_STATE_DRAFT),
    ):
        indexer.apply_resource(event)
    search_client.indices.refresh(index=f"{index_prefix}*")

    servicer = SearchServicer(search_client, indices, smart)

    def search(**fields) -> s.SearchResponse:
        fields.setdefault("kinds", [s.RESULT_KIND_RESOURCE])
        return servicer.Search(s.SearchRequest(**fields), None)

    return indexer, search


def test_name_matches_rank_above_abstract_and_data_items(indexed) -> None:
    _, search = indexed
    response = search(query="不动产")
    titles = [r.title for r in response.results]
    assert titles[0] == "不动产登记信息"
    assert set(titles) == {"不动产登记信息", "房屋交易备案信息", "宗地信息"}  # draft not found
    top = response.results[0]
    assert top.provider_display_name == "海新区自然资源局"
    assert "display_name" in top.matched_fields
    assert any("<em>" in snippet for h in top.highlights for snippet in h.snippets)


def test_share_type_filter_and_facets(indexed) -> None:
    _, search = indexed
    response = search(query="信息", share_types=[cm.SHARE_TYPE_CONDITIONAL])
    assert [r.title for r in response.results] == ["车辆登记信息"]
    unfiltered = search(query="信息")
    share = next(f for f in unfiltered.facets if f.field == "share_type")
    counts = {v.value: v.count for v in share.values}
    assert counts["SHARE_TYPE_CONDITIONAL"] == 1 and counts["SHARE_TYPE_UNCONDITIONAL"] >= 2


def test_stale_and_repeated_events_never_win(indexed, search_client) -> None:
    indexer, search = indexed
    indexer.apply_resource(resource("r001", "不动产登记簿", "更新后", ["权利人"], revision=3))
    indexer.apply_resource(resource("r001", "旧标题", "旧", ["权利人"], revision=2))  # overtaken
    indexer.apply_resource(
        resource("r001", "不动产登记簿", "更新后", ["权利人"], revision=3)
    )  # again
    indexer.apply_resource(
        e.InformationResourceChanged(
            kind=e.CHANGE_KIND_DELETED, name="organizations/ziranziyuan/resources/r004", revision=2
        )
    )
    indexer.apply_resource(resource("r004", "宗地信息", "迟到的旧更新", [], revision=1))
    search_client.indices.refresh(index=indexer.indices.resources)
    titles = [r.title for r in search(query="不动产").results]
    assert "不动产登记簿" in titles and "旧标题" not in titles and "宗地信息" not in titles


def test_paging_is_complete_and_distinct(indexed) -> None:
    _, search = indexed
    seen, token = [], ""
    while True:
        page = search(query="信息", page_size=1, page_token=token)
        seen += [r.name for r in page.results]
        token = page.next_page_token
        if not token:
            break
    assert len(seen) == len(set(seen)) == search(query="信息").total_size


def test_synonyms_find_the_other_wording(indexed) -> None:
    indexer, search = indexed
    for event in (
        resource(
            "r101",
            "最低生活保障对象信息",
            "城乡最低生活保障对象及保障金额",
            ["身份证号", "保障金额"],
            provider="organizations/minzheng",
        ),
        resource(
            "r102",
            "社会保险参保信息",
            "职工养老、医疗保险参保及缴费",
            ["参保人", "缴费基数"],
            provider="organizations/renshe",
        ),
        resource(
            "r103",
            "低保家庭走访记录",
            "入户核查记录",
            ["走访日期"],
            provider="organizations/minzheng",
        ),
    ):
        indexer.apply_resource(event)
    indexer.client.indices.refresh(index=indexer.indices.resources)
    titles = [r.title for r in search(query="低保").results]
    # both wordings on top (the full term, matched in name and abstract, may well lead);
    # the unrelated 社会保险 (smartcn reads 低保 as 低 + 保, and 保 is in 参保) below them
    assert set(titles[:2]) == {"低保家庭走访记录", "最低生活保障对象信息"}
    found = [r.title for r in search(query="最低生活保障").results]
    assert found[:2] == ["最低生活保障对象信息", "低保家庭走访记录"]
    # 社保 is how clerks say 社会保险: found through the synonym alone
    social = search(query="社保").results
    assert social and social[0].title == "社会保险参保信息"


def test_browsing_counts_published_resources_at_every_level(indexed, search_client) -> None:
    indexer, _ = indexed
    tree = classification.default_tree()

    servicer = SearchServicer(search_client, indexer.indices, False, tree=tree)

    def browse_tree(**fields) -> s.BrowseClassificationResponse:
        return servicer.BrowseClassification(s.BrowseClassificationRequest(**fields), None)

    roots = {n.classification_code: n for n in browse_tree(depth=3).nodes}
    assert set(roots) == {"1", "2", "3"}
    assert roots["1"].resource_count == 4  # the draft is not counted
    space = next(n for n in roots["1"].children if n.classification_code == "103")
    assert space.resource_count == 4
    assert next(n for n in space.children if n.classification_code == "103001").resource_count == 4
    assert roots["2"].resource_count == 0 and roots["2"].children  # shown for navigation
    only = browse_tree(classification_code="103", providers=["organizations/ziranziyuan"])
    assert next(n for n in only.nodes if n.classification_code == "103001").resource_count == 3
