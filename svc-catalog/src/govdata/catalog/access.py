"""The catalogue's condition checks for the access policy (``access-policy.yaml``).

``own_organization``: what the request concerns belongs to the calling system's organisation
or to an organisation below it (its internal offices, a government's departments). The api's
interceptor calls the check before the handler, with the decoded request and the caller's
identity; a reason it returns becomes PERMISSION_DENIED, so reasons speak to the caller and
name nothing the caller did not send or does not own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import names
from govdata.catalog.store import Records
from govdata.runtime.context import CallContext
from govdata.runtime.errors import NotFound

# The organisation tree is government → department → internal office, with governments under
# governments (province → city → district → street): deeper than this is not a real tree.
MAX_DEPTH = 16

NO_TARGET = "the request names no organisation to check against your own"
NO_ORGANIZATION = "your calling system is registered without an organisation"


def _parent(request: Any) -> str:
    return str(request.parent)


def _name(request: Any) -> str:
    return str(request.name)


def _new_organization_parent(request: Any) -> str:
    # A new organisation is placed under its parent: the parent is what the caller must own.
    return str(request.organization.parent)


def _message_name(field: str) -> Callable[[Any], str]:
    def target(request: Any) -> str:
        return str(getattr(request, field).name)

    return target


# What each catalogue request concerns, as a name whose organisation is the target. Requests
# not listed here name no target, so the condition never holds for them (fail closed).
TARGETS: dict[str, Callable[[Any], str]] = {
    c.CreateOrganizationRequest.DESCRIPTOR.full_name: _new_organization_parent,
    c.GetOrganizationRequest.DESCRIPTOR.full_name: _name,
    c.UpdateOrganizationRequest.DESCRIPTOR.full_name: _message_name("organization"),
    c.DeleteOrganizationRequest.DESCRIPTOR.full_name: _name,
    **{
        request.DESCRIPTOR.full_name: _parent
        for request in (
            c.CreateInformationResourceRequest,
            c.ListInformationResourcesRequest,
            c.CreateDutyRequest,
            c.ListDutiesRequest,
            c.CreateInformationSystemRequest,
            c.ListInformationSystemsRequest,
            c.CreateSharingDemandRequest,
            c.ListSharingDemandsRequest,
            c.ListDataItemsRequest,
            c.ListDemandGapsRequest,
            c.ListZombieCandidatesRequest,
            c.ListShadowCandidatesRequest,
            c.ExportCatalogueRequest,
        )
    },
    **{
        request.DESCRIPTOR.full_name: _name
        for request in (
            c.GetInformationResourceRequest,
            c.DeleteInformationResourceRequest,
            c.SubmitInformationResourceRequest,
            c.PublishInformationResourceRequest,
            c.RetireInformationResourceRequest,
            c.GetDutyRequest,
            c.DeleteDutyRequest,
            c.GetInformationSystemRequest,
            c.DeleteInformationSystemRequest,
            c.GetSharingDemandRequest,
            c.DeleteSharingDemandRequest,
            # Any catalogue entity; a calling system's history names no organisation.
            c.GetHistoryRequest,
            c.GetOrganizationStatisticsRequest,
        )
    },
    c.ListResourcePartiesRequest.DESCRIPTOR.full_name: lambda request: str(request.resource),
    # An import names no organisation: its rows do (the policy leaves it to platform_admin).
    c.ImportCatalogueRequest.DESCRIPTOR.full_name: lambda request: "",
    c.UpdateInformationResourceRequest.DESCRIPTOR.full_name: _message_name("information_resource"),
    c.UpdateDutyRequest.DESCRIPTOR.full_name: _message_name("duty"),
    c.UpdateInformationSystemRequest.DESCRIPTOR.full_name: _message_name("information_system"),
    c.UpdateSharingDemandRequest.DESCRIPTOR.full_name: _message_name("sharing_demand"),
}


def target_organization(request: Message) -> str | None:
    """The organisation (``organizations/{id}``) ``request`` concerns, or None when it names
    none: an unknown request type, an empty or malformed name, ``organizations/-``."""
    extract = TARGETS.get(request.DESCRIPTOR.full_name)
    return names.organization_of(extract(request)) if extract else None


class OwnOrganization:
    """The ``own_organization`` condition, walking the organisation tree in the store."""

    def __init__(self, organizations: Records, max_depth: int = MAX_DEPTH) -> None:
        self.organizations = organizations
        self.max_depth = max_depth

    def __call__(self, request: Message, caller: CallContext) -> str | None:
        own = caller.organization
        if not own:
            return NO_ORGANIZATION
        target = target_organization(request)
        if target is None:
            return NO_TARGET
        if not self.within(target, own):
            return f"{target} is neither your organisation ({own}) nor below it"
        moved_to = self._new_parent(request)
        if moved_to == "":
            return "only the data authority may make an organisation a root of the tree"
        if moved_to is not None and not self.within(moved_to, own):
            # Otherwise an editor could hand its office over to another organisation's tree.
            return f"{moved_to} is neither your organisation ({own}) nor below it"
        return None

    def within(self, target: str, own: str) -> bool:
        """Whether ``target`` is ``own`` or below it: up the ``parent`` chain, by _id reads.

        A missing organisation is not within anything (its create or update then fails its
        own way only for callers allowed to try)."""
        cursor: str | None = target
        for _ in range(self.max_depth):
            if cursor == own:
                return True
            if not cursor:
                return False
            try:
                cursor = self.organizations.get(cursor).get("parent")
            except NotFound:
                return False
        return False

    def _new_parent(self, request: Message) -> str | None:
        """The parent an UpdateOrganization would set, when it would change it."""
        if not isinstance(request, c.UpdateOrganizationRequest):
            return None
        patch = request.organization
        paths = list(request.update_mask.paths)
        if paths and "parent" not in paths and paths != ["*"]:
            return None
        if not paths and not patch.parent:
            return None  # an empty mask updates only the fields the patch populates
        try:
            current = self.organizations.get(patch.name).get("parent") or ""
        except NotFound:
            return None  # the name was checked first; the update itself answers NOT_FOUND
        if patch.parent == current:
            return None
        # Making an organisation a root takes it out of every tree: check against nothing.
        return patch.parent or ""
