"""The sources a job reads, always through svc-exchange and under the job's grants.

svc-verify calls the exchange with its own certificate, acting for the organisation whose
job it runs (``x-gov-on-behalf-of``): the exchange decides the read as that organisation's
(its ``live_grant`` check) and audits it with svc-verify as the system, the job's requester
as the person, the job's purpose and the members as data subjects. Each attempt has its own
request id, which the report cites so an auditor can find the read.

Grants: the job's own, or else, for each source, the organisation's live grant for that
resource covering the items the policy reads (newest first). A job without one for every
source is refused before anything is read.

Fetching: one ``QueryByKey`` per source with the members' IDs looked up by the rule's
member item (``key_item``); transient failures (UNAVAILABLE, ABORTED, a deadline within
the source's time) are retried with jittered exponential backoff until the source's time is
up; then, or on a refusal, the source is ``Unavailable`` with the code and a reason for the
officer, and its rules are reported INCOMPLETE.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc
from prometheus_client import Histogram

from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.runtime import context
from govdata.runtime.errors import FailedPrecondition, PermissionDenied
from govdata.runtime.errors import Unavailable as Down
from govdata.runtime.interceptors import (
    MD_ON_BEHALF_OF,
    MD_PERSON,
    MD_PURPOSE,
    MD_REQUEST_ID,
    metadata_text,
)
from govdata.verify.policy import Policy
from govdata.verify.rules import Record, Unavailable

FETCH_SECONDS = Histogram(
    "govdata_verify_source_fetch_seconds",
    "Time to read one source for one job, retries included, by resource and outcome code.",
    ["resource", "code"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
_TRANSIENT = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.ABORTED)
_FIRST_BACKOFF = 0.05
_GRANTS_CACHE_SECONDS = 5.0
# For the officer: what each final code means.
_REASONS = {
    "UNAVAILABLE": "来源暂时无法访问（已重试）",
    "DEADLINE_EXCEEDED": "来源在规定时间内未响应",
    "PERMISSION_DENIED": "授权已失效或不覆盖所需信息项",
    "RESOURCE_EXHAUSTED": "超出授权的每日查询限额",
}


@dataclass(frozen=True)
class Caller:
    """Whom the reads are for: the job's organisation, requester and purpose."""

    organization: str
    person: str
    purpose: str

    @staticmethod
    def current(purpose: str) -> Caller:
        ctx = context.current()
        return Caller(ctx.organization, ctx.person or ctx.system, purpose)

    def metadata(self, request_id: str) -> tuple[tuple[str, str], ...]:
        return (
            (MD_ON_BEHALF_OF, self.organization),
            (MD_PERSON, metadata_text(self.person)),
            (MD_PURPOSE, metadata_text(self.purpose)),
            (MD_REQUEST_ID, request_id),
        )


