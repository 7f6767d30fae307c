"""Benchmark: ImportCatalogue of 10,000 resources through gRPC, against the same documents
written directly with pymongo.

The catalogue api runs in this process exactly as ``api_main.register`` wires it (the real
use cases, the operation executor, the interceptor with policy and audit), on a fresh
database of the MongoDB-protocol server (``GOVDATA_MONGO_URI``), in plain-text mode as the
tests run it. The outbox relay is not started: publishing the 10,000 events happens after the
import and is not part of it (and would feed the running platform's search index).

    .venv/bin/python tests/bench/import_catalogue.py [resources] [data items per resource]

Prints the figures and writes ``bench-results/import-<time>.json``.
"""

from __future__ import annotations

import io
import json
import os
import resource
import socket
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import grpc
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import duration_pb2
from openpyxl import Workbook

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from govdata.catalog.api_main import register
from govdata.catalog.credit_code import check_character, organization_code_check
from govdata.runtime import policy, registry
from govdata.runtime.access import Access, RateLimiter
from govdata.runtime.audit import OutboxAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.grpc_server import ApiDependencies, ApiServer
from govdata.runtime.outbox import OutboxRelay
from govdata.runtime.stores import mongo_database

ROOT = Path(__file__).resolve().parents[2]
CALLER = (("x-gov-system", "bench-admin"), ("x-gov-person", "bench"))
CLASSES = ["101001", "101002", "102001", "102002", "103001", "201002"]
DEPARTMENTS = 20


def credit_code(n: int) -> str:
    first16 = f"91350100{n:08d}"
    first17 = first16 + organization_code_check(first16[8:])
    return first17 + check_character(first17)


