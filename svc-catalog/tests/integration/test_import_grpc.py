"""ImportCatalogue and ExportCatalogue over real gRPC on the real FerretDB, with the operation
lifecycle a calling system sees through ``google.longrunning.Operations`` on the same api."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import duration_pb2
from google.rpc import code_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.catalog.v1 import catalog_pb2_grpc
from govdata.catalog import spreadsheet
from govdata.catalog.api_main import register
from govdata.runtime import policy, registry
from govdata.runtime.access import Access, RateLimiter
from govdata.runtime.audit import OutboxAuditTrail
from govdata.runtime.config import Settings
from govdata.runtime.grpc_server import ApiDependencies, ApiServer
from govdata.runtime.outbox import OutboxRelay

from .conftest import CALLER, EDITOR, free_port
from .inventory import DISTRICT, ROWS, resource_row, with_rows, xlsx


class _NoPublisher:
    def publish(self, source, event_type, event_id, body):  # pragma: no cover - never started
        raise AssertionError("the relay is not started in these tests")


@dataclass
class Api:
    catalog: catalog_pb2_grpc.CatalogServiceStub
    operations: operations_pb2_grpc.OperationsStub

    def wait(self, name: str, metadata=CALLER) -> operations_pb2.Operation:
        operation = operations_pb2.Operation(name=name)
        for _ in range(60):
            operation = self.operations.WaitOperation(
                operations_pb2.WaitOperationRequest(
                    name=name, timeout=duration_pb2.Duration(seconds=5)
                ),
                metadata=metadata,
                timeout=30,
            )
            if operation.done:
                return operation
        raise AssertionError(f"{name} did not finish")

    def import_(self, content: bytes, **fields) -> c.ImportCatalogueReport:
        request = c.ImportCatalogueRequest(
            content=content, format=c.SPREADSHEET_FORMAT_XLSX, **fields
        )
        operation = self.catalog.ImportCatalogue(request, metadata=CALLER)
        done = self.wait(operation.name)
        assert done.WhichOneof("result") == "response", done.error
        report = c.ImportCatalogueReport()
        assert done.response.Unpack(report)
        return report


@pytest.fixture
def api(mongo_db, seed_file) -> Iterator[Api]:
    port = free_port()
    settings = Settings.from_env(
        "catalog",
        "api",
        {
            "GOVDATA_GRPC_PORT": str(port),
            "GOVDATA_GRPC_MAX_MESSAGE_BYTES": str(4 * 1024 * 1024),
            "GOVDATA_GRPC_PLAINTEXT": "true",
            "GOVDATA_REGISTRY_SEED_FILE": seed_file,
        },
    )
    loaded = policy.load()
    conditions = policy.Conditions()
    deps = ApiDependencies(
        settings, mongo_db, OutboxRelay([], "catalog", _NoPublisher()), loaded, conditions
    )
    access = Access(
        registry.Registry(mongo_db[registry.COLLECTION], settings.registry_refresh_seconds),
        loaded,
        conditions,
        RateLimiter(settings.rate_limit_per_second, settings.rate_limit_burst),
        plaintext=True,
    )
    audit = OutboxAuditTrail(mongo_db[OutboxAuditTrail.COLLECTION], "catalog")
    server = ApiServer(settings, audit, access, lambda s: register(s, deps))
    server.start()
    channel = grpc.insecure_channel(
        f"127.0.0.1:{port}", options=[("grpc.max_receive_message_length", 4 * 1024 * 1024)]
    )
    yield Api(
        catalog_pb2_grpc.CatalogServiceStub(channel), operations_pb2_grpc.OperationsStub(channel)
    )
    channel.close()
    server.server.stop(0)
    for hook in deps.stop_hooks:
        hook()
    access.registry.stop()


def test_an_import_runs_as_an_operation_with_progress_and_a_report(api) -> None:
    book = with_rows(
        DISTRICT, 信息资源=[resource_row(信息资源名称="坏资源", 信息资源分类代码="999999")]
    )
    request_id = str(uuid.uuid4())
    request = c.ImportCatalogueRequest(
        content=xlsx(book), format=c.SPREADSHEET_FORMAT_XLSX, request_id=request_id
    )
    operation = api.catalog.ImportCatalogue(request, metadata=CALLER)
    assert operation.name.startswith("operations/")
    done = api.wait(operation.name)
    report = c.ImportCatalogueReport()
    assert done.response.Unpack(report)
    assert (report.rows_applied, report.rows_rejected) == (ROWS, 1)
    [problem] = report.row_errors
    assert (problem.sheet, problem.line, problem.column) == ("信息资源", 5, "信息资源分类代码")
    progress = c.ImportCatalogueMetadata()
    assert done.metadata.Unpack(progress)
    assert progress.rows_total == progress.rows_done == ROWS + 1
    assert progress.start_time.seconds > 0
    # A retry with the same request id is the same operation, not a second import.
    retried = api.catalog.ImportCatalogue(request, metadata=CALLER)
    assert retried.name == operation.name and retried.done
    listed = api.operations.ListOperations(
        operations_pb2.ListOperationsRequest(name="operations", filter="done = true"),
        metadata=CALLER,
    )
    assert [op.name for op in listed.operations] == [operation.name]
    # The same file again changes nothing.
    again = api.import_(xlsx(DISTRICT))
    assert (again.rows_applied, again.rows_unchanged, again.rows_rejected) == (0, ROWS, 0)
    listed = api.catalog.ListInformationResources(
        c.ListInformationResourcesRequest(parent="organizations/-"), metadata=CALLER
    )
    assert listed.total_size == 3


def test_validate_only_over_grpc_writes_nothing(api) -> None:
    report = api.import_(xlsx(DISTRICT), validate_only=True)
    assert report.rows_applied == ROWS
    with pytest.raises(grpc.RpcError) as caught:
        api.catalog.GetOrganization(
            c.GetOrganizationRequest(name="organizations/hx"), metadata=CALLER
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(
    ("request_fields", "field"),
    [
        ({"format": c.SPREADSHEET_FORMAT_XLSX}, "content"),
        ({"content": b"PK..."}, "format"),
        ({"content": b"a,b\n", "format": c.SPREADSHEET_FORMAT_CSV}, "sheet"),
        ({"content": b"not a zip", "format": c.SPREADSHEET_FORMAT_XLSX}, "content"),
        (
            {"content": b"PK", "format": c.SPREADSHEET_FORMAT_XLSX, "request_id": "again"},
            "request_id",
        ),
    ],
)
def test_a_request_that_cannot_start_is_refused_at_once(api, request_fields, field) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        api.catalog.ImportCatalogue(c.ImportCatalogueRequest(**request_fields), metadata=CALLER)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in caught.value.details()


def test_an_unreadable_file_fails_the_operation_with_the_reason(api) -> None:
    request = c.ImportCatalogueRequest(
        content=b"PK\x03\x04broken", format=c.SPREADSHEET_FORMAT_XLSX
    )
    operation = api.catalog.ImportCatalogue(request, metadata=CALLER)
    done = api.wait(operation.name)
    assert done.error.code == code_pb2.INVALID_ARGUMENT
    assert "XLSX" in done.error.message


def test_only_the_data_authority_imports_and_a_department_sees_no_foreign_operation(api) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        api.catalog.ImportCatalogue(
            c.ImportCatalogueRequest(content=xlsx(DISTRICT), format=c.SPREADSHEET_FORMAT_XLSX),
            metadata=EDITOR,
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as caught:
        api.operations.ListOperations(operations_pb2.ListOperationsRequest(), metadata=EDITOR)
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_exports_stream_the_workbook_and_dcat(api) -> None:
    api.import_(xlsx(DISTRICT))
    chunks = list(
        api.catalog.ExportCatalogue(
            c.ExportCatalogueRequest(
                parent="organizations/-", format=c.EXPORT_FORMAT_XLSX, include_unpublished=True
            ),
            metadata=CALLER,
        )
    )
    assert chunks[0].filename.endswith(".xlsx") and "spreadsheetml" in chunks[0].content_type
    assert all(len(chunk.data) <= 1024 * 1024 for chunk in chunks)
    workbook = b"".join(chunk.data for chunk in chunks)
    titles = [title for title, _ in spreadsheet.read_xlsx(workbook, 1000)]
    assert "信息资源" in titles and "信息项" in titles
    assert api.import_(workbook).rows_unchanged == ROWS
    # A department's catalogue system reads the published catalogue: nothing is published yet.
    dcat = b"".join(
        chunk.data
        for chunk in api.catalog.ExportCatalogue(
            c.ExportCatalogueRequest(parent="organizations/-", format=c.EXPORT_FORMAT_DCAT_JSONLD),
            metadata=EDITOR,
        )
    )
    assert json.loads(dcat)["dcat:dataset"] == []
    with pytest.raises(grpc.RpcError) as caught:
        list(
            api.catalog.ExportCatalogue(
                c.ExportCatalogueRequest(parent="organizations/-"), metadata=CALLER
            )
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
