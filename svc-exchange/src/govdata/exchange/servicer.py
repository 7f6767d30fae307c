"""The gRPC face of svc-exchange: each method checks its input and calls the domain modules.

Identity, the access policy (with the conditions in ``conditions``), masking, metrics and the
audit record are the interceptor's; handlers add to the audit note what a call touched.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.exchange import freshness, names, subscription
from govdata.exchange.adapters import Adapters
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.gauges import RECORDS_PUBLISHED
from govdata.exchange.grants import Grants
from govdata.exchange.key_item_index import key_item_of, key_items, names_a_person, normalised
from govdata.exchange.record_log import MAX_KEYS, RecordLog
from govdata.exchange.sharing_requests import SharingRequests
from govdata.exchange.store import page_size_of
from govdata.runtime import audit, context
from govdata.runtime.audit import AuditTrail
from govdata.runtime.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
)

Clock = Callable[[], datetime]


def actor() -> cm.Actor:
    call = context.current()
    return cm.Actor(system=call.system, person=call.person, organization=call.organization)


class ExchangeServicer(exchange_pb2_grpc.ExchangeServiceServicer):
    def __init__(
        self,
        requests: SharingRequests,
        grants: Grants,
        catalogue: CatalogueCopy,
        log: RecordLog,
        adapters: Adapters,
        audit_trail: AuditTrail,
        clock: Clock = lambda: datetime.now(UTC),
    ) -> None:
        self.requests = requests
        self.grants = grants
        self.catalogue = catalogue
        self.log = log
        self.adapters = adapters
        self.audit_trail = audit_trail
        self.clock = clock

    # -- sharing requests ----------------------------------------------------------------

    def CreateSharingRequest(self, request, context_):  # type: ignore[no-untyped-def]
        audit.note_access(resource=request.sharing_request.resource)
        return self.requests.create(request, actor(), self.clock())

    def GetSharingRequest(self, request, context_):  # type: ignore[no-untyped-def]
        return self.requests.get(request.name)

    def ListSharingRequests(self, request, context_):  # type: ignore[no-untyped-def]
        page = self.requests.list(request)
        return x.ListSharingRequestsResponse(
            sharing_requests=page.items,
            next_page_token=page.next_page_token,
            total_size=page.total_size,
        )

    def ApproveSharingRequest(self, request, context_):  # type: ignore[no-untyped-def]
        return self.requests.approve(request, actor(), self.clock())

    def RefuseSharingRequest(self, request, context_):  # type: ignore[no-untyped-def]
        return self.requests.refuse(request, actor(), self.clock())

    def WithdrawSharingRequest(self, request, context_):  # type: ignore[no-untyped-def]
        return self.requests.withdraw(request, actor(), self.clock())

    # -- grants --------------------------------------------------------------------------

    def GetGrant(self, request, context_):  # type: ignore[no-untyped-def]
        return self.grants.get(request.name)

    def ListGrants(self, request, context_):  # type: ignore[no-untyped-def]
        page = self.grants.list(request)
        return x.ListGrantsResponse(
            grants=page.items, next_page_token=page.next_page_token, total_size=page.total_size
        )

    def RevokeGrant(self, request, context_):  # type: ignore[no-untyped-def]
        return self.grants.revoke(request.name, request.etag, request.reason, actor(), self.clock())

    # -- records -------------------------------------------------------------------------

    def PublishRecords(self, request, context_):  # type: ignore[no-untyped-def]
        names.check("resource", request.resource, "resource")
        resource = self._resource(request.resource)
        if resource.state != c.RESOURCE_STATE_PUBLISHED:
            raise FailedPrecondition(f"{request.resource} is not published: nothing is shared")
        audit.note_access(
            resource=request.resource,
            data_items=sorted({n for r in request.records for n in r.fields}),
            data_subjects=[r.key for r in request.records if r.key.strip()][: MAX_KEYS * 10],
        )
        response = self.log.publish(resource, request, context.current().organization)
        RECORDS_PUBLISHED.labels("accepted").inc(response.accepted_count)
        RECORDS_PUBLISHED.labels("rejected").inc(len(response.rejected))
        return response

    def QueryByKey(self, request, context_):  # type: ignore[no-untyped-def]
        """By whole keys, or with ``key_item`` by values of one key item: then the data
        subjects audited are the values when the item names a person (a citizen finds the
        read by their ID), else the keys of the records returned."""
        keys = list(request.keys)
        if not keys:
            raise InvalidArgument(FieldViolation("keys", "name at least one key"))
        if len(keys) > MAX_KEYS:
            raise InvalidArgument(FieldViolation("keys", f"at most {MAX_KEYS} keys per call"))
        for i, key in enumerate(keys):
            if not key.strip() or len(key) > 256:
                raise InvalidArgument(FieldViolation(f"keys[{i}]", "is empty or too long"))
        now = self.clock()
        items = list(request.data_items)
        caller = context.current()
        grant = self.grants.check(request.grant, caller.organization, request.resource, items, now)
        wanted = frozenset(items or grant.data_items)
        resource, item, by_item = None, None, ""
        if request.key_item:
            resource = self._resource(grant.resource)
            item = key_item_of(resource, request.key_item)
            if key_items(resource) != [item.name]:  # else the item is the key: a key lookup
                by_item = item.name
        # the values asked are the subjects, unless they name things (号牌号码), not people
        asked = keys if item is None else list(dict.fromkeys(normalised(k) for k in keys))
        subjects_asked = item is None or names_a_person(item)
        audit.note_access(
            resource=grant.resource,
            data_items=sorted(wanted),
            data_subjects=asked if subjects_asked else [],
            grant=grant.name,
            purpose=grant.purpose,
        )
        self.grants.take_quota(grant, len(set(asked)), now)
        adapter = self.adapters.find(grant.resource)
        if adapter is not None:
            response = self.adapters.lookup(
                adapter, grant, keys, wanted, caller.request_id, by_item
            )
        elif resource is None or item is None:
            response = self.log.query(grant.resource, keys, wanted)
        else:
            response = self.log.query_by_item(resource, item.name, keys, wanted)
        if not subjects_asked:
            audit.note_access(data_subjects=[r.key for r in response.records])
        return response

    def Subscribe(self, request, context_):  # type: ignore[no-untyped-def]
        if request.after_sequence < 0:
            raise InvalidArgument(FieldViolation("after_sequence", "must not be negative"))
        caller = context.current()
        grant = self.grants.check(
            request.grant, caller.organization, "", list(request.data_items), self.clock()
        )
        # (a stream is audited before this runs: the live_grant condition noted the grant)
        return subscription.records(
            self.log,
            self.grants,
            grant,
            request,
            caller.organization,
            context_.is_active,
            self.clock,
            self.audit_trail,
        )

    def SetResourceAdapter(self, request, context_):  # type: ignore[no-untyped-def]
        names.check("resource", request.adapter.resource, "adapter.resource")
        resource = self._resource(request.adapter.resource)
        audit.note_access(resource=resource.name)
        return self.adapters.set(request.adapter, self.clock())

    # -- freshness -----------------------------------------------------------------------

    def ListOverdueResources(self, request, context_):  # type: ignore[no-untyped-def]
        if request.provider:
            names.check("organization", request.provider, "provider")
        size = page_size_of(request.page_size)
        late = freshness.overdue(self.catalogue.published(), self.log.publications(), self.clock())
        if request.provider:
            late = [item for item in late if item.provider == request.provider]
        start = _offset(request.page_token, request.provider)
        page = late[start : start + size]
        response = x.ListOverdueResourcesResponse(total_size=len(late))
        for item in page:
            out = response.resources.add(
                resource=item.resource, provider=item.provider, update_cycle=item.update_cycle
            )
            out.due_time.FromDatetime(item.due_time)
            if item.last_publish_time is not None:
                out.last_publish_time.FromDatetime(item.last_publish_time)
        if start + size < len(late):
            response.next_page_token = _token(start + size, request.provider)
        return response

    def _resource(self, name: str) -> c.InformationResource:
        try:
            return self.catalogue.resource(name)
        except NotFound:
            raise FailedPrecondition(f"{name} is not in the catalogue") from None


def _token(offset: int, bound: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([offset, bound]).encode()).decode()


def _offset(token: str, bound: str) -> int:
    if not token:
        return 0
    try:
        offset, was = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if was != bound or not isinstance(offset, int) or offset < 0:
        raise InvalidArgument(
            FieldViolation("page_token", "belongs to a List call with other filters")
        )
    return offset
