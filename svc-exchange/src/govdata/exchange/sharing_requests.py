"""Sharing requests (共享申请) through their life: filed, answered, withdrawn, escalated.

The rules themselves are pure functions in ``workflow``; this module applies them to the
stored requests, creates the grant an approval gives (grant first, named after the request,
so a retried approval never makes two), and runs the sweep that escalates unanswered
requests and expires grants.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from google.type.interval_pb2 import Interval

from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange import names, workflow
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.grants import Grants, grant_for
from govdata.exchange.store import Aggregates, Page, Remembered, list_query
from govdata.exchange.working_days import CalendarGap, WorkingCalendar
from govdata.runtime.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound

GRANTED = (x.SHARING_REQUEST_STATE_GRANTED, x.SHARING_REQUEST_STATE_PARTIALLY_GRANTED)


def request_changed(request: x.SharingRequest, fields: list[str]) -> e.SharingRequestChanged:
    kind = e.CHANGE_KIND_CREATED if request.revision == 1 else e.CHANGE_KIND_UPDATED
    return e.SharingRequestChanged(
        kind=kind,
        name=request.name,
        revision=request.revision,
        sharing_request=request,
        changed_fields=fields,
    )


def fields_of(request: x.SharingRequest) -> dict[str, Any]:
    return {
        "consumer": request.consumer,
        "provider": request.provider,
        "resource": request.resource,
        "state": request.state,
    }


class SharingRequests:
    def __init__(
        self,
        store: Aggregates[x.SharingRequest],
        grants: Grants,
        catalogue: CatalogueCopy,
        remembered: Remembered,
        rules: workflow.Rules,
        calendar: WorkingCalendar,
        on_escalated: Callable[[x.SharingRequest], None] = lambda request: None,
    ) -> None:
        self.store = store
        self.grants = grants
        self.catalogue = catalogue
        self.remembered = remembered
        self.rules = rules
        self.calendar = calendar
        self.on_escalated = on_escalated

    def create(
        self, request: x.CreateSharingRequestRequest, actor: cm.Actor, now: datetime
    ) -> x.SharingRequest:
        consumer = names.check("organization", request.parent, "parent")
        asked = request.sharing_request
        names.check("resource", asked.resource, "sharing_request.resource")
        if asked.duty and names.organization_of(asked.duty) != consumer:
            raise InvalidArgument(
                FieldViolation("sharing_request.duty", f"must be a duty of {consumer}")
            )
        key = ""
        if request.request_id:
            key = self.remembered.key("CreateSharingRequest", consumer, request.request_id)
            if (earlier := self.remembered.find(key)) is not None:
                return self.store.get(x.SharingRequest.FromString(earlier).name)
        try:
            resource = self.catalogue.resource(asked.resource)
        except NotFound:
            raise FailedPrecondition(f"{asked.resource} is not in the catalogue") from None
        draft = x.SharingRequest()
        draft.CopyFrom(asked)
        draft.name = f"{consumer}/sharingRequests/{names.new_id()}"
        draft.consumer = consumer
        for output_only in ("state", "due_time", "decision", "grant", "transitions"):
            draft.ClearField(output_only)
        try:
            filed = workflow.file(draft, resource, self.rules, self.calendar, actor, now)
        except CalendarGap as gap:
            raise FailedPrecondition(str(gap)) from None
        except InvalidArgument as bad:  # the rules name fields of the request, not the call
            raise InvalidArgument(
                [
                    FieldViolation(f"sharing_request.{v.field}", v.description)
                    for v in bad.violations
                ]
            ) from None
        if filed.state in GRANTED:
            filed.grant = self.grants.create(grant_for(filed, daily_quota=0)).name
        stored = self.store.insert(filed, fields_of(filed), request_changed)
        if key:
            self.remembered.keep(key, stored)
        return stored

    def get(self, name: str) -> x.SharingRequest:
        return self.store.get(names.check("sharing_request", name, "name"))

    def list(self, request: x.ListSharingRequestsRequest) -> Page[x.SharingRequest]:
        query = list_query(request, x.SharingRequestState)
        return self.store.page(query, request.page_size, request.page_token)

    def approve(
        self, request: x.ApproveSharingRequestRequest, actor: cm.Actor, now: datetime
    ) -> x.SharingRequest:
        name = names.check("sharing_request", request.name, "name")
        if request.daily_quota < 0:
            raise InvalidArgument(FieldViolation("daily_quota", "must not be negative"))
        period: Interval | None = request.period if request.HasField("period") else None

        def change(current: x.SharingRequest) -> x.SharingRequest:
            items = list(request.data_items) or list(current.data_items)
            answered = workflow.approve(current, items, period, actor, now, request.reason)
            # the grant first: a crash before the request is saved leaves a retry to find it
            answered.grant = self.grants.create(grant_for(answered, request.daily_quota)).name
            return answered

        return self.store.update(name, request.etag, change, fields_of, request_changed)

    def refuse(
        self, request: x.RefuseSharingRequestRequest, actor: cm.Actor, now: datetime
    ) -> x.SharingRequest:
        name = names.check("sharing_request", request.name, "name")
        return self.store.update(
            name,
            request.etag,
            lambda r: workflow.refuse(r, request.reason, request.legal_basis, actor, now),
            fields_of,
            request_changed,
        )

    def withdraw(
        self, request: x.WithdrawSharingRequestRequest, actor: cm.Actor, now: datetime
    ) -> x.SharingRequest:
        name = names.check("sharing_request", request.name, "name")

        def change(current: x.SharingRequest) -> x.SharingRequest:
            out = workflow.withdraw(current, actor, now)
            if request.reason.strip():
                out.transitions[-1].reason = f"withdrawn: {request.reason.strip()}"
            return out

        return self.store.update(name, request.etag, change, fields_of, request_changed)

    def sweep(self, now: datetime) -> list[x.SharingRequest]:
        """Escalate or expire the unanswered requests time has overtaken; the changed ones."""
        changed = []
        for request in self.store.scan({"state": {"$in": list(workflow.UNANSWERED)}}):
            if workflow.overdue(request, now) is None:
                continue
            stored = self.store.update(
                request.name, "", lambda r: workflow.overdue(r, now), fields_of, request_changed
            )
            changed.append(stored)
            if stored.state == x.SHARING_REQUEST_STATE_ESCALATED:
                self.on_escalated(stored)
        return changed
