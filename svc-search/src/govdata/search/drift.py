"""The periodic drift check: the search index compared with the catalogue, as gauges.

A change on its way through the outbox and the queue makes a record briefly missing or
stale in the index; only a difference seen by two consecutive checks (``interval`` apart,
minutes by default, far beyond the index lag) is reported as drift. The check reads the
catalogue over gRPC as a rebuild does (``rebuild.check``) in a thread of the api process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from prometheus_client import Gauge

from govdata.search import index, rebuild
from govdata.search.rebuild import CatalogueSource, Drift

log = logging.getLogger(__name__)

DRIFT = Gauge(
    "govdata_search_drift_records",
    "Catalogue records the search index has missing, at an older revision (stale) or extra, "
    "in two consecutive drift checks; non-zero calls for `make reindex`.",
    ["kind", "difference"],
)
RECORDS = Gauge(
    "govdata_search_checked_records",
    "Records counted by the last drift check, in the catalogue and in the index.",
    ["kind", "source"],
)
CHECKED = Gauge(
    "govdata_search_drift_check_timestamp_seconds",
    "When the last drift check finished (Unix time); stale when checks fail.",
)


class DriftMonitor:
    """Runs ``rebuild.check`` every ``interval`` seconds and sets the gauges."""

    def __init__(
        self,
        client: object,
        indices: index.Indices,
        source: Callable[[], CatalogueSource],
        interval: float,
    ) -> None:
        self.client = client
        self.indices = indices
        self.source = source
        self.interval = interval
        self._previous: dict[tuple[str, str], set[str]] = {}
        self._stop = threading.Event()

    def check_once(self) -> list[Drift]:
        """One comparison; returns it and sets the gauges to the confirmed differences."""
        drifts = rebuild.check(self.client, self.indices, self.source())
        for drift in drifts:
            for difference, names in (
                ("missing", drift.missing),
                ("stale", drift.stale),
                ("extra", drift.extra),
            ):
                key = (drift.kind, difference)
                confirmed = set(names) & self._previous.get(key, set())
                self._previous[key] = set(names)
                DRIFT.labels(drift.kind, difference).set(len(confirmed))
                if confirmed:
                    log.warning(
                        "search drift: %d %s %ss, e.g. %s",
                        len(confirmed),
                        difference,
                        drift.kind,
                        min(confirmed),
                    )
            RECORDS.labels(drift.kind, "catalogue").set(drift.catalogue)
            RECORDS.labels(drift.kind, "index").set(drift.indexed)
        CHECKED.set(time.time())
        return drifts

    def start(self) -> None:
        threading.Thread(target=self._run, name="search-drift", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check_once()
            except Exception as exc:  # the catalogue or engine away: try next time
                log.warning("search drift check failed: %s", exc)
