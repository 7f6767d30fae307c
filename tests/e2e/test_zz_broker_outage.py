"""Faults: the broker goes away mid-flow; writes go on, and every event arrives once it is back.

Named to run last: it restarts the shared RabbitMQ under every other test's feet.
"""

from __future__ import annotations

import subprocess

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s

from . import catalogue
from .conftest import SERVERS, caller, eventually


def servers(*args: str) -> None:
    done = subprocess.run(
        [SERVERS, *args], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, f"servers.sh {' '.join(args)}:\n{done.stdout}\n{done.stderr}"


def test_writes_during_a_broker_outage_are_all_searchable_after(catalog, search, tag) -> None:
    org = catalog.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=f"outage-{tag}",
            organization=catalogue.organization(tag, 1, "海新区住建局"),
        ),
        metadata=caller(),
    )
    servers("stop", "rabbitmq")
    try:
        written = []
        for i in range(8):
            created = catalog.CreateInformationResource(
                c.CreateInformationResourceRequest(
                    parent=org.name,
                    information_resource=catalogue.resource(
                        f"商品房预售许可信息{i}{tag}",
                        f"{tag} 断网期间登记",
                        cm.SHARE_TYPE_UNCONDITIONAL,
                        ["许可证号"],
                    ),
                ),
                metadata=caller(),
            )
            written.append(catalogue.publish(catalog, created))
    finally:
        servers("start", "rabbitmq")

    def all_searchable() -> None:
        response = search.Search(
            s.SearchRequest(query="预售许可", providers=[org.name], page_size=50), metadata=caller()
        )
        assert sorted(r.name for r in response.results) == sorted(r.name for r in written)
        assert response.total_size == len(written)  # nothing lost, nothing twice

    eventually(all_searchable, timeout=120)
