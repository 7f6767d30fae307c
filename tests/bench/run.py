"""Benchmarks: govdata's calls against the same work done directly on the underlying server.

Run with ``make bench`` (starts the servers and the platform if needed). Prints a table and
writes ``bench-results/bench-<time>.json``. Figures are for this machine (2 cores) with every
server and all ten processes on it; they are measurements, not targets asserted by tests.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pymongo

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from gov.common.v1 import common_pb2 as cm
from gov.search.v1 import search_pb2 as s
from gov.search.v1 import search_pb2_grpc
from govdata.catalog.credit_code import check_character, organization_code_check
from govdata.catalog.store import to_document
from govdata.runtime import devpki
from govdata.runtime.config import Settings
from govdata.runtime.stores import opensearch_client
from govdata.search import index, query

ROOT = Path(__file__).resolve().parents[2]
PKI = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local")) / "pki"
N = 200
META = (("x-gov-person", "bench"),)


def timed(operation: Callable[[int], object], n: int) -> dict[str, float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        operation(i)
        samples.append(time.perf_counter() - start)
    samples.sort()
    return {
        "n": n,
        "ops_per_second": round(n / sum(samples), 1),
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[int(n * 0.95) - 1] * 1000, 2),
    }


def concurrent(operation: Callable[[int], object], n: int, threads: int) -> dict[str, float]:
    """``n`` calls from ``threads`` threads at once: throughput and latency percentiles."""
    samples: list[float] = []
    failures: dict[str, int] = {}

    def one(i: int) -> None:
        start = time.perf_counter()
        try:
            operation(i)
        except grpc.RpcError as error:  # counted and shown: a failure is a result too
            key = f"{error.code().name}: {error.details()}"
            failures[key] = failures.get(key, 0) + 1
            return
        samples.append(time.perf_counter() - start)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(n)))
    wall = time.perf_counter() - began
    samples.sort()
    return {
        "n": n,
        "concurrency": threads,
        "failed": failures,
        "ops_per_second": round(len(samples) / wall, 1),
        # None when every call failed: the failures are the result then
        "p50_ms": round(statistics.median(samples) * 1000, 2) if samples else None,
        "p99_ms": round(samples[max(0, int(len(samples) * 0.99) - 1)] * 1000, 2)
        if samples
        else None,
    }


def throughput_ratio(name: str, via: dict[str, float], direct: dict[str, float]) -> dict:
    return {
        "benchmark": name,
        "govdata": via,
        "direct": direct,
        "throughput_share": round(via["ops_per_second"] / max(direct["ops_per_second"], 1e-6), 3),
        "p50_ratio": round(via["p50_ms"] / max(direct["p50_ms"], 1e-6), 1)
        if via["p50_ms"] is not None and direct["p50_ms"] is not None
        else None,
    }


def bench_caller(admin: catalog_pb2_grpc.CatalogServiceStub, tag: str) -> grpc.Channel:
    """A calling system of its own with a rate limit the load cannot reach, and its channel.

    The administrator's default limit (100 calls/s per api) would otherwise turn the
    concurrent runs into a measurement of the rate limiter.
    """
    subject = f"bench-{tag}"
    devpki.issue_to(PKI, subject)
    admin.CreateCallingSystem(
        c.CreateCallingSystemRequest(
            calling_system_id=subject,
            calling_system=c.CallingSystem(
                display_name="benchmark load generator",
                certificate_subject=subject,
                organization=devpki.PLATFORM_ORGANIZATION,
                roles=["platform_admin"],
                rate_limit_per_second=100000,
            ),
        ),
        metadata=META,
    )
    return devpki.channel(PKI, "127.0.0.1:20051", subject)


def resource(i: int, tag: str) -> c.InformationResource:
    return c.InformationResource(
        display_name=f"不动产登记信息{i}{tag}",
        abstract="不动产权利人、坐落与面积",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="103001"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
        data_items=[
            c.DataItem(name=f"字段{k}", type=cm.DATA_ITEM_TYPE_CHARACTER, length=50)
            for k in range(8)
        ],
    )


def credit_code(tag: str) -> str:
    """A valid, fresh unified social credit code for the benchmark's organisation."""
    first16 = f"91359902{int(tag, 16) % 10**8:08d}"
    first17 = first16 + organization_code_check(first16[8:])
    return first17 + check_character(first17)


def compare(name: str, via: dict[str, float], direct: dict[str, float]) -> dict[str, object]:
    return {
        "benchmark": name,
        "govdata": via,
        "direct": direct,
        "p50_ratio": round(via["p50_ms"] / max(direct["p50_ms"], 1e-6), 1)
        if via["p50_ms"] is not None and direct["p50_ms"] is not None
        else None,
    }


class Results(list):
    """The rows so far, each printed as it comes: a run cut short still shows its figures."""

    def append(self, row: dict) -> None:
        print(json.dumps(row, ensure_ascii=False), flush=True)
        super().append(row)


