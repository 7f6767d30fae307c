"""The index-lag histogram: from the change's event time to its application."""

from __future__ import annotations

import time

from gov.events.v1 import events_pb2
from govdata.search.worker import INDEX_LAG, observe_lag


def total(kind: str) -> tuple[float, float]:
    samples = {s.name: s.value for s in INDEX_LAG.collect()[0].samples if s.labels["kind"] == kind}
    return samples.get("govdata_search_index_lag_seconds_count", 0.0), samples.get(
        "govdata_search_index_lag_seconds_sum", 0.0
    )


def test_lag_is_measured_from_the_event_time_and_never_negative() -> None:
    count, seconds = total("resource")
    envelope = events_pb2.EventEnvelope()
    envelope.time.FromNanoseconds(int((time.time() - 2.0) * 1e9))
    observe_lag(envelope, "resource")
    later = events_pb2.EventEnvelope()
    later.time.FromNanoseconds(int((time.time() + 60) * 1e9))  # a clock ahead of ours
    observe_lag(later, "resource")
    observe_lag(events_pb2.EventEnvelope(), "resource")  # no time: not observed
    new_count, new_seconds = total("resource")
    assert new_count == count + 2
    assert 2.0 <= new_seconds - seconds < 3.0
