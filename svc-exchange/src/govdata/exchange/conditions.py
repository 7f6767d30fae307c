"""The exchange's condition checks for the access policy (``access-policy.yaml``).

* ``own_organization``: the request's consumer (its parent, or the organisation of the
  request or grant it names) is the caller's organisation. The exchange keeps no copy of
  the organisation tree, so an office's system acts for its own organisation only.
* ``resource_provider``: the caller's organisation provides the resource concerned (for a
  stored request or grant, the provider recorded in it).
* ``live_grant``: the grant named is the caller's, active, within its validity, for the
  resource and the data items asked; the check is the one reads make (``Grants.check``), so
  a denial is audited with the grant and the resource it was about.

A reason returned becomes PERMISSION_DENIED; reasons name only what the caller sent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from google.protobuf.message import Message

from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange import names
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.grants import Grants
from govdata.exchange.sharing_requests import SharingRequests
from govdata.runtime import audit
from govdata.runtime.context import CallContext
from govdata.runtime.errors import NotFound, PermissionDenied
from govdata.runtime.policy import NO_ORGANIZATION, Conditions, own_organization

_OWN_TARGET: dict[str, Callable[[Message], str]] = {
    x.CreateSharingRequestRequest.DESCRIPTOR.full_name: lambda r: r.parent,  # type: ignore[attr-defined]
    x.ListSharingRequestsRequest.DESCRIPTOR.full_name: lambda r: r.parent,  # type: ignore[attr-defined]
    x.ListGrantsRequest.DESCRIPTOR.full_name: lambda r: r.parent,  # type: ignore[attr-defined]
    x.GetSharingRequestRequest.DESCRIPTOR.full_name: lambda r: r.name,  # type: ignore[attr-defined]
    x.WithdrawSharingRequestRequest.DESCRIPTOR.full_name: lambda r: r.name,  # type: ignore[attr-defined]
    x.GetGrantRequest.DESCRIPTOR.full_name: lambda r: r.name,  # type: ignore[attr-defined]
}


def provide(
    conditions: Conditions,
    requests: SharingRequests,
    grants: Grants,
    catalogue: CatalogueCopy,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> None:
    def resource_provider(request: Message, caller: CallContext) -> str | None:
        if not caller.organization:
            return NO_ORGANIZATION
        provider = _provider_of(request, requests, grants, catalogue)
        if provider is None:
            return "the request names no resource, request or grant of a provider"
        if provider != caller.organization:
            return f"your organisation ({caller.organization}) does not provide it"
        return None

    def live_grant(request: Message, caller: CallContext) -> str | None:
        if not caller.organization:
            return NO_ORGANIZATION
        resource = getattr(request, "resource", "")
        items = list(getattr(request, "data_items", []))
        name = getattr(request, "grant", "")
        audit.note_access(resource=resource or "", data_items=items, grant=name)
        try:
            grant = grants.check(name, caller.organization, resource, items, clock(), hold=True)
        except PermissionDenied as denied:
            return denied.message
        # a stream's call is audited before its handler runs: say here what it rests on
        wanted = items or list(grant.data_items)
        audit.note_access(resource=grant.resource, data_items=wanted, purpose=grant.purpose)
        return None

    conditions.provide("own_organization", own_organization(_OWN_TARGET))
    conditions.provide("resource_provider", resource_provider)
    conditions.provide("live_grant", live_grant)


def _provider_of(
    request: Message, requests: SharingRequests, grants: Grants, catalogue: CatalogueCopy
) -> str | None:
    """The provider ``request`` concerns; None when it names none (or nothing that exists:
    an unknown name is refused like a foreign one, telling nothing of other providers)."""
    if isinstance(request, x.ListSharingRequestsRequest | x.ListGrantsRequest):
        return request.provider or None
    try:
        if isinstance(
            request,
            x.GetSharingRequestRequest
            | x.ApproveSharingRequestRequest
            | x.RefuseSharingRequestRequest,
        ):
            found = (
                requests.store.find(request.name)
                if names.SHARING_REQUEST.match(request.name)
                else None
            )
            return found.provider if found else None
        if isinstance(request, x.GetGrantRequest | x.RevokeGrantRequest):
            grant = grants.store.find(request.name) if names.GRANT.match(request.name) else None
            return grant.provider if grant else None
        if isinstance(request, x.PublishRecordsRequest):
            return catalogue.resource(request.resource).provider if request.resource else None
        if isinstance(request, x.SetResourceAdapterRequest):
            name = request.adapter.resource
            return catalogue.resource(name).provider if name else None
        provider = getattr(request, "provider", None)
        return provider or None
    except NotFound:
        return None