def main() -> int:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "processes.py"), "start"], check=True)
    settings = Settings.from_env("bench", "bench")
    tag = uuid.uuid4().hex[:6]
    # Over mutual TLS as the development administrator, as any caller must.
    catalog = catalog_pb2_grpc.CatalogServiceStub(devpki.channel(PKI, "127.0.0.1:20051"))
    search = search_pb2_grpc.SearchServiceStub(devpki.channel(PKI, "127.0.0.1:20052"))
    mongo = pymongo.MongoClient(settings.mongo_uri)
    scratch = mongo[f"bench_{tag}"]["resources"]
    results = Results()

    org = catalog.CreateOrganization(
        c.CreateOrganizationRequest(
            organization_id=f"bench-{tag}",
            organization=c.Organization(
                display_name="基准测试局",
                unified_social_credit_code=credit_code(tag),
                kind=c.ORGANIZATION_KIND_DEPARTMENT,
            ),
        ),
        metadata=META,
    )
    created: list[c.InformationResource] = []

    def create(i: int) -> None:
        created.append(
            catalog.CreateInformationResource(
                c.CreateInformationResourceRequest(
                    parent=org.name, information_resource=resource(i, tag)
                ),
                metadata=META,
            )
        )

    def insert(i: int) -> None:
        scratch.insert_one({"_id": f"{tag}-{i}", "resource": to_document(resource(i, tag))})

    results.append(
        compare(
            "create resource (gRPC → validate → Mongo with outbox + audit) vs insert_one",
            timed(create, N),
            timed(insert, N),
        )
    )

    def get(i: int) -> None:
        catalog.GetInformationResource(
            c.GetInformationResourceRequest(name=created[i].name), metadata=META
        )

    def find(i: int) -> None:
        scratch.find_one({"_id": f"{tag}-{i}"})

    results.append(compare("get resource vs find_one", timed(get, N), timed(find, N)))

    # 100 requests at once (issue 4's goal: gRPC Get ≥ 40% of direct pymongo throughput,
    # p99 under 10 ms), from a caller whose rate limit the load cannot reach.
    loaded = catalog_pb2_grpc.CatalogServiceStub(bench_caller(catalog, tag))
    concurrency, calls = 100, 2000

    def get_loaded(i: int) -> None:
        loaded.GetInformationResource(
            c.GetInformationResourceRequest(name=created[i % N].name), metadata=META
        )

    def find_loaded(i: int) -> None:
        scratch.find_one({"_id": f"{tag}-{i % N}"})

    results.append(
        throughput_ratio(
            f"get resource, {concurrency} concurrent (gRPC) vs find_one ({concurrency} threads)",
            concurrent(get_loaded, calls, concurrency),
            concurrent(find_loaded, calls, concurrency),
        )
    )

    def list_loaded(i: int) -> None:
        loaded.ListInformationResources(
            c.ListInformationResourcesRequest(parent=org.name, page_size=50), metadata=META
        )

    def find_page(i: int) -> None:
        list(scratch.find({}).sort("_id", 1).limit(51))
        scratch.count_documents({})

    results.append(
        throughput_ratio(
            f"list 50 resources, {concurrency} concurrent vs find + count",
            concurrent(list_loaded, calls // 4, concurrency),
            concurrent(find_page, calls // 4, concurrency),
        )
    )

    def create_loaded(i: int) -> None:
        loaded.CreateInformationResource(
            c.CreateInformationResourceRequest(
                parent=org.name, information_resource=resource(N + i, tag)
            ),
            metadata=META,
        )

    def insert_loaded(i: int) -> None:
        scratch.insert_one({"_id": f"{tag}-c{i}", "resource": to_document(resource(i, tag))})

    results.append(
        throughput_ratio(
            f"create resource, {concurrency} concurrent vs insert_one",
            concurrent(create_loaded, calls // 4, concurrency),
            concurrent(insert_loaded, calls // 4, concurrency),
        )
    )

    # publish so the resources are searchable, and measure event-to-index lag
    lags = []
    for res in created[:20]:
        sub = catalog.SubmitInformationResource(
            c.SubmitInformationResourceRequest(name=res.name, etag=res.etag), metadata=META
        )
        start = time.perf_counter()
        catalog.PublishInformationResource(
            c.PublishInformationResourceRequest(name=sub.name, etag=sub.etag), metadata=META
        )
        title = res.display_name
        while not any(
            r.title == title
            for r in search.Search(
                s.SearchRequest(query=title, providers=[org.name]), metadata=META
            ).results
        ):
            time.sleep(0.2)  # poll gently: every Search is itself audited work
        lags.append(time.perf_counter() - start)
    lags.sort()
    results.append(
        {
            "benchmark": "publish → searchable (outbox relay, RabbitMQ, worker, "
            "OpenSearch refresh)",
            "p50_ms": round(statistics.median(lags) * 1000, 1),
            "max_ms": round(lags[-1] * 1000, 1),
            "n": len(lags),
        }
    )

    client = opensearch_client(settings)
    indices = index.Indices()
    smart = index.ensure(client, indices)
    request = s.SearchRequest(query="不动产登记", page_size=20)
    body, _, _ = query.build(request, smart)

    def via_search(i: int) -> None:
        search.Search(request, metadata=META)

    def direct_search(i: int) -> None:
        client.search(index=indices.resources, body=body)

    results.append(
        compare(
            "search 不动产登记 (gRPC → OpenSearch + provider names) "
            "vs the same query on OpenSearch",
            timed(via_search, N),
            timed(direct_search, N),
        )
    )

    mongo.drop_database(f"bench_{tag}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