class ExchangeSources:
    def __init__(
        self,
        channel: grpc.Channel,
        source_seconds: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._exchange = exchange_pb2_grpc.ExchangeServiceStub(channel)
        self.source_seconds = source_seconds
        self._clock = clock
        self._grants: dict[str, tuple[float, list[x.Grant]]] = {}
        self._lock = threading.Lock()

    # -- grants ------------------------------------------------------------------------

    def grants_for(
        self, caller: Caller, policy: Policy, named: Sequence[str], field: str
    ) -> dict[str, str]:
        """The grant each of ``policy``'s sources is read under, by resource; the job is
        refused (PERMISSION_DENIED naming ``field[i]``, or FAILED_PRECONDITION naming the
        sources without a grant) when a source has none."""
        if named:
            candidates = [
                self._get_grant(caller, name, f"{field}[{i}]") for i, name in enumerate(named)
            ]
        else:
            candidates = self._live_grants(caller)
        now = self._clock()
        chosen: dict[str, str] = {}
        missing = []
        for source in policy.sources:
            items = set(policy.items_for(source))
            fitting = [
                grant
                for grant in candidates
                if grant.resource == source and _live(grant, now) and items <= set(grant.data_items)
            ]
            if fitting:
                newest = max(fitting, key=lambda grant: grant.create_time.ToDatetime())
                chosen[source] = newest.name
            else:
                missing.append(f"{source}（{'、'.join(policy.items_for(source))}）")
        if missing:
            raise FailedPrecondition(
                f"{caller.organization} holds no live grant for: {'; '.join(missing)}; "
                "file a sharing request for each (svc-exchange CreateSharingRequest)",
                reason="NO_LIVE_GRANT",
            )
        return chosen

    def _get_grant(self, caller: Caller, name: str, field: str) -> x.Grant:
        try:
            return self._exchange.GetGrant(
                x.GetGrantRequest(name=name),
                metadata=caller.metadata(uuid.uuid4().hex),
                timeout=self.source_seconds,
            )
        except grpc.RpcError as exc:
            code = exc.code()
            if code in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                raise PermissionDenied(
                    f"{field}: {name} is not a grant of {caller.organization}",
                    reason="GRANT_NOT_YOURS",
                ) from None
            raise Down(f"svc-exchange could not be asked about {field}: {code.name}") from exc

    def _live_grants(self, caller: Caller) -> list[x.Grant]:
        key = caller.organization
        with self._lock:
            cached = self._grants.get(key)
        if cached and time.monotonic() - cached[0] < _GRANTS_CACHE_SECONDS:
            return cached[1]
        grants: list[x.Grant] = []
        token = ""
        try:
            while True:
                page = self._exchange.ListGrants(
                    x.ListGrantsRequest(
                        parent=key, state=x.GRANT_STATE_ACTIVE, page_size=200, page_token=token
                    ),
                    metadata=caller.metadata(uuid.uuid4().hex),
                    timeout=self.source_seconds,
                )
                grants.extend(page.grants)
                token = page.next_page_token
                if not token:
                    break
        except grpc.RpcError as exc:
            raise Down(f"svc-exchange could not list the grants: {exc.code().name}") from exc
        with self._lock:
            self._grants[key] = (time.monotonic(), grants)
        return grants

    # -- records -----------------------------------------------------------------------

    def query(
        self,
        caller: Caller,
        request: x.QueryByKeyRequest,
        request_id: str = "",
        timeout: float | None = None,
    ) -> x.QueryByKeyResponse:
        """One QueryByKey for ``caller``; grpc.RpcError when it fails."""
        return self._exchange.QueryByKey(
            request,
            metadata=caller.metadata(request_id or uuid.uuid4().hex),
            timeout=timeout or self.source_seconds,
        )

    def fetch(
        self,
        caller: Caller,
        grant: str,
        source: str,
        members: Iterable[str],
        items: Sequence[str],
        key_item: str,
    ) -> Sequence[Record] | Unavailable:
        """The current records of ``source`` holding one of ``members`` in ``key_item``."""
        request = x.QueryByKeyRequest(
            grant=grant, resource=source, keys=list(members), data_items=items, key_item=key_item
        )
        started = time.monotonic()
        deadline = started + self.source_seconds
        backoff = _FIRST_BACKOFF
        while True:
            request_id = uuid.uuid4().hex
            remaining = deadline - time.monotonic()
            try:
                response = self.query(caller, request, request_id, max(remaining, 0.001))
            except grpc.RpcError as exc:
                code = exc.code()
                pause = backoff * (0.5 + random.random())  # noqa: S311 (jitter, not a secret)
                retry = code in _TRANSIENT and time.monotonic() + pause < deadline
                if retry:
                    time.sleep(pause)
                    backoff *= 2
                    continue
                FETCH_SECONDS.labels(source, code.name).observe(time.monotonic() - started)
                return Unavailable(_reason(code, exc.details() or ""), code.name)
            FETCH_SECONDS.labels(source, "OK").observe(time.monotonic() - started)
            fetched = self._clock()
            return [
                Record(
                    r.key,
                    dict(r.fields),
                    version=r.version,
                    fetch_time=fetched,
                    access_request_id=request_id,
                )
                for r in response.records
            ]


def _live(grant: x.Grant, now: datetime) -> bool:
    if grant.state != x.GRANT_STATE_ACTIVE:
        return False
    validity = grant.validity
    if validity.HasField("start_time") and validity.start_time.ToDatetime(UTC) > now:
        return False
    return not (validity.HasField("end_time") and validity.end_time.ToDatetime(UTC) <= now)


def _reason(code: grpc.StatusCode, details: str) -> str:
    said = _REASONS.get(code.name, "来源拒绝了查询")
    return f"{said}：{details}" if details else said
