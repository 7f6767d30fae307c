"""Faults: the search engine goes away mid-flow. Search refuses at once with UNAVAILABLE
(no hang), the catalogue goes on (its gap list without search's candidates), and every
change made meanwhile is searchable once the engine is back (the worker's events wait in
their queue).

Named to run last: it restarts the shared OpenSearch under every other test's feet.
"""

from __future__ import annotations

import grpc
import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.search.v1 import search_pb2 as s

from . import catalogue
from .conftest import caller, eventually
from .test_zz_broker_outage import servers

# Well inside this, or the caller would be left hanging: connection refused is retried twice.
SEARCH_DEADLINE_SECONDS = 15


def test_search_refuses_clearly_while_the_engine_is_down_and_catches_up_after(
    catalog, search, tag
) -> None:
    org = catalogue.department(catalog, f"os-outage-{tag}", tag, "海新区林业局")
    servers("stop", "opensearch")
    try:
        with pytest.raises(grpc.RpcError) as refused:
            search.Search(
                s.SearchRequest(query="林木采伐"),
                metadata=caller(),
                timeout=SEARCH_DEADLINE_SECONDS,
            )
        assert refused.value.code() == grpc.StatusCode.UNAVAILABLE, refused.value.details()
        assert "search engine is unavailable" in refused.value.details()
        # the gap list is the catalogue's own answer: given, each gap saying why it has no
        # candidate resources from search
        gaps = catalog.ListDemandGaps(
            c.ListDemandGapsRequest(parent="organizations/-"), metadata=caller(), timeout=30
        ).gaps
        assert gaps and all(not g.candidates for g in gaps)
        assert all(g.candidates_unavailable.startswith("search unavailable") for g in gaps), gaps
        written = []
        for i in range(5):
            written.append(
                catalogue.register_published(
                    catalog,
                    org.name,
                    f"林木采伐许可信息{i}{tag}",
                    f"{tag} 检索引擎停机期间登记",
                    ["采伐证号"],
                )
            )
    finally:
        servers("start", "opensearch")

    eventually(
        lambda: catalogue.exactly_found(search, "林木采伐许可", org.name, written), timeout=180
    )
