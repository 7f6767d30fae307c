"""The order in which the indexer writes while a rebuild runs (no search engine needed)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from gov.catalog.v1 import catalog_pb2 as c
from gov.events.v1 import events_pb2 as e
from govdata.search import index
from govdata.search.indexer import Indexer


class Recorder:
    """Answers as OpenSearch would for records not indexed yet; records every write."""

    def __init__(self) -> None:
        self.writes: list[str] = []
        self.indices = SimpleNamespace(exists_alias=lambda name: name.endswith("-building"))

    def mget(self, index: str, body: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {"docs": [{"_id": i, "found": False} for i in body["ids"]]}

    def index(self, index: str, **_: Any) -> None:
        self.writes.append(index)

    def bulk(self, body: str, **_: Any) -> dict[str, Any]:
        first = body.split("\n", 1)[0]
        self.writes.append(first.split('"_index": "', 1)[1].split('"', 1)[0])
        return {"errors": False, "items": []}


def test_a_rebuild_index_is_written_before_the_live_one() -> None:
    """A write to the live alias resolved just before the swap lands in the old index, which
    the swap drops: the new index must already hold it (an e2e run lost 3 publications so)."""
    client = Recorder()
    indices = index.Indices("t-")
    res = c.InformationResource(
        name="organizations/o/resources/r",
        display_name="取水许可信息",
        revision=3,
        data_items=[c.DataItem(name="取水许可证号")],
    )
    Indexer(client, indices).apply_resource(
        e.InformationResourceChanged(
            kind=e.CHANGE_KIND_UPDATED, name=res.name, revision=3, resource=res
        )
    )
    assert client.writes == [
        "t-resources-building",
        "t-data-items-building",
        "t-resources",
        "t-data-items",
    ]
