"""Search across the four kinds, completion, demand matching, the drift check and the layout
migration, against the real OpenSearch (the catalogue side is events and lists here;
``tests/e2e`` drives them through svc-catalog)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from gov.search.v1 import search_pb2 as s
from govdata.runtime.errors import InvalidArgument, Unavailable
from govdata.search import drift, index, rebuild
from govdata.search.indexer import Indexer
from govdata.search.servicer import SearchServicer

POLICE = "organizations/gongan"
CIVIL = "organizations/minzheng"


def resource(
    rid: str,
    title: str,
    items: list[str],
    provider: str = POLICE,
    revision: int = 1,
    share=cm.SHARE_TYPE_CONDITIONAL,
    abstract: str = "",
) -> c.InformationResource:
    res = c.InformationResource(
        name=f"{provider}/resources/{rid}",
        resource_code=f"102003/{rid[-3:].zfill(6)}",
        display_name=title,
        abstract=abstract,
        provider=provider,
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="101001"
        ),
        sharing=c.SharingAttributes(share_type=share),
        state=c.RESOURCE_STATE_PUBLISHED,
        revision=revision,
        source_systems=[f"{provider}/systems/jdc"],
        data_items=[c.DataItem(name=i, type=cm.DATA_ITEM_TYPE_CHARACTER) for i in items],
    )
    res.update_time.GetCurrentTime()
    return res


def changed(res: c.InformationResource) -> e.InformationResourceChanged:
    return e.InformationResourceChanged(
        kind=e.CHANGE_KIND_UPDATED, name=res.name, revision=res.revision, resource=res
    )


def system() -> c.InformationSystem:
    return c.InformationSystem(
        name=f"{POLICE}/systems/jdc",
        display_name="机动车登记管理系统",
        function="机动车注册、转移、抵押登记业务办理",
        revision=1,
    )


def organization(name: str, title: str) -> c.Organization:
    return c.Organization(name=name, display_name=title, revision=1)


RESOURCES = [
    resource("r001", "机动车登记信息", ["号牌号码", "公民身份号码", "车辆识别代号"]),
    resource("r002", "驾驶证信息", ["驾驶证号", "公民身份号码"]),
    resource(
        "r003",
        "最低生活保障对象信息",
        ["公民身份号码", "保障金额"],
        provider=CIVIL,
        share=cm.SHARE_TYPE_UNCONDITIONAL,
        abstract="城乡低保对象及家庭成员",
    ),
]


@pytest.fixture
def catalogue(search_client, index_prefix) -> tuple[Indexer, SearchServicer]:
    indices = index.Indices(index_prefix)
    smart = index.ensure(search_client, indices)
    indexer = Indexer(search_client, indices)
    for org in (organization(POLICE, "海新区公安分局"), organization(CIVIL, "海新区民政局")):
        indexer.apply_organization(
            e.OrganizationChanged(
                kind=e.CHANGE_KIND_CREATED, name=org.name, revision=1, organization=org
            )
        )
    indexer.apply_system(
        e.InformationSystemChanged(
            kind=e.CHANGE_KIND_CREATED, name=system().name, revision=1, information_system=system()
        )
    )
    for res in RESOURCES:
        indexer.apply_resource(changed(res))
    search_client.indices.refresh(index=f"{index_prefix}*")
    return indexer, SearchServicer(search_client, indices, smart)


def facet(response: s.SearchResponse, field: str) -> dict[str, int]:
    return {v.value: v.count for f in response.facets if f.field == field for v in f.values}


def test_one_search_finds_every_kind_with_a_kind_facet(catalogue) -> None:
    _, servicer = catalogue
    response = servicer.Search(s.SearchRequest(query="机动车"), None)
    kinds = {(r.kind, r.title) for r in response.results}
    assert (s.RESULT_KIND_RESOURCE, "机动车登记信息") in kinds
    assert (s.RESULT_KIND_SYSTEM, "机动车登记管理系统") in kinds
    assert response.results[0].title == "机动车登记信息"  # a resource above its system
    # the item 车辆识别代号 through the synonym 车辆 (机动车/车辆 in the list)
    assert facet(response, "kind") == {
        "RESULT_KIND_RESOURCE": 1,
        "RESULT_KIND_SYSTEM": 1,
        "RESULT_KIND_DATA_ITEM": 1,
    }
    system_hit = next(r for r in response.results if r.kind == s.RESULT_KIND_SYSTEM)
    assert system_hit.provider_display_name == "海新区公安分局"
    # the resource, its item and the system itself
    assert facet(response, "source_system") == {f"{POLICE}/systems/jdc": 3}

    items = servicer.Search(s.SearchRequest(query="号牌号码"), None)
    item = next(r for r in items.results if r.kind == s.RESULT_KIND_DATA_ITEM)
    assert (item.name, item.data_item) == (f"{POLICE}/resources/r001", "号牌号码")
    assert "display_name" in item.matched_fields

    orgs = servicer.Search(s.SearchRequest(query="民政", kinds=[s.RESULT_KIND_ORGANIZATION]), None)
    assert [(r.kind, r.name) for r in orgs.results] == [(s.RESULT_KIND_ORGANIZATION, CIVIL)]


def test_a_query_naming_a_department_finds_what_it_provides(catalogue) -> None:
    _, servicer = catalogue
    found = servicer.Search(s.SearchRequest(query="公安分局", kinds=[s.RESULT_KIND_RESOURCE]), None)
    assert {r.title for r in found.results} == {"机动车登记信息", "驾驶证信息"}
    assert all(r.matched_fields == ["provider"] for r in found.results)
    assert not servicer.Search(s.SearchRequest(query="公安局分"), None).results
    # of every kind: the bureau, its resources and its system, not each of its data items
    everything = servicer.Search(s.SearchRequest(query="公安分局"), None)
    assert {r.kind for r in everything.results} == {
        s.RESULT_KIND_ORGANIZATION,
        s.RESULT_KIND_RESOURCE,
        s.RESULT_KIND_SYSTEM,
    }


def test_a_facet_is_counted_without_its_own_filter(catalogue) -> None:
    _, servicer = catalogue
    narrowed = servicer.Search(
        s.SearchRequest(
            query="公民身份号码",
            share_types=[cm.SHARE_TYPE_UNCONDITIONAL],
            kinds=[s.RESULT_KIND_DATA_ITEM],
        ),
        None,
    )
    assert [(r.name, r.data_item) for r in narrowed.results] == [
        (f"{CIVIL}/resources/r003", "公民身份号码")
    ]
    # the share-type facet still offers the conditional items the filter left out ...
    assert facet(narrowed, "share_type") == {
        "SHARE_TYPE_CONDITIONAL": 2,
        "SHARE_TYPE_UNCONDITIONAL": 1,
    }
    # ... and the kind facet counts the other kinds under the share-type filter
    assert facet(narrowed, "kind")["RESULT_KIND_DATA_ITEM"] == 1
    assert facet(narrowed, "classification")["1"] == 1
    assert narrowed.total_size == 1


def test_items_follow_their_resource_and_a_late_revision_brings_none_back(catalogue) -> None:
    indexer, servicer = catalogue

    def items(query: str) -> list[str]:
        indexer.client.indices.refresh(index=indexer.indices.data_items)
        found = servicer.Search(s.SearchRequest(query=query, kinds=[s.RESULT_KIND_DATA_ITEM]), None)
        return [r.data_item for r in found.results if r.name.endswith("/r001")]

    assert items("车辆识别代号") == ["车辆识别代号"]
    newer = resource("r001", "机动车登记信息", ["号牌号码", "发动机号"], revision=3)
    indexer.apply_resource(changed(newer))
    indexer.apply_resource(changed(RESOURCES[0]))  # revision 1, late
    assert items("车辆识别代号") == [] and items("发动机号") == ["发动机号"]
    indexer.apply_resource(
        e.InformationResourceChanged(kind=e.CHANGE_KIND_DELETED, name=newer.name, revision=4)
    )
    assert items("号牌号码") == [] and items("发动机号") == []


def suggestions(servicer: SearchServicer, prefix: str, **fields: Any) -> list[tuple[str, int]]:
    answer = servicer.Suggest(s.SuggestRequest(prefix=prefix, **fields), None)
    return [(x.text, x.kind) for x in answer.suggestions]


def test_suggest_completes_prefixes_initials_and_inner_words_once_each(catalogue) -> None:
    _, servicer = catalogue
    assert suggestions(servicer, "机动")[:2] == [
        ("机动车登记信息", s.RESULT_KIND_RESOURCE),
        ("机动车登记管理系统", s.RESULT_KIND_SYSTEM),
    ]
    # pinyin initials, any case, full-width folded
    assert ("驾驶证信息", s.RESULT_KIND_RESOURCE) in suggestions(servicer, "JSZ")
    assert ("最低生活保障对象信息", s.RESULT_KIND_RESOURCE) in suggestions(servicer, "ｚｄｓｈ")
    # 公民身份号码 is an item of three resources: suggested once
    citizen = suggestions(servicer, "公民")
    assert citizen.count(("公民身份号码", s.RESULT_KIND_DATA_ITEM)) == 1
    # inside a name, below names that begin with it
    inner = suggestions(servicer, "登记")
    assert ("机动车登记信息", s.RESULT_KIND_RESOURCE) in inner
    only = suggestions(servicer, "机动", kinds=[s.RESULT_KIND_SYSTEM])
    assert only == [("机动车登记管理系统", s.RESULT_KIND_SYSTEM)]
    assert suggestions(servicer, "不存在的名字") == []
    for bad, field in (({"prefix": " "}, "prefix"), ({"prefix": "x", "kinds": [9]}, "kinds[0]")):
        with pytest.raises(InvalidArgument) as caught:
            servicer.Suggest(s.SuggestRequest(**bad), None)
        assert [v.field for v in caught.value.violations] == [field]


def test_a_demand_is_matched_to_the_resources_offering_what_it_needs(catalogue) -> None:
    _, servicer = catalogue
    answer = servicer.MatchDemand(
        s.MatchDemandRequest(
            need="核对低保家庭成员名下的机动车",
            data_items=["号牌号码", "公民身份号码", "车辆价值"],
            demander=CIVIL,
        ),
        None,
    )
    first = answer.candidates[0]
    assert first.resource.name == f"{POLICE}/resources/r001"
    assert list(first.offered_data_items) == ["号牌号码", "公民身份号码"]
    assert list(first.missing_data_items) == ["车辆价值"]
    assert all(c.resource.provider != CIVIL for c in answer.candidates)  # not its own
    with pytest.raises(InvalidArgument) as caught:
        servicer.MatchDemand(s.MatchDemandRequest(demander="minzheng"), None)
    assert {v.field for v in caught.value.violations} == {"need", "demander"}


class Listed:
    """The catalogue as lists (a rebuild's or drift check's source)."""

    def __init__(self, resources: list[c.InformationResource]) -> None:
        self._resources = resources

    def resources(self) -> Iterator[c.InformationResource]:
        yield from self._resources

    def systems(self) -> Iterator[c.InformationSystem]:
        yield system()

    def organizations(self) -> Iterator[c.Organization]:
        yield organization(POLICE, "海新区公安分局")
        yield organization(CIVIL, "海新区民政局")


def test_drift_is_reported_once_two_checks_agree(catalogue) -> None:
    indexer, _ = catalogue
    ahead = [*RESOURCES, resource("r009", "新登记未索引", ["字段"])]
    monitor = drift.DriftMonitor(indexer.client, indexer.indices, lambda: Listed(ahead), 60)

    def gauge(kind: str, difference: str) -> float:
        return drift.DRIFT.labels(kind, difference)._value.get()

    monitor.check_once()
    assert gauge("resource", "missing") == 0  # maybe an event still on its way
    monitor.check_once()
    assert gauge("resource", "missing") == 1  # still missing a check later: drift
    assert drift.RECORDS.labels("resource", "catalogue")._value.get() == 4
    monitor.source = lambda: Listed(RESOURCES)
    monitor.check_once()
    assert gauge("resource", "missing") == 0 and gauge("system", "extra") == 0


def test_indices_of_an_older_layout_are_refused_clearly_then_migrated(
    search_client, index_prefix
) -> None:
    indices = index.Indices(index_prefix)
    for alias in indices.by_kind.values():  # as layout v1 left them: no layout marker
        search_client.indices.create(index=f"{alias}-v1", body={"mappings": {"properties": {}}})
        search_client.indices.put_alias(index=f"{alias}-v1", name=alias)
    with pytest.raises(index.LayoutOutdated, match="make reindex"):
        index.ensure(search_client, indices)
    clock = [0.0]
    servicer = SearchServicer(search_client, indices, None, clock=lambda: clock[0])
    with pytest.raises(Unavailable, match="older layout"):
        servicer.Search(s.SearchRequest(query="机动车"), None)

    rebuild.migrate(search_client, indices, Listed(RESOURCES))
    clock[0] += 10
    found = servicer.Search(s.SearchRequest(query="机动车", kinds=[s.RESULT_KIND_RESOURCE]), None)
    assert [r.title for r in found.results] == ["机动车登记信息"]
    assert all(
        index.live_layout(search_client, alias) == index.LAYOUT_VERSION
        for alias in indices.by_kind.values()
    )
