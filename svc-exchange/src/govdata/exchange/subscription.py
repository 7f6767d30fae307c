"""Subscribe: a consumer's stream of new record versions, resumable from a cursor.

The resource's arrival log (``record_log``) is the durable queue; the consumer's cursor is
the sequence of the last record it has processed, sent back as ``after_sequence`` when it
reconnects — its acknowledgement. Delivery is therefore at least once (a record after the
acknowledged cursor comes again after a reconnect) and in arrival order, hence in order per
key; consumers drop repeats by (key, version). The grant is checked again before every
batch and while waiting, so a revocation or expiry ends the stream with PERMISSION_DENIED
within one poll interval.

Each batch is audited before it leaves, like a query: the subjects' keyed hashes, the
granted items, the grant and its purpose (fail-closed: if the record cannot be written the
stream ends UNAVAILABLE and the consumer resumes from its cursor later).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange.gauges import RECORDS_DELIVERED
from govdata.exchange.grants import Grants
from govdata.exchange.record_log import RecordLog, batch_of, sequence_of, versioned
from govdata.runtime.audit import AccessNote, AuditTrail, subject_keys

METHOD = "/gov.exchange.v1.ExchangeService/Subscribe"
POLL_SECONDS = 0.5


def records(
    log: RecordLog,
    grants: Grants,
    grant: x.Grant,
    request: x.SubscribeRequest,
    organization: str,
    active: Callable[[], bool],
    clock: Callable[[], datetime],
    audit_trail: AuditTrail,
) -> Iterator[x.SubscribeResponse]:
    """The stream under ``grant`` (just checked by the caller), checked again per batch."""
    items = list(request.data_items)
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
        first = next((i for i in range(len(rows)) if sequence_of(batch, i) > after), len(rows))
        leaving = rows[first:]
        if leaving:
            note = AccessNote(
                resource=resource,
                data_items=sorted(wanted),
                data_subject_keys=subject_keys([row.key for row in leaving]),
                grant=grant.name,
                purpose=grant.purpose,
            )
            audit_trail.record(METHOD, "OK", note)
        for index, row in enumerate(leaving, start=first):
            yield x.SubscribeResponse(
                record=versioned(resource, row, sequence_of(batch, index), arrival, wanted)
            )
        RECORDS_DELIVERED.inc(len(leaving))
        batch += 1
