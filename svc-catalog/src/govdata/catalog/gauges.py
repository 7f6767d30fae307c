"""The catalogue's domain gauges, counted from the api's read model when Prometheus scrapes.

What monitoring staff watch: resources by share type and lifecycle state, information systems
by status, sharing demands by state, duties. They were recounted every 15 s by the worker
with aggregations over the collections, which on FerretDB are full scans parsing every
document — about a fifth of a core at a few hundred resources, whether anyone looked or not.
The read model (``read_model.py``) already holds every live record, current as of each read,
so a scrape costs a count in memory and the fetch of what changed since the last one.

Every api replica reports the same counts; dashboards take ``max`` over instances.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from govdata.catalog.read_model import CatalogueReadModel
from govdata.runtime.errors import Unavailable

log = logging.getLogger(__name__)


class CatalogueGauges(Collector):
    """``govdata_catalog_{resources,systems,demands,duties}`` from the read model."""

    def __init__(self, read_model: CatalogueReadModel) -> None:
        self.read = read_model

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            resources = Counter(
                (str(d.get("share_type", "")), str(d.get("state", "")))
                for d in self.read.documents("resources")
            )
            systems = Counter(str(d.get("status", "")) for d in self.read.documents("systems"))
            demands = Counter(str(d.get("state", "")) for d in self.read.documents("demands"))
            duties = len(self.read.duties())
        except Unavailable:
            # No figure rather than a stale one: the scrape shows the gauges absent.
            log.warning("catalogue gauges not reported: the store is unavailable")
            return
        family = GaugeMetricFamily(
            "govdata_catalog_resources",
            "Information resources in the catalogue, by share type and lifecycle state.",
            labels=["share_type", "state"],
        )
        for (share_type, state), n in sorted(resources.items()):
            family.add_metric([share_type, state], n)
        yield family
        for name, doc, label, counts in (
            (
                "govdata_catalog_systems",
                "Information systems, by operating status.",
                "status",
                systems,
            ),
            ("govdata_catalog_demands", "Sharing demands, by state.", "state", demands),
        ):
            family = GaugeMetricFamily(name, doc, labels=[label])
            for value, n in sorted(counts.items()):
                family.add_metric([value or "UNSPECIFIED"], n)
            yield family
        yield GaugeMetricFamily("govdata_catalog_duties", "Duties in the catalogue.", value=duties)

    def describe(self) -> Iterator[GaugeMetricFamily]:
        # Registering must not read the store (it may be down at start): names only.
        yield GaugeMetricFamily("govdata_catalog_resources", "", labels=["share_type", "state"])
        yield GaugeMetricFamily("govdata_catalog_systems", "", labels=["status"])
        yield GaugeMetricFamily("govdata_catalog_demands", "", labels=["state"])
        yield GaugeMetricFamily("govdata_catalog_duties", "")


_SERVING: dict[str, CatalogueGauges] = {}  # the one registered in this process


def serve(read_model: CatalogueReadModel) -> CatalogueGauges:
    """Report the gauges of ``read_model`` on this process's ``/metrics`` (replacing those
    of an api registered earlier in the same process, as tests do)."""
    previous = _SERVING.pop("api", None)
    if previous is not None:
        REGISTRY.unregister(previous)
    gauges = _SERVING["api"] = CatalogueGauges(read_model)
    REGISTRY.register(gauges)
    return gauges
