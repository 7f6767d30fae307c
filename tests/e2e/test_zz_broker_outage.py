"""Faults: the broker goes away mid-flow; writes go on, and every event arrives once it is back.

Named to run last: it restarts the shared RabbitMQ under every other test's feet.
"""

from __future__ import annotations

import subprocess

from . import catalogue
from .conftest import SERVERS, eventually


def servers(*args: str) -> None:
    done = subprocess.run(
        [SERVERS, *args], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, f"servers.sh {' '.join(args)}:\n{done.stdout}\n{done.stderr}"


def test_writes_during_a_broker_outage_are_all_searchable_after(catalog, search, tag) -> None:
    org = catalogue.department(catalog, f"outage-{tag}", tag, "海新区住建局")
    servers("stop", "rabbitmq")
    try:
        written = []
        for i in range(8):
            written.append(
                catalogue.register_published(
                    catalog,
                    org.name,
                    f"商品房预售许可信息{i}{tag}",
                    f"{tag} 断网期间登记",
                    ["许可证号"],
                )
            )
    finally:
        servers("start", "rabbitmq")

    eventually(lambda: catalogue.exactly_found(search, "预售许可", org.name, written), timeout=120)
