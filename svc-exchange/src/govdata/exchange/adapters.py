"""Live adapters (前置机): providers that answer queries from their own system instead of
publishing records.

The provider registers a ``RecordAdapterService`` endpoint for its resource; QueryByKey on
that resource then calls it — after the grant was checked, with the exchange's own
certificate, under the registered timeout — and keeps only the granted data items of the
answer. An adapter that does not answer is the caller's UNAVAILABLE or DEADLINE_EXCEEDED,
naming the provider's endpoint as the cause, never a hang or an internal error. Asked by one
key item, the adapter is also asked for that item, and only records that hold a value asked
in it are kept.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import datetime

import grpc
from google.protobuf.duration_pb2 import Duration
from pymongo.collection import Collection

from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.exchange import names
from govdata.exchange.key_item_index import MAX_MATCHES, distinct, normalised, too_many_matches
from govdata.exchange.store import guarded
from govdata.runtime.errors import DeadlineExceeded, FieldViolation, InvalidArgument, Unavailable
from govdata.runtime.locks import document_lock

DEFAULT_TIMEOUT = 2.0
MAX_TIMEOUT = 30.0
CACHE_SECONDS = 5.0
_ADDRESS = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]{1,253}):\d{1,5}$")


class Adapters:
    def __init__(self, collection: Collection, channel_to: Callable[[str], grpc.Channel]) -> None:
        self.collection = collection
        self.channel_to = channel_to
        self._stubs: dict[str, exchange_pb2_grpc.RecordAdapterServiceStub] = {}
        self._lock = threading.Lock()
        # resource → (adapter or None, when read): every query asks, few resources have one
        self._known: dict[str, tuple[x.ResourceAdapter | None, float]] = {}

    def set(self, adapter: x.ResourceAdapter, now: datetime) -> x.ResourceAdapter:
        names.check("resource", adapter.resource, "adapter.resource")
        address = adapter.address.strip()
        seconds = adapter.timeout.seconds + adapter.timeout.nanos / 1e9
        if address and (not _ADDRESS.match(address) or int(address.rsplit(":", 1)[1]) > 65535):
            raise InvalidArgument(FieldViolation("adapter.address", "must be host:port"))
        if seconds < 0 or seconds > MAX_TIMEOUT:
            raise InvalidArgument(
                FieldViolation("adapter.timeout", f"must be between 0 and {MAX_TIMEOUT:.0f} s")
            )
        out = x.ResourceAdapter(resource=adapter.resource, address=address)
        out.timeout.CopyFrom(adapter.timeout if seconds else Duration(seconds=int(DEFAULT_TIMEOUT)))
        out.update_time.FromDatetime(now)
        document = {"_id": adapter.resource, "message": out.SerializeToString()}
        # delete then insert, under the document's lock: FerretDB 1.x stalls on upserts
        with document_lock(self.collection.name, adapter.resource):
            guarded(lambda: self.collection.delete_one({"_id": adapter.resource}))
            if address:
                guarded(lambda: self.collection.insert_one(document))
            self._known.pop(adapter.resource, None)
        return out

    def find(self, resource: str) -> x.ResourceAdapter | None:
        """The resource's adapter; another replica's registration is seen within
        ``CACHE_SECONDS``, this process's at once."""
        cached = self._known.get(resource)
        if cached is not None and time.monotonic() - cached[1] < CACHE_SECONDS:
            return cached[0]
        document = guarded(lambda: self.collection.find_one({"_id": resource}))
        found = None if document is None else x.ResourceAdapter.FromString(document["message"])
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[resource] = (found, time.monotonic())
        return found

    def lookup(
        self,
        adapter: x.ResourceAdapter,
        grant: x.Grant,
        keys: list[str],
        wanted: frozenset[str],
        request_id: str,
        key_item: str = "",
    ) -> x.QueryByKeyResponse:
        """The adapter's answer, limited to ``keys`` (values of ``key_item`` when set) and
        ``wanted`` items."""
        timeout = adapter.timeout.seconds + adapter.timeout.nanos / 1e9 or DEFAULT_TIMEOUT
        request = x.LookupRecordsRequest(
            resource=grant.resource,
            keys=keys,
            data_items=sorted(wanted | {key_item} if key_item else wanted),
            consumer=grant.consumer,
            purpose=grant.purpose,
            request_id=request_id,
            key_item=key_item,
        )
        try:
            answer = self._stub(adapter.address).LookupRecords(request, timeout=timeout)
        except grpc.RpcError as error:
            code = error.code()  # type: ignore[attr-defined]
            where = f"the provider's adapter for {grant.resource}"
            if code == grpc.StatusCode.DEADLINE_EXCEEDED:
                raise DeadlineExceeded(f"{where} did not answer within {timeout:g} s") from None
            raise Unavailable(f"{where} is not answering ({code.name}); retry later") from None
        current = [r for r in answer.records if not r.deleted]
        if key_item:
            return _by_item(grant.resource, key_item, keys, current, wanted)
        found = {r.key: r for r in current}
        response = x.QueryByKeyResponse()
        for key in keys:
            record = found.get(key)
            if record is None:
                response.missing_keys.append(key)
            else:
                _add(response, grant.resource, record, wanted)
        return response

    def _stub(self, address: str) -> exchange_pb2_grpc.RecordAdapterServiceStub:
        with self._lock:
            stub = self._stubs.get(address)
            if stub is None:
                stub = exchange_pb2_grpc.RecordAdapterServiceStub(self.channel_to(address))
                self._stubs[address] = stub
            return stub


def _by_item(
    resource: str, item: str, values: list[str], records: list[x.Record], wanted: frozenset[str]
) -> x.QueryByKeyResponse:
    """The adapter's records grouped by the value of ``item`` they hold, in the order of
    ``values``; records holding none of them are dropped, values held by none missing."""
    holding: dict[str, list[x.Record]] = {}
    for record in records:
        holding.setdefault(normalised(record.fields.get(item, "")), []).append(record)
    response = x.QueryByKeyResponse()
    returned: set[str] = set()
    for value in distinct(values):
        held = holding.get(normalised(value), [])
        if not held:
            response.missing_keys.append(value)
        for record in held:
            if record.key not in returned:
                if len(returned) == MAX_MATCHES:
                    raise too_many_matches()
                returned.add(record.key)
                _add(response, resource, record, wanted)
    return response


def _add(
    response: x.QueryByKeyResponse, resource: str, record: x.Record, wanted: frozenset[str]
) -> None:
    out = response.records.add(
        resource=resource,
        key=record.key,
        fields={n: v for n, v in record.fields.items() if n in wanted},
    )
    out.arrival_time.GetCurrentTime()
    if record.HasField("source_update_time"):
        out.source_update_time.CopyFrom(record.source_update_time)
