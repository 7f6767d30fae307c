"""Verification jobs as stored: the contract's message (bytes) plus the fields lists filter on.

One document per job, ``_id`` its name, in the service's ``jobs`` collection (the worker's
gauge counts it by ``state``). Every change goes through ``change``: read, apply, write back
with the revision incremented, under the document's lock, so a cancellation and the job's
completion cannot both win. A finished job (succeeded, failed, cancelled) never changes again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bson.binary import Binary
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.errors import Aborted, NotFound, Unavailable
from govdata.runtime.locks import document_lock
from govdata.runtime.operations import decode_page_token, encode_page_token
from govdata.runtime.stores import write_filter

COLLECTION = "jobs"
FINISHED = (
    v.VERIFICATION_JOB_STATE_SUCCEEDED,
    v.VERIFICATION_JOB_STATE_FAILED,
    v.VERIFICATION_JOB_STATE_CANCELLED,
)
DEFAULT_PAGE = 50
MAX_PAGE = 500


def now() -> datetime:
    return datetime.now(UTC)


def etag_of(job: v.VerificationJob) -> str:
    return f'W/"{job.revision}"'


def _call(operation: Callable[[], Any]) -> Any:
    try:
        return operation()
    except (DuplicateKeyError, Aborted):
        raise
    except PyMongoError as exc:
        raise Unavailable("svc-verify's store is not answering; retry later") from exc


@dataclass(frozen=True)
class Page:
    jobs: list[v.VerificationJob]
    next_page_token: str
    total_size: int


class JobStore:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def insert(self, job: v.VerificationJob) -> bool:
        """Store a new job; False when one of that name exists (an idempotent retry)."""
        stamped = now()
        job.create_time.FromDatetime(stamped)
        job.update_time.FromDatetime(stamped)
        job.revision = 1
        job.etag = etag_of(job)
        try:
            _call(lambda: self.collection.insert_one(self._document(job)))
        except DuplicateKeyError:
            return False
        return True

    def delete(self, name: str) -> None:
        _call(lambda: self.collection.delete_one({"_id": name}))

    def get(self, name: str) -> v.VerificationJob:
        document = _call(lambda: self.collection.find_one({"_id": name}))
        if document is None:
            raise NotFound(f"verification job {name} not found")
        return v.VerificationJob.FromString(bytes(document["job"]))

    def change(self, name: str, apply: Callable[[v.VerificationJob], bool]) -> v.VerificationJob:
        """Apply ``apply`` to the stored job and write it back if it returns True; the job
        as stored afterwards."""
        with document_lock(self.collection.name, name):
            job = self.get(name)
            if not apply(job):
                return job
            before = job.revision
            job.revision += 1
            job.etag = etag_of(job)
            job.update_time.FromDatetime(now())
            guard = write_filter(self.collection, name, {"revision": before})
            document = self._document(job)
            del document["_id"]
            result = _call(lambda: self.collection.update_one(guard, {"$set": document}))
            if result.matched_count != 1:
                raise Aborted(f"verification job {name} changed concurrently; retry")
            return job

    def list(
        self,
        organization: str | None,
        request: v.ListVerificationJobsRequest,
    ) -> Page:
        query: dict[str, Any] = {}
        if organization is not None:
            query["organization"] = organization
        if request.state:
            query["state"] = int(request.state)
        if request.policy:
            query["policy"] = request.policy
        if request.application_id:
            query["application_id"] = request.application_id
        key = hashlib.sha256(repr(sorted(query.items())).encode()).hexdigest()[:16]
        size = DEFAULT_PAGE if request.page_size <= 0 else min(request.page_size, MAX_PAGE)
        paged = dict(query)
        if request.page_token:
            after_time, after_id = decode_page_token(request.page_token, key)
            paged["$or"] = [
                {"create_time": {"$lt": after_time}},
                {"create_time": after_time, "_id": {"$lt": after_id}},
            ]
        documents = _call(
            lambda: list(
                self.collection.find(paged, {"job": 1, "create_time": 1})
                .sort([("create_time", -1), ("_id", -1)])
                .limit(size + 1)
            )
        )
        total = _call(lambda: self.collection.count_documents(query))
        token = ""
        if len(documents) > size:
            documents = documents[:size]
            last = documents[-1]
            created = last["create_time"]
            token = encode_page_token(
                created if created.tzinfo else created.replace(tzinfo=UTC), last["_id"], key
            )
        jobs = [v.VerificationJob.FromString(bytes(d["job"])) for d in documents]
        return Page(jobs, token, total)

    @staticmethod
    def _document(job: v.VerificationJob) -> dict[str, Any]:
        return {
            "_id": job.name,
            "organization": "/".join(job.name.split("/")[:2]),
            "state": int(job.state),
            "policy": job.policy,
            "application_id": job.application_id,
            "create_time": job.create_time.ToDatetime(UTC),
            "revision": job.revision,
            "job": Binary(job.SerializeToString()),
        }
