"""Benchmark: svc-exchange record delivery and query by key, against RabbitMQ and MongoDB.

The issue's figures, printed and written to ``bench-results/exchange-<time>.json``; targets
are shown beside them, never asserted (end to end >= 5,000 records/s, end to end / raw
RabbitMQ >= 0.3, QueryByKey p99 < 20 ms):

1. **Delivery end to end.** On the running platform, through gRPC with mutual TLS: a provider
   department publishes N records (``ExchangeService.PublishRecords``, batches of 1,000) of a
   conditionally shared vehicle resource, while a consumer department holds a ``Subscribe``
   stream under its grant (``after_sequence=1``: the resource's log from its start). Time
   from the first publish call until the subscriber has received all N records; also the
   publish-only rate (first call to last answer), each call's latency, and a second
   Subscribe from the log's start once all is published (the api's streaming rate alone).
2. **Raw RabbitMQ.** The same serialized ``x.Record`` bytes, one message per record, through
   a durable queue of this run's own with kombu: persistent messages, publisher confirms, a
   consumer acknowledging each message by hand while the producer publishes. Time from the
   first publish until all N are consumed. The issue's ratio (end to end / raw) is taken with
   confirms streamed back on the kombu channel (at most ``--confirm-window`` unconfirmed);
   kombu's own ``confirm_publish``, where each publish waits for its confirm, is run too.
3. **QueryByKey.** A household of four (4 keys of the published records, a different one each
   call) under the grant, sequential calls; and the same four ``find_one`` by ``_id`` on
   ``record_heads`` of ``govdata_exchange`` directly, interleaved with the gRPC calls so
   both see the same conditions.

The setup is done here through gRPC, as departments would do it: two departments (公安 as the
provider, 民政 as the consumer), a calling system of each (``data_provider`` /
``data_consumer``, a rate limit no load here reaches, certificates from the development PKI),
a published CONDITIONAL resource (公民身份号码 as key, 姓名, 号牌号码, 车辆价值), a sharing request
and its approval. Afterwards the grant is revoked, the resource retired, the calling systems
deleted and the raw queue deleted; the published records stay in svc-exchange's database.

    .venv/bin/python tests/bench/exchange_delivery.py [--records 50000] [--queries 500]
        [--prefetch 1000] [--confirm-window 1000]

The platform must run (``make bench`` runs ``tests/bench/run.py`` first, which starts it); it
is never started or stopped here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import grpc
import kombu
import pymongo
from google.type.interval_pb2 import Interval
from measure import figures, percentiles, platform_up, ratio, retrying, say

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.catalog.credit_code import check_character, organization_code_check
from govdata.runtime import devpki
from govdata.runtime.amqp import amqp_params
from govdata.runtime.config import Settings
from govdata.runtime.local_platform import API_PORTS
from govdata.runtime.stores import mongo_client_options

ROOT = Path(__file__).resolve().parents[2]
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
PKI = HOME / "pki"
BATCH = 1000  # records per PublishRecords call (the contract's most)
HOUSEHOLD = 4
SEED = 20261120
TARGETS = {"end_to_end_records_per_second": 5000.0, "ratio_to_raw": 0.3, "query_p99_ms": 20.0}
ITEMS = ["公民身份号码", "姓名", "号牌号码", "车辆价值"]
T = TypeVar("T")

# ---------------------------------------------------------------------------------------------
# Figures and calls
# ---------------------------------------------------------------------------------------------


def rate(count: int, seconds: float | None) -> float | None:
    return round(count / seconds, 1) if seconds else None


def caller(purpose: str = "exchange benchmark") -> tuple[tuple[str, str], ...]:
    """Call metadata (ASCII only: gRPC metadata values are ASCII text)."""
    return (
        ("x-gov-person", "bench"),
        ("x-gov-purpose", purpose),
        ("x-request-id", uuid.uuid4().hex),
    )


def until_not(
    codes: tuple[grpc.StatusCode, ...], call: Callable[[], T], what: str, timeout: float = 60.0
) -> T:
    """``call`` once it stops failing with one of ``codes``: the apis learn of new calling
    systems and resources from the catalogue's events, within seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return retrying(call, what)
        except grpc.RpcError as error:
            if error.code() not in codes or time.monotonic() > deadline:
                raise
            time.sleep(0.25)


