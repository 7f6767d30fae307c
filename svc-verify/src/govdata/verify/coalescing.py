"""Reads of concurrent jobs for the same source, made as one exchange call.

In an annual review hundreds of households are verified at once, each reading the same seven
sources for the same bureau, person and purpose under the same grants. Each call to the
exchange carries a fixed cost — its authentication, grant check and audit record — beyond the
per-key lookups. So at most ``IN_FLIGHT`` calls per source are under way at a time; reads
that arrive meanwhile wait and go out together when one returns, up to ``MAX_VALUES`` member
IDs in one ``QueryByKey``, the records handed back to each job by the key item's value. A
lone job never waits (nothing is in flight); under load the calls grow instead of queueing
at the exchange. Only reads identical but for their members are joined (same organisation,
person, purpose, grant, source, items and key item), so the exchange decides and audits them
as it would the separate reads, with all their data subjects listed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from govdata.runtime.privacy import normalize_id_number
from govdata.verify.rules import Record, Unavailable
from govdata.verify.sources import Caller, ExchangeSources

MAX_VALUES = 100  # QueryByKey's limit of keys per call
IN_FLIGHT = 2  # calls per source under way at once

Answer = Sequence[Record] | Unavailable
_Lane = tuple[Caller, str, str, tuple[str, ...], str]


@dataclass
class _Waiting:
    members: tuple[str, ...]
    answer: Future[Answer] = field(default_factory=Future)


@dataclass
class _Queue:
    waiting: list[_Waiting] = field(default_factory=list)
    in_flight: int = 0


class CoalescedReads:
    def __init__(self, sources: ExchangeSources) -> None:
        self.sources = sources
        self._changed = threading.Condition()
        self._lanes: dict[_Lane, _Queue] = {}

    def fetch(
        self,
        caller: Caller,
        grant: str,
        source: str,
        members: Iterable[str],
        items: Sequence[str],
        key_item: str,
    ) -> Answer:
        """What ``ExchangeSources.fetch`` answers for ``members``, possibly from a call
        shared with other jobs."""
        lane: _Lane = (caller, grant, source, tuple(items), key_item)
        mine = _Waiting(tuple(normalize_id_number(m) for m in members))
        with self._changed:
            queue = self._lanes.setdefault(lane, _Queue())
            queue.waiting.append(mine)
        while True:
            with self._changed:
                # Wait while my read is answered by someone else's call, or is still queued
                # with the source's calls all under way.
                while not mine.answer.done() and (
                    mine not in queue.waiting or queue.in_flight >= IN_FLIGHT
                ):
                    self._changed.wait()
                if mine.answer.done():
                    return mine.answer.result()
                group = _take(queue.waiting)  # the longest waiting, mine among them or not
                queue.in_flight += 1
            try:
                self._send(lane, group)
            finally:
                with self._changed:
                    queue.in_flight -= 1
                    if not queue.waiting and not queue.in_flight:
                        self._lanes.pop(lane, None)
                    self._changed.notify_all()

    def _send(self, lane: _Lane, group: list[_Waiting]) -> None:
        caller, grant, source, items, key_item = lane
        values = list(dict.fromkeys(m for waiting in group for m in waiting.members))
        try:
            answer = self.sources.fetch(caller, grant, source, values, items, key_item)
        except Exception as exc:  # handed to every job waiting on the call
            for waiting in group:
                waiting.answer.set_exception(exc)
            return
        for waiting in group:
            waiting.answer.set_result(_share(answer, waiting.members, key_item))


def _take(waiting: list[_Waiting]) -> list[_Waiting]:
    """The longest-waiting reads, up to ``MAX_VALUES`` IDs (at least one read)."""
    group = [waiting.pop(0)]
    count = len(group[0].members)
    while waiting and count + len(waiting[0].members) <= MAX_VALUES:
        count += len(waiting[0].members)
        group.append(waiting.pop(0))
    return group


def _share(answer: Answer, members: tuple[str, ...], key_item: str) -> Answer:
    """The records of ``answer`` that hold one of ``members`` in ``key_item``."""
    if isinstance(answer, Unavailable):
        return answer
    wanted = set(members)
    return [r for r in answer if normalize_id_number(r.fields.get(key_item, "")) in wanted]
