"""Consumer lag as the broker sees it: messages waiting in each queue a worker consumes.

Counting what a worker consumed cannot show the messages it never got to; the broker's own
count can. A passive ``queue.declare`` returns it without creating or changing anything, so
every worker replica may ask (all report the same figure for a shared queue; dashboards and
alerts take the ``max``). A queue that does not exist (yet, or any more) has no series rather
than a figure of 0; while the broker is unreachable the last figures stay.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable

from amqp.exceptions import NotFound
from kombu import Connection

from govdata.runtime.amqp import AmqpParams
from govdata.runtime.metrics import QUEUE_CONSUMERS, QUEUE_MESSAGES

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 15.0


def measure(connection: Connection, queues: Iterable[str]) -> dict[str, tuple[int, int]]:
    """``{queue: (messages ready, consumers)}`` for each of ``queues`` that exists."""
    found: dict[str, tuple[int, int]] = {}
    channel = connection.channel()
    try:
        for name in queues:
            try:
                _, messages, consumers = channel.queue_declare(queue=name, passive=True)
            except NotFound:  # the broker closes the channel on a passive miss
                channel = connection.channel()
                continue
            found[name] = (messages, consumers)
    finally:
        channel.close()
    return found


class QueueDepthMonitor:
    """Sets ``govdata_events_queue_messages``/``_consumers`` every ``interval`` seconds.

    ``queues`` is called each round, since a worker's consumers are known only once its
    extensions have started. Runs on a daemon thread (a green thread in an eventlet worker).
    One connection serves every round (a TLS handshake and two broker log lines every 15 s
    per worker would be waste); it is opened again after a failure.
    """

    def __init__(
        self,
        params: AmqpParams,
        queues: Callable[[], Iterable[str]],
        interval: float = INTERVAL_SECONDS,
    ) -> None:
        self.params = params
        self.queues = queues
        self.interval = interval
        self._connection: Connection | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="queue-depth", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()

    def measure_once(self) -> None:
        wanted = sorted(self.queues())
        if self._connection is None:
            self._connection = Connection(self.params.uri, ssl=self.params.ssl or False)
        try:
            found = measure(self._connection, wanted)
        except Exception:
            self._close()
            raise
        for name in wanted:
            if name in found:
                QUEUE_MESSAGES.labels(name).set(found[name][0])
                QUEUE_CONSUMERS.labels(name).set(found[name][1])
            else:  # deleted on the broker: no series, rather than its last figure forever
                for gauge in (QUEUE_MESSAGES, QUEUE_CONSUMERS):
                    with contextlib.suppress(KeyError):
                        gauge.remove(name)

    def _close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.release()
            self._connection = None

    def _run(self) -> None:
        while True:
            try:
                self.measure_once()
            except Exception as exc:  # the broker is away: the gauges keep their last value
                log.warning("queue depth not measured: %s", exc)
            if self._stopped.wait(self.interval):
                self._close()
                return
