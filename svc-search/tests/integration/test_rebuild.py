"""A full rebuild against the real OpenSearch while the worker keeps applying events and
clerks keep searching: nothing lost, the newest revision wins, the alias swapped, searches
answered throughout. The catalogue side is a list here; ``tests/e2e/test_search_rebuild.py``
reads the real svc-catalog over gRPC."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from gov.search.v1 import search_pb2 as s
from govdata.search import index, query, rebuild
from govdata.search.indexer import Indexer

ORG = "organizations/zhujian"
# revision 2 of r0000 drops 项目名称 and adds 监管账户
NEWER_ITEMS = ("预售许可证号", "监管账户")


def resource(
    i: int, revision: int, title: str = "", items: tuple[str, ...] = ("预售许可证号", "项目名称")
) -> c.InformationResource:
    return c.InformationResource(
        name=f"{ORG}/resources/r{i:04d}",
        resource_code=f"103001/{i:06d}",
        display_name=title or f"商品房预售许可信息{i}",
        abstract="预售许可证号与项目",
        provider=ORG,
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="103001"
        ),
        sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_UNCONDITIONAL),
        state=c.RESOURCE_STATE_PUBLISHED,
        revision=revision,
        data_items=[c.DataItem(name=item, type=cm.DATA_ITEM_TYPE_CHARACTER) for item in items],
    )


def changed(res: c.InformationResource) -> e.InformationResourceChanged:
    return e.InformationResourceChanged(
        kind=e.CHANGE_KIND_UPDATED, name=res.name, revision=res.revision, resource=res
    )


class Catalogue:
    """The catalogue as a rebuild pages through it; half-way through, the worker applies
    newer revisions of records already read and records not read at all."""

    def __init__(self, records: list[c.InformationResource], halfway) -> None:
        self.records = records
        self.halfway = halfway

    def resources(self) -> Iterator[c.InformationResource]:
        for i, record in enumerate(self.records):
            if i == len(self.records) // 2:
                self.halfway()
            yield record

    def systems(self) -> Iterator[c.InformationSystem]:
        yield c.InformationSystem(
            name=f"{ORG}/systems/yushou", display_name="商品房预售管理系统", revision=1
        )

    def organizations(self) -> Iterator[c.Organization]:
        yield c.Organization(name=ORG, display_name="海新区住建局", revision=1)


def in_step(drifts: list[rebuild.Drift]) -> bool:
    return all(d.in_step for d in drifts)


def test_a_rebuild_loses_no_concurrent_change_and_never_stops_search(
    search_client, index_prefix
) -> None:
    indices = index.Indices(index_prefix)
    smart = index.ensure(search_client, indices)
    before = set(search_client.indices.get_alias(name=indices.resources))
    worker = Indexer(search_client, indices)
    records = [resource(i, 1) for i in range(300)]
    for record in records:
        worker.apply_resource(changed(record))
    search_client.indices.refresh(index=indices.resources)

    def halfway() -> None:
        # the worker, mid-rebuild: a newer revision of a record already read (0) and of one
        # not read yet (299), and a record the rebuild's pages never contain (900)
        worker.apply_resource(changed(resource(0, 2, "商品房预售许可信息零已更正", NEWER_ITEMS)))
        worker.apply_resource(changed(resource(299, 3, "商品房预售许可信息末已更正")))
        worker.apply_resource(changed(resource(900, 1, "商品房现售备案信息新登记")))

    errors: list[Exception] = []
    searches = 0
    stop = threading.Event()

    def clerk() -> None:
        nonlocal searches
        request = s.SearchRequest(query="商品房", page_size=5)
        body, _, _ = query.build(request, smart)
        while not stop.is_set():
            try:
                answer = search_client.search(index=indices.resources, body=body)
                assert answer["hits"]["total"]["value"] >= 300
                searches += 1
            except Exception as exc:  # counted: a search that fails is the finding
                errors.append(exc)

    searching = threading.Thread(target=clerk)
    searching.start()
    try:
        done = rebuild.rebuild(search_client, indices, Catalogue(records, halfway))
    finally:
        stop.set()
        searching.join()
    assert not errors and searches > 0
    assert done.written[indices.resources] + done.overtaken[indices.resources] == 300
    # 299 is always refused (the worker wrote revision 3 before the rebuild reached it); 0 is
    # too when its revision 1 was still in an unsent bulk chunk at the worker's write
    assert done.overtaken[indices.resources] in (1, 2)

    # the alias serves the new index alone; the old one and the building alias are gone
    assert set(search_client.indices.get_alias(name=indices.resources)) == {
        done.indices[indices.resources]
    }
    assert not search_client.indices.exists_alias(name=index.building(indices.resources))
    assert not any(search_client.indices.exists(index=name) for name in before)

    search_client.indices.refresh(index=indices.resources)

    def revision(i: int) -> tuple[int, str]:
        hit = search_client.get(index=indices.resources, id=f"{ORG}/resources/r{i:04d}")
        return hit["_version"], hit["_source"]["display_name"]

    assert revision(0) == (2, "商品房预售许可信息零已更正")
    assert revision(299) == (3, "商品房预售许可信息末已更正")
    assert revision(900) == (1, "商品房现售备案信息新登记")
    assert revision(150)[0] == 1
    # the data items follow their resource's newest revision: 项目名称 left r0000 at revision 2
    search_client.indices.refresh(index=indices.data_items)
    items = search_client.mget(
        index=indices.data_items,
        body={"ids": [f"{ORG}/resources/r0000#{i}" for i in ("项目名称", "监管账户")]},
    )["docs"]
    assert [(d["_version"], d["_source"]["deleted"]) for d in items] == [(2, True), (2, False)]
    assert done.written[indices.data_items] + done.overtaken[indices.data_items] == 600
    assert done.written[indices.systems] == 1

    latest = [
        resource(0, 2, items=NEWER_ITEMS),
        *records[1:299],
        resource(299, 3),
        resource(900, 1),
    ]
    drifts = rebuild.check(search_client, indices, Catalogue(latest, lambda: None))
    assert in_step(drifts), drifts
    behind = rebuild.check(
        search_client, indices, Catalogue([*latest, resource(901, 1)], lambda: None)
    )
    assert behind[0].missing == [f"{ORG}/resources/r0901"] and not in_step(behind)


class Failing(Catalogue):
    def resources(self) -> Iterator[c.InformationResource]:
        yield from self.records[:10]
        raise RuntimeError("svc-catalog went away")


def test_a_failed_rebuild_leaves_the_live_index_and_the_next_clears_leftovers(
    search_client, index_prefix
) -> None:
    indices = index.Indices(index_prefix)
    index.ensure(search_client, indices)
    live = set(search_client.indices.get_alias(name=indices.resources))
    worker = Indexer(search_client, indices)
    records = [resource(i, 1) for i in range(20)]
    for record in records:
        worker.apply_resource(changed(record))

    with pytest.raises(RuntimeError, match="went away"):
        rebuild.rebuild(search_client, indices, Failing(records, lambda: None), settle_seconds=0)
    assert set(search_client.indices.get_alias(name=indices.resources)) == live
    assert not search_client.indices.exists_alias(name=index.building(indices.resources))
    assert set(search_client.indices.get(index=f"{index_prefix}resources*")) == live

    # a worker that still believes a rebuild runs never creates an index of that name
    for alias in (indices.resources, indices.data_items):
        worker._building[alias] = (worker.clock(), True)
    worker.apply_resource(changed(resource(0, 2)))
    assert not search_client.indices.exists(index=index.building(indices.resources))

    # an interrupted rebuild (killed between its steps) is cleared by the next one
    search_client.indices.create(index=f"{index_prefix}resources-v1-interrupted")
    search_client.indices.put_alias(
        index=f"{index_prefix}resources-v1-interrupted", name=index.building(indices.resources)
    )
    done = rebuild.rebuild(
        search_client, indices, Catalogue([resource(0, 2), *records[1:]], lambda: None), 0
    )
    assert done.written[indices.resources] + done.overtaken[indices.resources] == 20
    assert not search_client.indices.exists(index=f"{index_prefix}resources-v1-interrupted")
    assert not search_client.indices.exists_alias(name=index.building(indices.resources))
