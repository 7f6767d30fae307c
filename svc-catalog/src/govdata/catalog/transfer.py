"""ImportCatalogue and ExportCatalogue as use cases: the import started as a long-running
operation (``govdata.runtime.operations``), the export produced and cut into chunks.

The request is checked before an operation starts (a missing file, an unknown format, a CSV
without its sheet, a request id that is not a UUID are INVALID_ARGUMENT at once); reading the
file and every row happen in the operation, whose metadata counts rows done out of rows found
and whose response is the ``ImportCatalogueReport``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from google.longrunning import operations_pb2
from google.protobuf.timestamp_pb2 import Timestamp

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import exporting, importing, rules
from govdata.catalog.store import CatalogStore
from govdata.catalog.visibility import Visibility
from govdata.runtime import audit
from govdata.runtime.operations import OperationExecutor, Progress


class CatalogueTransfer:
    def __init__(
        self,
        store: CatalogStore,
        notify: Callable[[str, Any], None],
        executor: OperationExecutor,
        contents: Callable[[], exporting.Contents] | None = None,
    ) -> None:
        """``notify`` is what the store's writes call (outbox relay, read model);
        ``contents`` gives every live record for exports (default: a scan of the store)."""
        self.store = store
        self.executor = executor
        self.importer = importing.Importer(store, notify)
        self.visibility = Visibility(store.organizations)
        self._contents = contents or (lambda: exporting.load_contents(store))

    def start_import(self, request: c.ImportCatalogueRequest) -> operations_pb2.Operation:
        importing.check_request(request)
        rules.check_request_id(request.request_id)
        started = Timestamp()
        started.GetCurrentTime()
        metadata = c.ImportCatalogueMetadata(start_time=started)
        content, fmt, sheet = request.content, request.format, request.sheet
        validate_only = request.validate_only

        def work(progress: Progress) -> c.ImportCatalogueReport:
            return self.importer.run(content, fmt, sheet, validate_only, progress)

        operation = self.executor.submit(metadata, work, request_id=request.request_id)
        audit.note_access(resource=operation.name)
        return operation

    def export(self, request: c.ExportCatalogueRequest) -> Iterator[c.ExportCatalogueChunk]:
        exporting.check_request(request)
        result = exporting.export(self._contents(), request, self._may_see_unpublished)
        audit.note_access(resource=request.parent)
        return result.chunks()

    def _may_see_unpublished(self, provider: str) -> bool:
        # The rule of visibility.py, asked for an unpublished resource of ``provider``.
        return self.visibility.can_see({"state": "RESOURCE_STATE_DRAFT", "organization": provider})