def workbook(resources: int, items: int) -> bytes:
    book = Workbook(write_only=True)
    orgs = book.create_sheet("组织机构")
    orgs.append(["机构标识", "机构名称", "统一社会信用代码", "机构类型", "上级机构"])
    orgs.append(["bench-gov", "基准区人民政府", credit_code(1), "政府", ""])
    for d in range(DEPARTMENTS):
        orgs.append(
            [f"bench-{d}", f"基准区第{d}局", credit_code(100 + d), "部门", "基准区人民政府"]
        )
    sheet = book.create_sheet("信息资源")
    sheet.append(
        ["信息资源分类", "信息资源分类代码", "信息资源名称", "信息资源代码", "信息资源提供方",
         "信息资源摘要", "信息资源格式", "更新周期", "共享类型", "共享条件", "共享方式",
         "共享依据", "是否向社会开放", "发布日期"]
    )  # fmt: skip
    data = book.create_sheet("信息项")
    data.append(["信息资源代码", "信息项名称", "数据类型", "数据长度", "是否主键", "是否个人信息"])
    for i in range(resources):
        cls = CLASSES[i % len(CLASSES)]
        category = "主题信息资源" if cls.startswith("2") else "基础信息资源"
        code = f"{cls}/{i + 1:06d}"
        sheet.append(
            [category, cls, f"第{i}号信息资源", code, f"基准区第{i % DEPARTMENTS}局",
             "部门在履职过程中产生的业务信息，包括基本情况、办理结果与变更记录", "数据库", "每月",
             "有条件共享", "用于政务服务与监管核验", "接口", "《政务信息资源共享管理暂行办法》",
             "否", "2024-03-01"]
        )  # fmt: skip
        for j in range(items):
            data.append([code, f"字段{j}", "字符型", 50, "是" if j == 0 else "否", "否"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoPublisher:
    def publish(self, source, event_type, event_id, body):  # pragma: no cover
        raise AssertionError("not started")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    resources = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    content = workbook(resources, items)
    database_name = f"bench_import_{uuid.uuid4().hex[:8]}"
    base = Settings.from_env("bench", "bench")
    seed = Path(tempfile.mkdtemp()) / "seed.json"
    seed.write_text(
        json.dumps(
            {
                "callingSystems": [
                    {
                        "callingSystemId": "bench-admin",
                        "callingSystem": {
                            "displayName": "基准测试",
                            "certificateSubject": "bench-admin",
                            "organization": "organizations/bench-gov",
                            "roles": ["platform_admin"],
                        },
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    port = free_port()
    settings = Settings.from_env(
        "catalog",
        "api",
        {
            "GOVDATA_MONGO_URI": base.mongo_uri,
            "GOVDATA_MONGO_DATABASE": database_name,
            "GOVDATA_MONGO_TIMEOUT_MS": "30000",
            "GOVDATA_GRPC_PORT": str(port),
            "GOVDATA_GRPC_MAX_MESSAGE_BYTES": str(16 * 1024 * 1024),
            "GOVDATA_GRPC_PLAINTEXT": "true",
            "GOVDATA_REGISTRY_SEED_FILE": str(seed),
        },
    )
    database = mongo_database(settings)
    loaded = policy.load()
    conditions = policy.Conditions()
    deps = ApiDependencies(
        settings, database, OutboxRelay([], "catalog", _NoPublisher()), loaded, conditions
    )
    access = Access(
        registry.Registry(database[registry.COLLECTION], 60),
        loaded,
        conditions,
        RateLimiter(1e6, 10**6),
        plaintext=True,
    )
    server = ApiServer(
        settings,
        OutboxAuditTrail(database[OutboxAuditTrail.COLLECTION], "catalog"),
        access,
        lambda s: register(s, deps),
    )
    server.start()
    channel = grpc.insecure_channel(
        f"127.0.0.1:{port}", options=[("grpc.max_send_message_length", 16 * 1024 * 1024)]
    )
    catalog = catalog_pb2_grpc.CatalogServiceStub(channel)
    operations = operations_pb2_grpc.OperationsStub(channel)
    while not access.registry.loaded:
        time.sleep(0.1)
    results: dict[str, object] = {
        "time": datetime.now(UTC).isoformat(),
        "resources": resources,
        "data_items_per_resource": items,
        "rows": DEPARTMENTS + 1 + resources * (1 + items),
        "file_bytes": len(content),
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg(),
    }
    try:
        for label in ("first_import", "same_file_again"):
            cpu = cpu_seconds()
            start = time.perf_counter()
            operation = catalog.ImportCatalogue(
                c.ImportCatalogueRequest(content=content, format=c.SPREADSHEET_FORMAT_XLSX),
                metadata=CALLER,
            )
            while not operation.done:
                operation = operations.WaitOperation(
                    operations_pb2.WaitOperationRequest(
                        name=operation.name, timeout=duration_pb2.Duration(seconds=10)
                    ),
                    metadata=CALLER,
                    timeout=60,
                )
            elapsed = time.perf_counter() - start
            report = c.ImportCatalogueReport()
            if not operation.response.Unpack(report):
                raise SystemExit(f"import failed: {operation.error}")
            results[label] = {
                "seconds": round(elapsed, 1),
                "resources_per_second": round(resources / elapsed, 1),
                "cpu_seconds_of_this_process": round(cpu_seconds() - cpu, 1),
                "rows_applied": report.rows_applied,
                "rows_unchanged": report.rows_unchanged,
                "rows_rejected": report.rows_rejected,
            }
            print(label, results[label], flush=True)
        # The same documents written directly: what the server itself costs.
        documents = list(database["resources"].find({}).batch_size(200))
        direct = database[f"direct_{uuid.uuid4().hex[:6]}"]
        start = time.perf_counter()
        for offset in range(0, len(documents), 100):
            direct.insert_many(documents[offset : offset + 100], ordered=False)
        seconds = time.perf_counter() - start
        results["direct_insert_many_same_documents"] = {
            "seconds": round(seconds, 1),
            "resources_per_second": round(len(documents) / seconds, 1),
        }
        results["ratio_direct_over_import"] = round(
            seconds / results["first_import"]["seconds"],  # type: ignore[index]
            3,
        )
        results["load_average_after"] = os.getloadavg()
        print("direct", results["direct_insert_many_same_documents"])
    finally:
        channel.close()
        server.server.stop(0)
        for hook in deps.stop_hooks:
            hook()
        access.registry.stop()
        database.client.drop_database(database_name)
    out = ROOT / "bench-results" / f"import-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
