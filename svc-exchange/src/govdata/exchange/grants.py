"""Grants (授权): a consumer's right to read some data items of a resource, for one purpose,
within a validity period, optionally up to a daily quota of keys.

Every read checks its grant here, in the api, at the moment of the read: a revoked or expired
grant stops reads at once, not after a cache or a client notices. Expiry is decided by the
clock on every check; the sweeper only records it (state EXPIRED and its event) so that lists
and the catalogue's view show it.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange import names
from govdata.exchange.store import Aggregates, Page, guarded, list_query
from govdata.runtime import context
from govdata.runtime.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    PermissionDenied,
    ResourceExhausted,
)
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

QUOTA_ZONE = ZoneInfo("Asia/Shanghai")  # the contract counts quota per calendar day there


def grant_for(request: x.SharingRequest, daily_quota: int) -> x.Grant:
    """The grant an approved request gives: named after the request, so approving twice
    (a retry after a crash) finds the grant already there instead of making a second."""
    decision = request.decision
    return x.Grant(
        name=f"{request.consumer}/grants/{names.id_of(request.name)}",
        consumer=request.consumer,
        provider=request.provider,
        resource=request.resource,
        data_items=decision.approved_data_items,
        purpose=request.purpose,
        duty=request.duty,
        sharing_request=request.name,
        validity=decision.period,
        daily_quota=daily_quota,
        state=x.GRANT_STATE_ACTIVE,
    )


def denial(
    grant: x.Grant, organization: str, resource: str, items: list[str], now: datetime
) -> str | None:
    """Why ``organization`` may not read ``items`` of ``resource`` under ``grant`` at
    ``now``; None when it may. Reasons are safe to show the caller."""
    if grant.consumer != organization:
        return f"{grant.name} is not a grant of your organisation"
    if grant.state == x.GRANT_STATE_REVOKED:
        return f"{grant.name} was revoked"
    if grant.state != x.GRANT_STATE_ACTIVE:
        return f"{grant.name} is {x.GrantState.Name(grant.state)}"
    start = grant.validity.start_time.ToDatetime(tzinfo=UTC)
    end = grant.validity.end_time.ToDatetime(tzinfo=UTC)
    if now < start:
        return f"{grant.name} is valid only from {start.isoformat()}"
    if now >= end:
        return f"{grant.name} expired at {end.isoformat()}"
    if resource and resource != grant.resource:
        return f"{grant.name} is for {grant.resource}, not {resource}"
    outside = [item for item in items if item not in grant.data_items]
    if outside:
        return f"{grant.name} does not cover the data items {', '.join(outside)}"
    return None


def grant_changed(grant: x.Grant, fields: list[str]) -> e.GrantChanged:
    kind = e.CHANGE_KIND_CREATED if grant.revision == 1 else e.CHANGE_KIND_UPDATED
    return e.GrantChanged(
        kind=kind, name=grant.name, revision=grant.revision, grant=grant, changed_fields=fields
    )


def fields_of(grant: x.Grant) -> dict[str, Any]:
    return {
        "consumer": grant.consumer,
        "provider": grant.provider,
        "resource": grant.resource,
        "state": grant.state,
        "valid_until": grant.validity.end_time.ToDatetime(tzinfo=UTC),
    }


class Grants:
    def __init__(self, store: Aggregates[x.Grant], usage: Collection) -> None:
        self.store = store
        self.usage = usage
        # The access condition's read of a grant, handed to the same call's handler once
        # (keyed by thread and request id, a millisecond apart): one store read, not two.
        self._held: dict[tuple[int, str, str], x.Grant] = {}
        self._held_lock = threading.Lock()

    def create(self, grant: x.Grant) -> x.Grant:
        existing = self.store.find(grant.name)
        if existing is not None:
            return existing
        return self.store.insert(grant, fields_of(grant), grant_changed)

    def get(self, name: str) -> x.Grant:
        return self.store.get(names.check("grant", name, "name"))

    def list(self, request: x.ListGrantsRequest) -> Page[x.Grant]:
        query = list_query(request, x.GrantState)
        return self.store.page(query, request.page_size, request.page_token)

    def revoke(self, name: str, etag: str, reason: str, actor: cm.Actor, now: datetime) -> x.Grant:
        names.check("grant", name, "name")
        if not reason.strip():
            raise InvalidArgument(FieldViolation("reason", "is required: say why it is revoked"))

        def change(grant: x.Grant) -> x.Grant:
            if grant.state != x.GRANT_STATE_ACTIVE:
                state = x.GrantState.Name(grant.state)
                raise FailedPrecondition(f"{name} is {state}: only an active grant is revoked")
            out = x.Grant()
            out.CopyFrom(grant)
            out.state = x.GRANT_STATE_REVOKED
            out.revoke_reason = f"{reason.strip()} ({actor.system})"
            out.revoke_time.FromDatetime(now)
            return out

        return self.store.update(name, etag, change, fields_of, grant_changed)

    def expire_due(self, now: datetime) -> int:
        """Record EXPIRED on active grants whose validity has ended; how many."""
        count = 0
        for grant in self.store.scan({"state": x.GRANT_STATE_ACTIVE, "valid_until": {"$lte": now}}):

            def change(current: x.Grant) -> x.Grant | None:
                end = current.validity.end_time.ToDatetime(tzinfo=UTC)
                if current.state != x.GRANT_STATE_ACTIVE or end > now:
                    return None
                out = x.Grant()
                out.CopyFrom(current)
                out.state = x.GRANT_STATE_EXPIRED
                return out

            self.store.update(grant.name, "", change, fields_of, grant_changed)
            count += 1
        return count

    def check(
        self,
        name: str,
        organization: str,
        resource: str,
        items: list[str],
        now: datetime,
        hold: bool = False,
    ) -> x.Grant:
        """The grant, if ``organization`` may read ``items`` of ``resource`` under it now;
        else PERMISSION_DENIED with the reason. ``hold``: keep the grant read for the
        next check of the same call (the access condition's, for the handler's)."""
        key = (threading.get_ident(), context.current().request_id, name)
        with self._held_lock:
            grant = self._held.pop(key, None)
        if grant is None:
            grant = self.store.find(name) if names.GRANT.match(name) else None
        if grant is None:
            raise PermissionDenied(f"there is no grant {name!r}", reason="NO_GRANT")
        why = denial(grant, organization, resource, items, now)
        if why is not None:
            raise PermissionDenied(why, reason="GRANT_NOT_LIVE")
        if hold:
            with self._held_lock:
                if len(self._held) > 1024:  # handlers that never came (failed calls)
                    self._held.clear()
                self._held[key] = grant
        return grant

    def take_quota(self, grant: x.Grant, keys: int, now: datetime) -> None:
        """Count ``keys`` against the grant's daily quota, or RESOURCE_EXHAUSTED (nothing
        counted) when they would pass it."""
        if grant.daily_quota <= 0 or keys <= 0:
            return
        day = now.astimezone(QUOTA_ZONE).date()
        key = f"{grant.name}|{day.isoformat()}"
        with document_lock(self.usage.name, key):
            document = guarded(lambda: self.usage.find_one({"_id": key})) or {"used": 0}
            used = int(document["used"])
            if used + keys > grant.daily_quota:
                midnight = datetime.combine(
                    day + timedelta(days=1), datetime.min.time(), QUOTA_ZONE
                )
                raise ResourceExhausted(
                    f"{grant.name} allows {grant.daily_quota} keys a day; {used} used today, "
                    f"{keys} asked",
                    retry_after=max(1.0, (midnight - now).total_seconds()),
                    reason="GRANT_QUOTA_EXHAUSTED",
                )
            if "_id" not in document:
                try:
                    guarded(
                        lambda: self.usage.insert_one(
                            {"_id": key, "used": keys, "day": day.isoformat()}
                        )
                    )
                    return
                except DuplicateKeyError:
                    pass
            guard = write_filter(self.usage, key, {"used": used})
            guarded(lambda: self.usage.update_one(guard, {"$inc": {"used": keys}}))
