"""The api's clock-driven work: escalating unanswered requests, expiring grants, and the
gauges of the sharing workflow and of provider freshness.

It runs in the api because the api writes sharing requests and grants (one writer per
collection on FerretDB); with several replicas on MongoDB each sweeps, and the store's
conditional writes let only one of them record each change.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange import freshness, gauges, workflow
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.grants import Grants
from govdata.exchange.record_log import RecordLog
from govdata.exchange.sharing_requests import SharingRequests

log = logging.getLogger(__name__)


class Sweeper:
    def __init__(
        self,
        requests: SharingRequests,
        grants: Grants,
        catalogue: CatalogueCopy,
        records: RecordLog,
        interval: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.requests = requests
        self.grants = grants
        self.catalogue = catalogue
        self.records = records
        self.interval = interval
        self.clock = clock
        self._stop = threading.Event()

    def sweep_once(self) -> None:
        now = self.clock()
        for request in self.requests.sweep(now):
            if request.state == x.SHARING_REQUEST_STATE_ESCALATED:
                gauges.ESCALATED.inc()
                log.warning(
                    "sharing request %s escalated: unanswered by its deadline", request.name
                )
        gauges.GRANTS_EXPIRED.inc(self.grants.expire_due(now))
        waiting = self.requests.store.scan({"state": {"$in": list(workflow.UNANSWERED)}})
        for state in workflow.UNANSWERED:
            count = sum(1 for r in waiting if r.state == state)
            gauges.SHARING_REQUESTS.labels(x.SharingRequestState.Name(state)[22:]).set(count)
        oldest = min((r.create_time.ToDatetime(tzinfo=UTC) for r in waiting), default=now)
        gauges.OLDEST_UNANSWERED.set((now - oldest).total_seconds())
        late = freshness.overdue(self.catalogue.published(), self.records.publications(), now)
        gauges.OVERDUE_RESOURCES.clear()
        for item in late:
            gauges.OVERDUE_RESOURCES.labels(item.provider).inc()

    def start(self) -> None:
        if self.interval > 0:
            threading.Thread(target=self._run, name="exchange-sweep", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sweep_once()
            except Exception:  # the store is down: the next sweep catches up
                log.warning("exchange sweep failed; retrying next interval", exc_info=True)
            self._stop.wait(self.interval)
