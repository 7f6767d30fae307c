"""Sharing demands (共享需求): department X needs resource Y, or data like Y, for duty Z.

A demand belongs to the demanding organisation in its name. The duty it is for must exist;
the resource it wants, when named, must exist and be visible to the caller (another
department's unpublished draft is as absent as in Get); the expected provider, when named,
must exist, and be the resource's provider when both are named. A new demand is OPEN unless
it says otherwise; an update may move it to any state but cannot unset it.

Documents (collection ``demands``): ``demand`` (the message's JSON), ``organization``,
``state`` (DemandState name), ``duty``, ``resource``, ``expected_provider`` ("" when none)
and ``data_items`` (names).
"""

from __future__ import annotations

from typing import Any

from gov.catalog.v1 import catalog_pb2
from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.catalog import names
from govdata.catalog.owned_records import OwnedRecords
from govdata.catalog.rules import MAX_DATA_ITEMS, MAX_REFERENCE, MAX_TEXT, MAX_TITLE, _enum, _text
from govdata.catalog.store import CatalogStore, Records
from govdata.catalog.visibility import Visibility
from govdata.runtime.errors import Validator

SharingDemand = catalog_pb2.SharingDemand

MUTABLE_DEMAND_FIELDS = frozenset(
    {
        "display_name",
        "duty",
        "resource",
        "expected_provider",
        "description",
        "data_items",
        "purpose",
        "legal_basis",
        "share_method",
        "update_cycle",
        "state",
    }
)


def check_demand(demand: SharingDemand, prefix: str = "sharing_demand") -> None:
    """Validate a demand's own fields (whether its references exist is the service's check).
    ``state`` may be UNSPECIFIED here: create makes it OPEN."""
    v = Validator()
    p = prefix
    _text(v, demand.display_name, f"{p}.display_name", MAX_TITLE, required=True)
    _text(v, demand.description, f"{p}.description", MAX_TEXT, required=True)
    _text(v, demand.purpose, f"{p}.purpose", MAX_TEXT)
    _text(v, demand.legal_basis, f"{p}.legal_basis", MAX_TEXT)
    if not demand.duty:
        v.fail(f"{p}.duty", "is required: the duty the data is needed for")
    elif not names.is_child_name(demand.duty, "duties"):
        v.fail(
            f"{p}.duty",
            f"{demand.duty[:MAX_REFERENCE]!r} is not a duty name "
            "(organizations/{id}/duties/{id})",
        )
    if demand.resource and not names.is_child_name(demand.resource, "resources"):
        v.fail(
            f"{p}.resource",
            f"{demand.resource[:MAX_REFERENCE]!r} is not a resource name "
            "(organizations/{id}/resources/{id})",
        )
    if demand.expected_provider and not names.is_organization_name(demand.expected_provider):
        v.fail(
            f"{p}.expected_provider",
            f"{demand.expected_provider[:MAX_REFERENCE]!r} is not an organisation name "
            "(organizations/{id})",
        )
    if len(demand.data_items) > MAX_DATA_ITEMS:
        v.fail(f"{p}.data_items", f"has {len(demand.data_items)} items; at most {MAX_DATA_ITEMS}")
    seen: set[str] = set()
    for i, item in enumerate(demand.data_items[:MAX_DATA_ITEMS]):
        _text(v, item, f"{p}.data_items[{i}]", MAX_TITLE, required=True)
        if item in seen:
            v.fail(f"{p}.data_items[{i}]", f"{item!r} appears twice")
        seen.add(item)
    _enum(v, common_pb2.ShareMethod.DESCRIPTOR, demand.share_method, f"{p}.share_method", False)
    _enum(v, common_pb2.UpdateCycle.DESCRIPTOR, demand.update_cycle, f"{p}.update_cycle", False)
    _enum(v, catalog_pb2.DemandState.DESCRIPTOR, demand.state, f"{p}.state", required=False)
    v.raise_if_any()


