"""Benchmark of svc-audit's log: ingest through RabbitMQ, proofs at a million leaves, VerifyLog.

1. Ingest: the real worker extension (``svc-audit/tests/ingest_worker.py``, its own database)
   is stopped while N AccessRecorded events are published into its durable queue, then
   started; the time until all N are committed to the log is the sustained ingest rate. The
   api's indexer runs meanwhile (as in production), and how long after the last append the
   last record became searchable is reported too. The
   same N documents inserted with pymongo (``insert_many`` of 500) are the direct comparison.
2. Proofs: a log of 1,000,000 leaves (synthetic records, stored as the appender stores them:
   entry bundles and tiles) in a scratch database; inclusion proofs of random leaves through
   ``AuditLog.inclusion_proof`` (the api's code path, tile cache cold then warm), compared
   with one ``find_one`` of a tile by ``_id`` on the same server.
3. VerifyLog over those 1,000,000 leaves against a signed head, compared with reading the
   same bundles with pymongo alone.

Targets (issue 8): ingest >= 5,000 records/s, proofs < 5 ms, verification >= 100,000/s.
Usage: ``python tests/bench/audit_log.py [--ingest 50000] [--leaves 1000000]`` (servers up).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pymongo
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from measure import figures, percentiles, ratio, say

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "svc-audit" / "tests"))

from ingest_driver import Feed, IngestWorker, access_event  # noqa: E402

from gov.audit.v1 import audit_pb2  # noqa: E402
from govdata.audit import entries, query_index, verification  # noqa: E402
from govdata.audit.heads import HeadSigner  # noqa: E402
from govdata.audit.log import STATE, AuditLog, key, pack, unpack  # noqa: E402
from govdata.audit.query_index import Indexer, QueryIndex  # noqa: E402
from govdata.audit.tiles import WIDTH, Edge, tile_id  # noqa: E402
from govdata.runtime.config import Settings  # noqa: E402
from govdata.runtime.stores import opensearch_client  # noqa: E402
from govdata_client.audit_records import entry_of  # noqa: E402
from govdata_client.merkle import leaf_hash, verify_inclusion  # noqa: E402

TARGETS = {"ingest_per_second": 5000, "proof_ms": 5, "verify_per_second": 100_000}


def ingest(count: int, home: Path) -> dict:
    worker = IngestWorker(f"bench_audit_ingest_{uuid.uuid4().hex[:6]}", home / "ingest")
    try:
        worker.start()
        worker.wait_for(0, timeout=60)
        time.sleep(5)  # its queue is declared
        worker.stop()
        tag = uuid.uuid4().hex
        events = [access_event(i, tag) for i in range(count)]
        started = time.perf_counter()
        Feed(worker.settings).publish(events)
        publish_seconds = time.perf_counter() - started
        say(f"  published {count} events in {publish_seconds:.1f} s")
        # the api's share, as in production: the query index kept current while ingesting
        indexer = Indexer(
            AuditLog(worker.database),
            QueryIndex(opensearch_client(worker.settings), worker.index),
            "bench",
        )
        indexer.start()
        worker.start()
        seconds = worker.wait_for(count, timeout=count / 200 + 120)
        rate = count / seconds
        say(f"  ingested {count} records in {seconds:.1f} s: {rate:,.0f}/s")
        started = time.perf_counter()
        while query_index.indexed(AuditLog(worker.database)) < count:
            time.sleep(0.1)
        index_lag = time.perf_counter() - started
        indexer.stop()
        say(f"  searchable {index_lag:.1f} s after the last record was appended")
        documents = []
        for leaf, (_, body) in enumerate(events):
            record = entries.record_from_event(body)
            record.leaf_index = leaf
            documents.append({"_id": record.id, **entries.to_document(record)})
        raw = worker.database["raw_insert"]
        started = time.perf_counter()
        for first in range(0, count, 500):
            raw.insert_many(documents[first : first + 500], ordered=False)
        raw_seconds = time.perf_counter() - started
        raw_rate = count / raw_seconds
        say(f"  pymongo insert_many of the same documents: {raw_rate:,.0f}/s")
        return {
            "records": count,
            "publish_per_second": round(count / publish_seconds),
            "ingest_seconds": round(seconds, 2),
            "ingest_per_second": round(rate),
            "raw_insert_per_second": round(raw_rate),
            "ingest_to_raw": ratio(rate, raw_rate),
            "query_index_lag_seconds": round(index_lag, 1),
        }
    finally:
        worker.drop()


def synthetic_log(database, leaves: int) -> tuple[AuditLog, list[bytes]]:
    """``leaves`` records stored as the appender stores them (bundles, tiles, state)."""
    record = audit_pb2.AuditRecord(
        method="/gov.exchange.v1.ExchangeService/QueryByKey",
        resource="organizations/hx-gaj/resources/vehicles",
        data_items=["号牌号码", "车辆识别代号", "所有人证件号码", "购置价格"],
        purpose="最低生活保障家庭经济状况核对",
        outcome="OK",
        service="exchange",
        grant="organizations/hx-mzj/grants/bench",
    )
    record.actor.system = "callingSystems/hx-mzj-shjz"
    record.actor.organization = "organizations/hx-mzj"
    record.time.GetCurrentTime()
    edge = Edge(0, {})
    hashes: list[bytes] = []
    bundle: list[bytes] = []
    bundles = database["bundles"]
    for leaf in range(leaves):
        record.id = f"{uuid.UUID(int=leaf)}"
        record.request_id = f"{leaf:032x}"
        del record.data_subject_keys[:]
        record.data_subject_keys.extend(f"{(leaf * 4 + k):064x}" for k in range(4))
        entry = entry_of(record)
        value = leaf_hash(entry)
        hashes.append(value)
        edge.append(value)
        bundle.append(entry)
        if len(bundle) == WIDTH or leaf == leaves - 1:
            bundles.insert_one({"_id": key(leaf // WIDTH), "entries": pack(bundle)})
            bundle = []
        if leaf % 100_000 == 99_999:
            say(f"    {leaf + 1:,} leaves stored")
    writes = edge.take_writes()
    database["tiles"].insert_many(
        [{"_id": tile_id(*k), "hashes": v} for k, v in writes.items()], ordered=False
    )
    database["state"].insert_one({"_id": STATE, "size": leaves, "root": edge.root()})
    return AuditLog(database), hashes


def proofs_and_verification(leaves: int, samples: int) -> dict:
    settings = Settings.from_env("audit", "worker")
    client: pymongo.MongoClient = pymongo.MongoClient(settings.mongo_uri)
    name = f"bench_audit_tree_{uuid.uuid4().hex[:6]}"
    database = client[name]
    try:
        started = time.perf_counter()
        audit_log, hashes = synthetic_log(database, leaves)
        say(f"  built a {leaves:,}-leaf log in {time.perf_counter() - started:.0f} s")
        signer = HeadSigner(Ed25519PrivateKey.generate(), "govdata.audit/bench")
        head = signer.sign_committed(audit_log)
        rng = random.Random(11)  # noqa: S311 - which leaves to prove, not a secret

        def prove(leaf: int) -> float:
            started = time.perf_counter()
            proof = audit_log.inclusion_proof(leaf, head.tree_size)
            took = time.perf_counter() - started
            verify_inclusion(hashes[leaf], leaf, head.tree_size, proof, head.root_hash)
            return took

        cold = [prove(rng.randrange(leaves)) for _ in range(samples)]
        warm = [prove(rng.randrange(leaves)) for _ in range(samples)]
        tiles = database["tiles"]
        direct = []
        for _ in range(samples):
            started = time.perf_counter()
            tiles.find_one({"_id": tile_id(0, rng.randrange(leaves // WIDTH))})
            direct.append(time.perf_counter() - started)
        proof_cold, proof_warm, tile_read = (
            percentiles(cold), percentiles(warm), percentiles(direct)
        )  # fmt: skip
        say(f"  inclusion proof, cache cold: {figures(proof_cold)}")
        say(f"  inclusion proof, cache warm: {figures(proof_warm)}")
        say(f"  one tile find_one by _id:    {figures(tile_read)}")

        started = time.perf_counter()
        report = verification.verify(audit_log, signer.public_key)
        verify_seconds = time.perf_counter() - started
        assert report.ok and report.leaves_checked == leaves, report
        started = time.perf_counter()
        read = sum(len(unpack(d["entries"])) for d in database["bundles"].find({}, batch_size=64))
        read_seconds = time.perf_counter() - started
        assert read == leaves
        say(
            f"  VerifyLog: {leaves / verify_seconds:,.0f} leaves/s ({verify_seconds:.1f} s); "
            f"reading the bundles alone: {leaves / read_seconds:,.0f}/s"
        )
        return {
            "leaves": leaves,
            "inclusion_proof_cold_ms": proof_cold,
            "inclusion_proof_warm_ms": proof_warm,
            "tile_find_one_ms": tile_read,
            "proof_to_tile_read_p50": ratio(proof_cold.get("p50_ms"), tile_read.get("p50_ms")),
            "verify_seconds": round(verify_seconds, 2),
            "verify_per_second": round(leaves / verify_seconds),
            "bundle_read_per_second": round(leaves / read_seconds),
            "verify_to_read": ratio(read_seconds, verify_seconds),
        }
    finally:
        client.drop_database(name)
        client.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", type=int, default=50_000)
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    home = ROOT / ".local" / "bench-audit"
    say(f"ingest through RabbitMQ ({args.ingest:,} records)")
    ingested = ingest(args.ingest, home)
    say(f"proofs and verification at {args.leaves:,} leaves")
    tree = proofs_and_verification(args.leaves, args.samples)
    results = {
        "time": datetime.now(UTC).isoformat(),
        "targets": TARGETS,
        "ingest": ingested,
        "tree": tree,
    }
    say(json.dumps(results, ensure_ascii=False, indent=2))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / f"audit-{datetime.now(UTC):%Y%m%dT%H%M%S}.json").write_text(
        json.dumps(results, indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
