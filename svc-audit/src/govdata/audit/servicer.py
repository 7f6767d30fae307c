"""gRPC AuditService: tree heads, proofs, verification, queries, exports, citizen reports.

Authentication, per-method authorisation (the access policy) and the audit record of each
call are the runtime interceptors' work; handlers validate, read and answer. Sizes default
to the latest *signed* head, so every proof handed out can be checked against a signature.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from gov.audit.v1 import audit_pb2, audit_pb2_grpc
from govdata.audit import alerts, export, queries, retention, verification
from govdata.audit.heads import HeadSigner
from govdata.audit.log import AuditLog
from govdata.audit.proofs import ProofArgumentError
from govdata.audit.query_index import QueryIndex
from govdata.runtime import context
from govdata.runtime.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound

EXPORT_CHUNK_LINES = 200
# proofs' argument names -> the request fields they come from
_FIELDS = {"first_size": "first_tree_size", "second_size": "second_tree_size"}


class AuditServicer(audit_pb2_grpc.AuditServiceServicer):
    def __init__(self, audit_log: AuditLog, signer: HeadSigner, index: QueryIndex) -> None:
        self.log = audit_log
        self.signer = signer
        self.index = index

    # -- heads and proofs ------------------------------------------------------------------

    def GetTreeHead(self, request, context_):  # type: ignore[no-untyped-def]
        if request.tree_size < 0:
            raise InvalidArgument(FieldViolation("tree_size", "must not be negative"))
        if request.tree_size == 0:
            return self._latest_head()
        head = self.log.head_at(request.tree_size)
        if head is None:
            raise NotFound(f"no tree head was signed at size {request.tree_size}")
        return head

    def SignTreeHead(self, request, context_):  # type: ignore[no-untyped-def]
        return self.signer.sign_committed(self.log)

    def _latest_head(self) -> audit_pb2.TreeHead:
        head = self.log.latest_head()
        return head if head is not None else self.signer.sign_committed(self.log)

    def _size(self, requested: int, field: str) -> int:
        """A tree size asked for: 0 is the latest signed head's; more than committed is
        refused (nothing beyond it exists yet)."""
        if requested < 0:
            raise InvalidArgument(FieldViolation(field, "must not be negative"))
        if requested == 0:
            return self._latest_head().tree_size
        committed, _ = self.log.committed()
        if requested > committed:
            raise InvalidArgument(
                FieldViolation(field, f"is beyond the log's {committed} committed records")
            )
        return requested

    def GetInclusionProof(self, request, context_):  # type: ignore[no-untyped-def]
        size = self._size(request.tree_size, "tree_size")
        if request.leaf_index < 0:
            raise InvalidArgument(FieldViolation("leaf_index", "must not be negative"))
        if request.leaf_index >= size:
            raise InvalidArgument(
                FieldViolation("leaf_index", f"must be below the tree size {size}")
            )
        hashes = self._proof(lambda: self.log.inclusion_proof(request.leaf_index, size))
        return audit_pb2.InclusionProof(
            leaf_index=request.leaf_index, tree_size=size, hashes=hashes
        )

    def GetConsistencyProof(self, request, context_):  # type: ignore[no-untyped-def]
        second = self._size(request.second_tree_size, "second_tree_size")
        first = request.first_tree_size
        if first <= 0:
            raise InvalidArgument(FieldViolation("first_tree_size", "must be positive"))
        if first > second:
            raise InvalidArgument(
                FieldViolation("first_tree_size", f"must not exceed the second size {second}")
            )
        hashes = self._proof(lambda: self.log.consistency_proof(first, second))
        return audit_pb2.ConsistencyProof(
            first_tree_size=first, second_tree_size=second, hashes=hashes
        )

    @staticmethod
    def _proof(make):  # type: ignore[no-untyped-def]
        try:
            return make()
        except ProofArgumentError as exc:
            field = _FIELDS.get(exc.argument, exc.argument)
            raise InvalidArgument(FieldViolation(field, exc.description)) from None

    def VerifyLog(self, request, context_):  # type: ignore[no-untyped-def]
        return verification.verify(self.log, self.signer.public_key, request.include_records)

    # -- records ---------------------------------------------------------------------------

    def QueryAuditRecords(self, request, context_):  # type: ignore[no-untyped-def]
        return queries.query_records(self.log, self.index, request)

    def ExportAuditRecords(self, request, context_):  # type: ignore[no-untyped-def]
        first, end = request.first_leaf_index, request.end_leaf_index
        if first < 0:
            raise InvalidArgument(FieldViolation("first_leaf_index", "must not be negative"))
        if end < 0:
            raise InvalidArgument(FieldViolation("end_leaf_index", "must not be negative"))
        head = self._latest_head()
        if end > head.tree_size:
            head = self.signer.sign_committed(self.log)
        end = end or head.tree_size
        if end > head.tree_size:
            raise InvalidArgument(
                FieldViolation("end_leaf_index", f"is beyond the log's {head.tree_size} records")
            )
        if first >= end:
            raise InvalidArgument(
                FieldViolation("first_leaf_index", f"must be below end_leaf_index {end}")
            )
        if end - first > export.MAX_LEAVES:
            raise InvalidArgument(
                FieldViolation("end_leaf_index", f"at most {export.MAX_LEAVES} leaves per export")
            )
        archived = retention.archived_end(self.log)
        if first < archived:
            raise FailedPrecondition(
                f"leaves below {archived} are archived; ListAuditArchives names their files"
            )
        return self._chunks(head, first, end)

    def _chunks(
        self, head: audit_pb2.TreeHead, first: int, end: int
    ) -> Iterator[audit_pb2.ExportAuditRecordsResponse]:
        lines = [export.head_line(head)]
        for _, _, line in export.lines(self.log, head, first, end):
            lines.append(line)
            if len(lines) >= EXPORT_CHUNK_LINES:
                yield _chunk(lines)
                lines = []
        if lines:
            yield _chunk(lines)

    # -- citizens --------------------------------------------------------------------------

    def ListAccessesToMe(self, request, context_):  # type: ignore[no-untyped-def]
        return self._report(context.current().person, "x-gov-person", request)

    def GetCitizenAccessReport(self, request, context_):  # type: ignore[no-untyped-def]
        if not request.citizen_id:
            raise InvalidArgument(FieldViolation("citizen_id", "is required"))
        return self._report(request.citizen_id, "citizen_id", request)

    def _report(self, citizen_id: str, field: str, request: Any) -> Any:
        key = queries.subject_key(citizen_id, field)
        return queries.citizen_report(
            self.log, self.index, key, request.time_range, request.page_size,
            request.page_token, _now(),
        )  # fmt: skip

    # -- alerts and archives ---------------------------------------------------------------

    def ListAuditAlerts(self, request, context_):  # type: ignore[no-untyped-def]
        size = queries.page_size(request.page_size)
        query = {**queries.time_filter(request.time_range, "time_range")}
        if request.rule:
            query["rule"] = request.rule
        offset = _offset(request.page_token)
        found = list(
            self.log.database[alerts.COLLECTION]
            .find(query, {"alert": 1})
            .sort([("time", -1), ("_id", 1)])
            .skip(offset)
            .limit(size + 1)
        )
        response = audit_pb2.ListAuditAlertsResponse(
            alerts=[alerts.from_document(d) for d in found[:size]]
        )
        if len(found) > size:
            response.next_page_token = str(offset + size)
        return response

    def ListAuditArchives(self, request, context_):  # type: ignore[no-untyped-def]
        size = queries.page_size(request.page_size)
        offset = _offset(request.page_token)
        archived = retention.archives(self.log)
        response = audit_pb2.ListAuditArchivesResponse(archives=archived[offset : offset + size])
        if len(archived) > offset + size:
            response.next_page_token = str(offset + size)
        return response


def _chunk(lines: list[str]) -> audit_pb2.ExportAuditRecordsResponse:
    return audit_pb2.ExportAuditRecordsResponse(data="".join(f"{x}\n" for x in lines).encode())


def _offset(token: str) -> int:
    if not token:
        return 0
    if not token.isdigit() or len(token) > 9:
        raise InvalidArgument(FieldViolation("page_token", "is not a token this service issued"))
    return int(token)


def _now() -> datetime:
    return datetime.now(UTC)
