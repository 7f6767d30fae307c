"""Concurrent jobs' reads of one source share exchange calls, and each job gets exactly the
records of its own members."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from govdata.verify.coalescing import IN_FLIGHT, MAX_VALUES, CoalescedReads
from govdata.verify.rules import Record, Unavailable
from govdata.verify.sources import Caller

CALLER = Caller("organizations/hx-mzj", "clerk", "核对")
SOURCE = "organizations/hx-cgs/resources/motor-vehicles"


class SlowExchange:
    """Stands in for ExchangeSources: one vehicle per owner, 20 ms a call."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0

    def fetch(self, caller, grant, source, members, items, key_item):  # type: ignore[no-untyped-def]
        with self.lock:
            self.calls.append(list(members))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        time.sleep(0.02)
        with self.lock:
            self.in_flight -= 1
        if self.fail:
            return Unavailable("车管所未响应", "UNAVAILABLE")
        return [Record(f"闽A{m[-4:]}|{m}", {"所有人证件号码": m.lower()}) for m in members]


def owners(job: int) -> list[str]:
    return [f"3599021980010{job:03d}{i}X" for i in range(4)]


def read(reads: CoalescedReads, job: int):  # type: ignore[no-untyped-def]
    return reads.fetch(CALLER, "g", SOURCE, owners(job), ("所有人证件号码",), "所有人证件号码")


def test_a_lone_read_goes_out_at_once_and_alone() -> None:
    exchange = SlowExchange()
    got = read(CoalescedReads(exchange), 1)  # type: ignore[arg-type]
    assert exchange.calls == [owners(1)]
    assert [r.fields["所有人证件号码"].upper() for r in got] == owners(1)


def test_concurrent_reads_share_calls_and_each_job_gets_its_own_records() -> None:
    exchange = SlowExchange()
    reads = CoalescedReads(exchange)  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=60) as pool:
        answers = list(pool.map(lambda job: read(reads, job), range(60)))
    for job, got in enumerate(answers):
        assert sorted(r.fields["所有人证件号码"].upper() for r in got) == sorted(owners(job))
    assert len(exchange.calls) < 30  # 60 reads, shared
    assert all(len(call) <= MAX_VALUES for call in exchange.calls)
    assert exchange.most_in_flight <= IN_FLIGHT
    asked = [member for call in exchange.calls for member in call]
    assert sorted(asked) == sorted(m for job in range(60) for m in owners(job))


def test_a_failed_call_answers_every_job_that_waited_on_it() -> None:
    reads = CoalescedReads(SlowExchange(fail=True))  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda job: read(reads, job), range(10)))
    assert all(isinstance(a, Unavailable) and a.code == "UNAVAILABLE" for a in answers)


def test_an_exception_reaches_every_job_of_the_call() -> None:
    class Broken(SlowExchange):
        def fetch(self, *args):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    reads = CoalescedReads(Broken())  # type: ignore[arg-type]
    with pytest.raises(RuntimeError):
        read(reads, 1)