# ---------------------------------------------------------------------------------------------
# Test data (as tests/e2e/exchange_parties.py and catalogue.py make it)
# ---------------------------------------------------------------------------------------------


def credit_code() -> str:
    """A fresh valid unified social credit code (codes are unique across organisations)."""
    first16 = f"91359902{secrets.randbelow(10**8):08d}"
    first17 = first16 + organization_code_check(first16[8:])
    return first17 + check_character(first17)


def citizen_id(n: int) -> str:
    """A distinct 18-character citizen ID with its GB 11643 check digit, for each ``n``."""
    body = f"3501021980{n:07d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def vehicle(key: str, n: int) -> x.Record:
    return x.Record(
        key=key,
        fields={
            "公民身份号码": key,
            "姓名": f"车主{n}",
            "号牌号码": f"闽A{n:05d}",
            "车辆价值": f"{100000 + n}.50",
        },
    )


def vehicle_resource() -> c.InformationResource:
    return c.InformationResource(
        display_name="机动车登记信息（交换基准）",
        abstract="机动车所有人、号牌及车辆价值",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_CONDITIONAL,
            share_method=cm.SHARE_METHOD_INTERFACE,
            legal_basis="《政务信息资源共享管理暂行办法》第九条",
            conditions="限于履行法定职责，需说明用途",
        ),
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="103001"
        ),
        data_items=[
            c.DataItem(name="公民身份号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True),
            c.DataItem(name="姓名", type=cm.DATA_ITEM_TYPE_CHARACTER, length=30, personal=True),
            c.DataItem(name="号牌号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=10),
            c.DataItem(name="车辆价值", type=cm.DATA_ITEM_TYPE_CURRENCY, length=12),
        ],
    )


def period(days: int) -> Interval:
    out = Interval()
    start = datetime.now(UTC) - timedelta(minutes=1)
    out.start_time.FromDatetime(start)
    out.end_time.FromDatetime(start + timedelta(days=days))
    return out


# ---------------------------------------------------------------------------------------------
# Setup: two departments, their calling systems, a published resource and a grant
# ---------------------------------------------------------------------------------------------


@dataclass
class Parties:
    tag: str
    catalog: Any  # as the platform administrator
    provider: str
    consumer: str
    systems: list[str]
    resource: c.InformationResource
    as_provider: Any
    as_consumer: Any
    grant: str = ""
    channels: list[grpc.Channel] = field(default_factory=list)


def register_system(catalog: Any, system_id: str, role: str, organization: str) -> None:
    """Register ``system_id`` (its certificate subject too) and issue its certificate."""
    devpki.issue_to(PKI, system_id, hosts=("127.0.0.1",))
    retrying(
        lambda: catalog.CreateCallingSystem(
            c.CreateCallingSystemRequest(
                calling_system_id=system_id,
                calling_system=c.CallingSystem(
                    display_name=f"exchange benchmark {system_id}",
                    certificate_subject=system_id,
                    organization=organization,
                    roles=[role],
                    # the default 100 calls/s would throttle the query run
                    rate_limit_per_second=100000,
                ),
            ),
            metadata=caller(),
            timeout=30,
        ),
        "register calling system",
    )


def department(catalog: Any, organization_id: str, title: str) -> str:
    created = retrying(
        lambda: catalog.CreateOrganization(
            c.CreateOrganizationRequest(
                organization_id=organization_id,
                organization=c.Organization(
                    display_name=title,
                    unified_social_credit_code=credit_code(),
                    kind=c.ORGANIZATION_KIND_DEPARTMENT,
                ),
            ),
            metadata=caller(),
            timeout=30,
        ),
        "create organisation",
    )
    return created.name


def exchange_channel(subject: str) -> grpc.Channel:
    return devpki.channel(PKI, f"127.0.0.1:{API_PORTS['exchange']}", subject)


def setup(tag: str) -> Parties:
    admin = devpki.channel(PKI, f"127.0.0.1:{API_PORTS['catalog']}")
    catalog = catalog_pb2_grpc.CatalogServiceStub(admin)
    provider = department(catalog, f"bga-{tag}", f"公安分局（交换基准{tag}）")
    consumer = department(catalog, f"bmz-{tag}", f"民政局（交换基准{tag}）")
    systems = [f"bench-ga-{tag}", f"bench-mz-{tag}"]
    register_system(catalog, systems[0], "data_provider", provider)
    register_system(catalog, systems[1], "data_consumer", consumer)
    created = catalog.CreateInformationResource(
        c.CreateInformationResourceRequest(
            parent=provider, information_resource=vehicle_resource()
        ),
        metadata=caller(),
        timeout=30,
    )
    submitted = catalog.SubmitInformationResource(
        c.SubmitInformationResourceRequest(name=created.name, etag=created.etag),
        metadata=caller(),
        timeout=30,
    )
    published = catalog.PublishInformationResource(
        c.PublishInformationResourceRequest(name=submitted.name, etag=submitted.etag),
        metadata=caller(),
        timeout=30,
    )
    opened = [exchange_channel(systems[0]), exchange_channel(systems[1])]
    p = Parties(
        tag,
        catalog,
        provider,
        consumer,
        systems,
        published,
        exchange_pb2_grpc.ExchangeServiceStub(opened[0]),
        exchange_pb2_grpc.ExchangeServiceStub(opened[1]),
        channels=[admin, *opened],
    )
    # The exchange api learns of the systems and the resource from the catalogue's events:
    # UNAUTHENTICATED until it knows the system, FAILED_PRECONDITION until the resource.
    ask = x.CreateSharingRequestRequest(
        parent=consumer,
        sharing_request=x.SharingRequest(
            resource=published.name,
            data_items=ITEMS,
            duty=f"{consumer}/duties/dibao",
            legal_basis="《社会救助暂行办法》第六十条",
            purpose="低保家庭经济状况核对",
            period=period(180),
        ),
    )
    waiting = (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.FAILED_PRECONDITION)
    filed = until_not(
        waiting,
        lambda: p.as_consumer.CreateSharingRequest(ask, metadata=caller(), timeout=10),
        "file sharing request",
    )
    approved = until_not(
        (grpc.StatusCode.UNAUTHENTICATED,),
        lambda: p.as_provider.ApproveSharingRequest(
            x.ApproveSharingRequestRequest(
                name=filed.name, etag=filed.etag, reason="交换基准：全部数据项"
            ),
            metadata=caller(),
            timeout=10,
        ),
        "approve sharing request",
    )
    p.grant = approved.grant
    return p


def cleanup(p: Parties) -> list[str]:
    """Revoke the grant, retire the resource, delete the calling systems; what failed."""
    failed: list[str] = []
    steps: list[tuple[str, Callable[[], Any]]] = []
    if p.grant:
        steps.append(
            (
                "revoke grant",
                lambda: p.as_provider.RevokeGrant(
                    x.RevokeGrantRequest(name=p.grant, reason="交换基准结束"),
                    metadata=caller(),
                    timeout=30,
                ),
            )
        )
    steps.append(
        (
            "retire resource",
            lambda: p.catalog.RetireInformationResource(
                c.RetireInformationResourceRequest(
                    name=p.resource.name, etag=p.resource.etag, reason="exchange benchmark done"
                ),
                metadata=caller(),
                timeout=30,
            ),
        )
    )
    for system in p.systems:
        steps.append(
            (
                f"delete {system}",
                lambda system=system: p.catalog.DeleteCallingSystem(
                    c.DeleteCallingSystemRequest(name=f"callingSystems/{system}"),
                    metadata=caller(),
                    timeout=30,
                ),
            )
        )
    for what, step in steps:
        try:
            step()
        except grpc.RpcError as error:
            failed.append(f"{what}: {error.code().name} {error.details()}")
    for system in p.systems:
        for suffix in (".crt", ".key"):
            (PKI / f"{system}{suffix}").unlink(missing_ok=True)
    for opened in p.channels:
        opened.close()
    return failed


# ---------------------------------------------------------------------------------------------
# 1. Delivery end to end: PublishRecords -> Subscribe
# ---------------------------------------------------------------------------------------------


class Subscriber(threading.Thread):
    """Counts a Subscribe stream's records; notes when the first and the ``expected``-th
    arrived, and whether sequences rise and keys come in publish order."""

    def __init__(self, stub: Any, grant: str, expected: list[str]) -> None:
        super().__init__(daemon=True)
        self.stream = stub.Subscribe(
            x.SubscribeRequest(grant=grant, after_sequence=1),
            metadata=caller("dibao household check"),
        )
        self.expected = expected
        self.count = 0
        self.out_of_order = 0
        self.wrong_key = 0
        self.first: float | None = None
        self.done: float | None = None
        self.complete = threading.Event()
        self.ended: str | None = None

    def run(self) -> None:
        last = 0
        try:
            for message in self.stream:
                record = message.record
                if self.first is None:
                    self.first = time.perf_counter()
                if record.sequence <= last:
                    self.out_of_order += 1
                last = record.sequence
                if self.count < len(self.expected) and record.key != self.expected[self.count]:
                    self.wrong_key += 1
                self.count += 1
                if self.count == len(self.expected):
                    self.done = time.perf_counter()
                    self.complete.set()
        except grpc.RpcError as error:
            self.ended = error.code().name
        self.complete.set()


def bench_delivery(p: Parties, keys: list[str]) -> dict:
    n = len(keys)
    subscriber = Subscriber(p.as_consumer, p.grant, keys)
    subscriber.stream.initial_metadata()  # the api has the call (sent before it admits it)
    subscriber.start()
    call_seconds: list[float] = []
    rejected = accepted = 0
    batches = [
        x.PublishRecordsRequest(
            resource=p.resource.name,
            records=[vehicle(k, i + j) for j, k in enumerate(keys[i : i + BATCH])],
        )
        for i in range(0, n, BATCH)
    ]
    began = time.perf_counter()
    for batch in batches:
        start = time.perf_counter()
        answer = p.as_provider.PublishRecords(
            batch, metadata=caller("daily data update"), timeout=120
        )
        call_seconds.append(time.perf_counter() - start)
        accepted += answer.accepted_count
        rejected += len(answer.rejected)
    published = time.perf_counter()
    subscriber.complete.wait(timeout=max(120.0, n / 200))
    subscriber.stream.cancel()
    subscriber.join(timeout=10)
    total = subscriber.done - began if subscriber.done else None
    publish_seconds = published - began
    return {
        "records": n,
        "batch_size": BATCH,
        "accepted": accepted,
        "rejected": rejected,
        "received": subscriber.count,
        "complete": subscriber.done is not None,
        "stream_ended": subscriber.ended if subscriber.done is None else None,
        "out_of_order": subscriber.out_of_order,
        "not_in_publish_order": subscriber.wrong_key,
        "seconds": round(total, 3) if total else None,
        "records_per_second": rate(n, total),
        "publish_seconds": round(publish_seconds, 3),
        "publish_records_per_second": rate(accepted, publish_seconds),
        "first_received_after_s": round(subscriber.first - began, 3) if subscriber.first else None,
        "last_received_after_last_publish_s": (
            round(subscriber.done - published, 3) if subscriber.done else None
        ),
        "publish_call": percentiles(call_seconds),
    }


def bench_replay(p: Parties, keys: list[str]) -> dict:
    """A second Subscribe from the log's start once everything is published: the rate the
    api streams stored records at, without publishing going on beside it."""
    n = len(keys)
    subscriber = Subscriber(p.as_consumer, p.grant, keys)
    subscriber.stream.initial_metadata()
    began = time.perf_counter()
    subscriber.start()
    subscriber.complete.wait(timeout=max(120.0, n / 200))
    subscriber.stream.cancel()
    subscriber.join(timeout=10)
    total = subscriber.done - began if subscriber.done else None
    return {
        "records": n,
        "received": subscriber.count,
        "complete": subscriber.done is not None,
        "seconds": round(total, 3) if total else None,
        "records_per_second": rate(n, total),
        "first_received_after_s": round(subscriber.first - began, 3) if subscriber.first else None,
    }


# ---------------------------------------------------------------------------------------------
# 2. The same payloads through RabbitMQ with kombu
# ---------------------------------------------------------------------------------------------


class Confirms:
    """Publisher confirms counted as they come (``multiple`` acks cover every earlier tag)."""

    def __init__(self) -> None:
        self.outstanding: set[int] = set()
        self.low = 1
        self.nacked = 0

    def sent(self, tag: int) -> None:
        self.outstanding.add(tag)

    def ack(self, tag: int, multiple: bool) -> None:
        if not multiple:
            self.outstanding.discard(tag)
            return
        while self.low <= tag:
            self.outstanding.discard(self.low)
            self.low += 1

    def nack(self, tag: int, multiple: bool) -> None:
        self.nacked += 1 if not multiple else max(1, tag - self.low + 1)
        self.ack(tag, multiple)


def bench_raw(payloads: list[bytes], tag: str, prefetch: int, window: int) -> dict:
    """``payloads`` through a durable queue of the run's own, consumed while published.

    ``window`` 0: kombu's ``confirm_publish``, each publish waits for its confirm. Otherwise
    confirms stream back on the same kombu (py-amqp) channel while publishing goes on, with
    at most ``window`` messages unconfirmed.
    """
    params = amqp_params(Settings.from_env("exchange", "bench"))
    n = len(payloads)
    name = f"govdata-bench-exchange-raw-{tag}-{window}"
    queue = kombu.Queue(name, exchange=kombu.Exchange(""), routing_key=name, durable=True)
    consumed = 0
    first: list[float] = []
    done: list[float] = []
    ready = threading.Event()
    stop = threading.Event()
    errors: list[str] = []

    def consume() -> None:
        nonlocal consumed
        try:
            with kombu.Connection(params.uri, ssl=params.ssl) as conn:
                channel = conn.channel()
                channel.basic_qos(0, prefetch, False)

                def on_message(message: Any) -> None:
                    nonlocal consumed
                    message.ack()
                    consumed += 1
                    if not first:
                        first.append(time.perf_counter())
                    if consumed == n:
                        done.append(time.perf_counter())

                with kombu.Consumer(channel, [queue], on_message=on_message, no_ack=False):
                    ready.set()
                    while consumed < n and not stop.is_set():
                        try:
                            conn.drain_events(timeout=1)
                        except TimeoutError:
                            continue
                channel.close()
        except Exception as error:  # shown in the results: a failure is a result too
            errors.append(repr(error))
        finally:
            ready.set()

    options = {} if window else {"confirm_publish": True}
    confirms = Confirms()
    with kombu.Connection(params.uri, ssl=params.ssl, transport_options=options) as conn:
        channel = conn.channel()
        queue(channel).declare()
        queue(channel).purge()
        consumer = threading.Thread(target=consume, daemon=True)
        consumer.start()
        ready.wait(30)
        properties = {"delivery_mode": 2}  # persistent
        began = time.perf_counter()
        if window:
            channel.events["basic_ack"].add(confirms.ack)
            channel.events["basic_nack"].add(confirms.nack)
            channel.confirm_select()
            for tag_number, body in enumerate(payloads, start=1):
                while len(confirms.outstanding) >= window:
                    conn.drain_events(timeout=30)
                message = channel.prepare_message(
                    body, None, "application/octet-stream", "binary", None, properties
                )
                channel.basic_publish(message, exchange="", routing_key=name)
                confirms.sent(tag_number)
            while confirms.outstanding:
                conn.drain_events(timeout=30)
        else:
            producer = kombu.Producer(channel)
            for body in payloads:
                producer.publish(
                    body,
                    routing_key=name,
                    content_type="application/octet-stream",
                    content_encoding="binary",
                    retry=False,
                    **properties,
                )
        published = time.perf_counter()
        consumer.join(timeout=max(120.0, n / 200))
        stop.set()
        consumer.join(timeout=10)
        queue(channel).delete()
        channel.close()
    total = done[0] - began if done else None
    return {
        "records": n,
        "queue": name,
        "confirms": (
            f"confirms streamed, at most {window} unconfirmed"
            if window
            else "each publish waits for its confirm"
        ),
        "message_bytes": percentiles([float(len(b)) for b in payloads], unit=1.0, suffix="b"),
        "prefetch": prefetch,
        "consumed": consumed,
        "nacked": confirms.nacked,
        "complete": bool(done),
        "errors": errors,
        "seconds": round(total, 3) if total else None,
        "records_per_second": rate(n, total),
        "publish_seconds": round(published - began, 3),
        "publish_records_per_second": rate(n, published - began),
        "first_consumed_after_s": round(first[0] - began, 3) if first else None,
        # may be negative: the last message can be consumed before its confirm is read
        "last_consumed_after_last_confirm_s": (
            round(done[0] - published, 3) + 0.0 if done else None
        ),
    }


# ---------------------------------------------------------------------------------------------
# 3. QueryByKey of a household, and the same reads on MongoDB
# ---------------------------------------------------------------------------------------------


def bench_query(p: Parties, keys: list[str], calls: int, warmup: int = 10) -> dict:
    settings = Settings.from_env("exchange", "bench")
    client: pymongo.MongoClient = pymongo.MongoClient(
        settings.mongo_uri, **mongo_client_options(settings)
    )
    heads = client[settings.mongo_database]["record_heads"]
    resource = p.resource.name
    rng = random.Random(SEED)  # noqa: S311 - reproducible choice of households, not a secret
    failures: dict[str, int] = {}
    grpc_seconds: list[float] = []
    direct_seconds: list[float] = []
    wrong = 0

    def household() -> list[str]:
        start = rng.randrange(0, len(keys) - HOUSEHOLD + 1)
        return keys[start : start + HOUSEHOLD]

    def via_grpc(members: list[str]) -> int:
        answer = p.as_consumer.QueryByKey(
            x.QueryByKeyRequest(grant=p.grant, resource=resource, keys=members),
            metadata=caller("dibao household check"),
            timeout=10,
        )
        return len(answer.records)

    def direct(members: list[str]) -> int:
        return sum(heads.find_one({"_id": f"{resource}#{k}"}) is not None for k in members)

    paths = {"grpc": (via_grpc, grpc_seconds), "direct": (direct, direct_seconds)}
    for i in range(warmup + calls):
        members = household()
        order = list(paths.items())
        rng.shuffle(order)  # neither path always goes first (warm caches, pooled connections)
        for way, (call, samples) in order:
            start = time.perf_counter()
            try:
                found = call(members)
            except grpc.RpcError as error:
                what = f"{way} {error.code().name}"
                failures[what] = failures.get(what, 0) + 1
                continue
            elapsed = time.perf_counter() - start
            if found != HOUSEHOLD:
                wrong += 1
            if i >= warmup:
                samples.append(elapsed)
    client.close()
    g, d = percentiles(grpc_seconds), percentiles(direct_seconds)
    return {
        "calls": calls,
        "keys_per_call": HOUSEHOLD,
        "warmup_calls": warmup,
        "grpc": g,
        "direct": d,
        "p50_ratio": ratio(g.get("p50_ms"), d.get("p50_ms")),
        "p99_ratio": ratio(g.get("p99_ms"), d.get("p99_ms")),
        "failures": failures,
        "answers_not_of_four": wrong,
    }


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def report(results: dict) -> None:
    say("")
    say(f"=== svc-exchange delivery benchmark, {results['records']:,} records ===")
    if e2e := results.get("end_to_end"):
        say(
            f"end to end (PublishRecords -> Subscribe): {e2e['records_per_second']} records/s "
            f"[goal >= 5,000] in {e2e['seconds']} s; received {e2e['received']:,} of "
            f"{e2e['records']:,}"
        )
        say(
            f"  publish only: {e2e['publish_records_per_second']} records/s "
            f"({e2e['publish_seconds']} s, {e2e['accepted']:,} accepted, {e2e['rejected']} "
            f"rejected); PublishRecords of {BATCH}: {figures(e2e['publish_call'])} ms"
        )
        say(
            f"  first record received {e2e['first_received_after_s']} s after the first "
            f"publish; last {e2e['last_received_after_last_publish_s']} s after the last "
            f"answer; out of order {e2e['out_of_order']}, not in publish order "
            f"{e2e['not_in_publish_order']}"
            + (f"; stream ended {e2e['stream_ended']}" if e2e["stream_ended"] else "")
        )
    if replay := results.get("subscribe_replay"):
        say(
            f"  Subscribe alone (a second stream from the log's start, all published): "
            f"{replay['records_per_second']} records/s ({replay['received']:,} in "
            f"{replay['seconds']} s)"
        )
    for key, label in (
        ("raw_rabbitmq", "raw RabbitMQ"),
        ("raw_rabbitmq_confirm_each", "raw RabbitMQ"),
    ):
        if not (raw := results.get(key)):
            continue
        size = raw["message_bytes"]
        say(
            f"{label} ({raw['confirms']}; durable queue, persistent, manual ack): "
            f"{raw['records_per_second']} records/s in {raw['seconds']} s; consumed "
            f"{raw['consumed']:,} of {raw['records']:,} (messages of {size.get('p50_b')} bytes)"
        )
        say(
            f"  publish only: {raw['publish_records_per_second']} records/s "
            f"({raw['publish_seconds']} s); last consumed "
            f"{raw['last_consumed_after_last_confirm_s']} s after the last confirm"
            + (f"; nacked {raw['nacked']}" if raw["nacked"] else "")
            + (f"; errors {raw['errors']}" if raw["errors"] else "")
        )
    if "ratio_end_to_end_to_raw" in results:
        say(
            f"ratio end to end / raw (confirms streamed): {results['ratio_end_to_end_to_raw']} "
            f"[goal >= 0.3]; publish only: {results.get('ratio_publish_to_raw_publish')}; "
            f"end to end / raw (each publish waits): "
            f"{results.get('ratio_end_to_end_to_raw_confirm_each')}"
        )
    if q := results.get("query"):
        say("")
        say(
            f"QueryByKey, household of {q['keys_per_call']} keys, {q['calls']} sequential "
            f"calls (ms): gRPC {figures(q['grpc'])} [goal p99 < 20]"
        )
        say(f"  direct MongoDB, {q['keys_per_call']} find_one by _id: {figures(q['direct'])}")
        say(
            f"  ratio gRPC / direct: p50 {q['p50_ratio']}, p99 {q['p99_ratio']}"
            + (f"; failures {q['failures']}" if q["failures"] else "")
            + (
                f"; answers not of four {q['answers_not_of_four']}"
                if q["answers_not_of_four"]
                else ""
            )
        )
    for note in results["notes"]:
        say(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000, help="records published")
    parser.add_argument("--queries", type=int, default=500, help="QueryByKey calls")
    parser.add_argument("--prefetch", type=int, default=1000, help="raw consumer's prefetch")
    parser.add_argument(
        "--confirm-window", type=int, default=1000, help="raw producer's most unconfirmed"
    )
    args = parser.parse_args(argv)
    if args.records < HOUSEHOLD:
        parser.error(f"--records must be at least {HOUSEHOLD}")

    results: dict[str, Any] = {
        "benchmark": "svc-exchange delivery and query by key (issue: exchange throughput)",
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": args.records,
        "targets": TARGETS,
        "notes": [],
    }
    notes: list[str] = results["notes"]
    if not platform_up(("catalog", "exchange")):
        say("the platform is not running (start it: make bench, or scripts/processes.py start)")
        return 1
    tag = uuid.uuid4().hex[:8]
    say(f"setting up departments, calling systems, resource and grant (tag {tag}) ...")
    began = time.perf_counter()
    parties = setup(tag)
    results["setup"] = {
        "seconds": round(time.perf_counter() - began, 1),
        "provider": parties.provider,
        "consumer": parties.consumer,
        "resource": parties.resource.name,
        "grant": parties.grant,
        "calling_systems": [f"callingSystems/{s}" for s in parties.systems],
    }
    # Offsets of this run's own: keys differ from any earlier run's on other resources too.
    base = random.Random(tag).randrange(0, 10**7 - args.records)  # noqa: S311
    keys = [citizen_id(base + i) for i in range(args.records)]
    try:
        say(f"end to end: publishing {args.records:,} records in batches of {BATCH} ...")
        results["end_to_end"] = bench_delivery(parties, keys)
        say(f"  {results['end_to_end']['records_per_second']} records/s")
        say("replay: a second Subscribe from the start of the log ...")
        results["subscribe_replay"] = bench_replay(parties, keys)
        say(f"  {results['subscribe_replay']['records_per_second']} records/s")
        payloads = [vehicle(k, i).SerializeToString() for i, k in enumerate(keys)]
        window = max(1, args.confirm_window)
        say(f"raw RabbitMQ: {args.records:,} messages, confirms streamed ({window}) ...")
        results["raw_rabbitmq"] = bench_raw(payloads, tag, args.prefetch, window)
        say(f"  {results['raw_rabbitmq']['records_per_second']} records/s")
        say(f"raw RabbitMQ: {args.records:,} messages, each publish waiting for its confirm ...")
        results["raw_rabbitmq_confirm_each"] = bench_raw(payloads, tag, args.prefetch, 0)
        say(f"  {results['raw_rabbitmq_confirm_each']['records_per_second']} records/s")
        e2e, raw = results["end_to_end"], results["raw_rabbitmq"]
        results["ratio_end_to_end_to_raw"] = ratio(
            e2e["records_per_second"], raw["records_per_second"]
        )
        results["ratio_publish_to_raw_publish"] = ratio(
            e2e["publish_records_per_second"], raw["publish_records_per_second"]
        )
        results["ratio_end_to_end_to_raw_confirm_each"] = ratio(
            e2e["records_per_second"], results["raw_rabbitmq_confirm_each"]["records_per_second"]
        )
        if args.queries > 0:
            say(f"QueryByKey: {args.queries} calls of {HOUSEHOLD} keys ...")
            results["query"] = bench_query(parties, keys, args.queries)
    finally:
        if problems := cleanup(parties):
            notes.append(f"clean-up incomplete: {'; '.join(problems)}")
    notes.append(
        "end to end runs through the platform: exchange api (PublishRecords stores each batch "
        "in FerretDB, one chunk per batch, a head per key) -> Subscribe on the same api "
        "reading the chunks; RabbitMQ carries only the RecordsPublished event, not records"
    )
    notes.append(
        "raw: one message per record (the serialized x.Record), producer and consumer at "
        "once in this process, the consumer acking every message (prefetch "
        f"{args.prefetch}). The issue's ratio is taken against confirms streamed on the kombu "
        f"channel (at most {args.confirm_window} unconfirmed, like a batch of PublishRecords); "
        "kombu's own confirm_publish makes each publish wait for its confirm, a round trip "
        "per record, and is shown beside it"
    )
    notes.append(
        "the benchmark's calling systems have a rate limit of 100,000 calls/s, so the "
        "token bucket is not what is measured; every process shares this machine"
    )
    notes.append(
        f"the {args.records:,} published records stay in govdata_exchange (record_heads, "
        "record_chunks) under the retired resource"
    )
    report(results)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"exchange-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    say(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