class SharingDemands(OwnedRecords[SharingDemand]):
    """The standard methods of sharing demands."""

    segment = "demands"
    id_prefix = "q"
    message_type = SharingDemand
    field = "sharing_demand"
    id_field = "sharing_demand_id"
    event_type = events_pb2.SharingDemandChanged
    event_field = "sharing_demand"
    mutable = MUTABLE_DEMAND_FIELDS

    def __init__(self, store: CatalogStore, visibility: Visibility | None = None) -> None:
        super().__init__(store)
        self.visibility = visibility or Visibility(store.organizations)

    @property
    def records(self) -> Records:
        return self.store.demands

    def message(self, document: dict[str, Any]) -> SharingDemand:
        return self.store.demand(document)

    def check(self, message: SharingDemand) -> None:
        check_demand(message)

    def prepare(self, message: SharingDemand) -> None:
        if message.state == catalog_pb2.DEMAND_STATE_UNSPECIFIED:
            message.state = catalog_pb2.DEMAND_STATE_OPEN

    def check_update(self, v: Validator, merged: SharingDemand, current: SharingDemand) -> None:
        if merged.state == catalog_pb2.DEMAND_STATE_UNSPECIFIED:
            v.fail("sharing_demand.state", "must be OPEN, MATCHED, FULFILLED or CLOSED")

    def check_references(
        self,
        v: Validator,
        message: SharingDemand,
        owner: str,
        current: SharingDemand | None,
    ) -> None:
        p = "sharing_demand"
        if current is None or message.duty != current.duty:
            self.references.one(v, message.duty, "duties", f"{p}.duty")
        provider = ""
        if message.resource:
            resource = None
            if current is None or message.resource != current.resource:
                resource = self.references.one(v, message.resource, "resources", f"{p}.resource")
                if resource is not None and not self.visibility.can_see(resource):
                    # As absent as GetInformationResource answers: nothing leaks.
                    v.fail(f"{p}.resource", f"{message.resource} does not exist")
                    resource = None
            elif self.references.records("resources").exists(message.resource):
                resource = self.store.resources.get(message.resource)
            provider = resource.get("provider", "") if resource else ""
        if message.expected_provider and (
            current is None
            or message.expected_provider != current.expected_provider
            or message.resource != current.resource
        ):
            found = self.references.organization(
                v, message.expected_provider, f"{p}.expected_provider"
            )
            if found is not None and provider and message.expected_provider != provider:
                v.fail(
                    f"{p}.expected_provider",
                    f"{message.resource} is provided by {provider}, not "
                    f"{message.expected_provider}",
                )

    def top_level(self, message: SharingDemand) -> dict[str, Any]:
        return {
            "state": catalog_pb2.DemandState.Name(message.state),
            "duty": message.duty,
            "resource": message.resource,
            "expected_provider": message.expected_provider,
            "data_items": list(message.data_items),
        }

    def list_demands(
        self,
        parent: str,
        state: int,
        resource: str,
        expected_provider: str,
        page_size: int,
        page_token: str,
    ) -> tuple[list[SharingDemand], Any]:
        """ListSharingDemands: by state, wanted resource and expected provider."""
        query: dict[str, Any] = {}
        v = Validator()
        if state:
            _enum(v, catalog_pb2.DemandState.DESCRIPTOR, state, "state")
            if state in catalog_pb2.DemandState.values():
                query["state"] = catalog_pb2.DemandState.Name(state)
        if resource:
            if not names.is_child_name(resource, "resources"):
                v.fail("resource", f"{resource[:MAX_REFERENCE]!r} is not a resource name")
            query["resource"] = resource
        if expected_provider:
            if not names.is_organization_name(expected_provider):
                v.fail(
                    "expected_provider",
                    f"{expected_provider[:MAX_REFERENCE]!r} is not an organisation name",
                )
            query["expected_provider"] = expected_provider
        v.raise_if_any()
        return self.list(parent, query, page_size, page_token)
