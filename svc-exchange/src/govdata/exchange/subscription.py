"""Subscribe: a consumer's stream of new record versions, resumable from a cursor.

The resource's arrival log (``record_log``) is the durable queue; the consumer's cursor is
the sequence of the last record it has processed, sent back as ``after_sequence`` when it
reconnects — its acknowledgement. Delivery is therefore at least once (a record after the
acknowledged cursor comes again after a reconnect) and in arrival order, hence in order per
key; consumers drop repeats by (key, version). The grant is checked again before every
batch and while waiting, so a revocation or expiry ends the stream with PERMISSION_DENIED
within one poll interval.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange.gauges import RECORDS_DELIVERED
from govdata.exchange.grants import Grants
from govdata.exchange.record_log import RecordLog, batch_of, sequence_of, versioned

POLL_SECONDS = 0.5


def records(
    log: RecordLog,
    grants: Grants,
    request: x.SubscribeRequest,
    organization: str,
    active: Callable[[], bool],
    clock: Callable[[], datetime],
) -> Iterator[x.SubscribeResponse]:
    items = list(request.data_items)
    grant = grants.check(request.grant, organization, "", items, clock())
    wanted = frozenset(items or grant.data_items)
    resource = grant.resource
    after = request.after_sequence or log.last_sequence(resource)
    batch = max(batch_of(after), 1)
    while active():
        found = log.chunk(resource, batch)
        grants.check(request.grant, organization, resource, items, clock())
        if found is None:
            log.wait(POLL_SECONDS)
            continue
        arrival, rows = found
        sent = 0
        for index, row in enumerate(rows):
            sequence = sequence_of(batch, index)
            if sequence > after:
                sent += 1
                yield x.SubscribeResponse(
                    record=versioned(resource, row, sequence, arrival, wanted)
                )
        RECORDS_DELIVERED.inc(sent)
        batch += 1
