"""Who sees which information resources (可见范围) — the one place the rule lives.

Only PUBLISHED resources are visible to other departments. A resource in any other state
(draft, submitted for review, retired) is visible only

* to its own organisation tree: callers acting for the resource's organisation (the
  cataloguing organisation, which is its provider) or for an organisation above it — a
  department sees its internal offices' entries, a government its departments' (the same
  tree as the ``own_organization`` condition of the access policy);
* to the data authority: callers holding the ``platform_admin`` role, who review and publish;
* to the service acting on its own, outside any call (an import job, the worker): a context
  without a calling system.

Everywhere else an unpublished resource does not exist: Get answers NOT_FOUND, List leaves
it out (and counts it out of ``total_size``), a reference to it "does not exist". The
identity is the one the interceptor bound for the call (``govdata.runtime.context``); it
never comes from the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gov.catalog.v1 import catalog_pb2
from govdata.catalog.access import MAX_DEPTH, OwnOrganization
from govdata.catalog.store import MAX_PAGE_SIZE, Records
from govdata.runtime import context
from govdata.runtime.context import CallContext

PUBLISHED = catalog_pb2.ResourceState.Name(catalog_pb2.RESOURCE_STATE_PUBLISHED)
PLATFORM_ADMIN = "platform_admin"


class Visibility:
    """The visibility rule over the organisation tree in the store."""

    def __init__(self, organizations: Records, max_depth: int = MAX_DEPTH) -> None:
        self.organizations = organizations
        self.max_depth = max_depth
        self._tree = OwnOrganization(organizations, max_depth)

    @staticmethod
    def sees_everything(caller: CallContext | None = None) -> bool:
        """The data authority, and the service itself outside any call."""
        caller = caller or context.current()
        return not caller.system or PLATFORM_ADMIN in caller.roles

    def can_see(self, resource: Mapping[str, Any], caller: CallContext | None = None) -> bool:
        """Whether the caller sees the resource stored as ``resource`` (its document, with
        the top-level ``organization`` and ``state``)."""
        caller = caller or context.current()
        if resource.get("state") == PUBLISHED or self.sees_everything(caller):
            return True
        own = caller.organization
        return bool(own) and self._tree.within(str(resource.get("organization", "")), own)

    def restrict(self, query: dict[str, Any], caller: CallContext | None = None) -> dict[str, Any]:
        """``query`` (over resource documents) narrowed to what the caller sees."""
        caller = caller or context.current()
        if self.sees_everything(caller):
            return query
        own = self.organization_tree(caller.organization) if caller.organization else []
        clause: dict[str, Any] = (
            {"$or": [{"state": PUBLISHED}, {"organization": {"$in": own}}]}
            if own
            else {"state": PUBLISHED}
        )
        if not query:
            return clause
        return {"$and": [query, clause]}

    def organization_tree(self, root: str) -> list[str]:
        """``root`` and every live organisation below it, breadth first. Read through
        ``Records.list``, which the api answers from its read model (no store call)."""
        found = [root]
        seen = {root}
        frontier = [root]
        for _ in range(self.max_depth):
            children = self._children_of(frontier)
            frontier = [child for child in children if child not in seen]
            if not frontier:
                break
            seen.update(frontier)
            found.extend(frontier)
        return found

    def _children_of(self, parents: list[str]) -> list[str]:
        children: list[str] = []
        token = ""
        while True:
            page = self.organizations.list({"parent": {"$in": parents}}, MAX_PAGE_SIZE, token)
            children.extend(document["_id"] for document in page.documents)
            token = page.next_page_token
            if not token:
                return children
