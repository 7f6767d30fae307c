"""What each organisation may read, as far as audit's risk rules need it: grants and demands.

Kept from the exchange's ``GrantChanged`` and the catalogue's ``SharingDemandChanged`` events
in audit's own database (``grants``, ``demands``), never read from another service's store,
and mirrored in memory for the rules, which look them up on every record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo.database import Database

from gov.catalog.v1 import catalog_pb2
from gov.events.v1 import events_pb2
from gov.exchange.v1 import exchange_pb2
from govdata.audit.risk import GrantTerms
from govdata.runtime.names import organization_of


class StoredEntitlements:
    """The ``Entitlements`` the risk engine asks, kept current by the worker's handlers."""

    def __init__(self, database: Database) -> None:
        """``database`` reads times back aware (``AuditLog.database``)."""
        self._grants_store = database["grants"]
        self._demands_store = database["demands"]
        self._grants: dict[str, GrantTerms] = {}
        self._demands: dict[str, tuple[str, str]] = {}  # name -> (organization, resource)
        # (organization, resource) -> names of the grants and demands for it: the rules ask
        # ``entitled`` on every read of another organisation's resource
        self._holders: dict[tuple[str, str], set[str]] = {}
        for doc in self._grants_store.find({}):
            self._keep_grant(_terms(doc))
        for doc in self._demands_store.find({}):
            if doc.get("resource"):
                self._keep_demand(doc["_id"], (doc["organization"], doc["resource"]))

    # -- Entitlements ----------------------------------------------------------------------

    def grant(self, name: str) -> GrantTerms | None:
        return self._grants.get(name)

    def entitled(self, organization: str, resource: str) -> bool:
        return bool(self._holders.get((organization, resource)))

    def _keep_grant(self, terms: GrantTerms) -> None:
        self._forget(terms.name)
        self._grants[terms.name] = terms
        self._holders.setdefault((terms.organization, terms.resource), set()).add(terms.name)

    def _keep_demand(self, name: str, pair: tuple[str, str]) -> None:
        self._forget(name)
        self._demands[name] = pair
        self._holders.setdefault(pair, set()).add(name)

    def _forget(self, name: str) -> None:
        grant, demand = self._grants.pop(name, None), self._demands.pop(name, None)
        if grant is not None:
            self._holders.get((grant.organization, grant.resource), set()).discard(name)
        if demand is not None:
            self._holders.get(demand, set()).discard(name)

    # -- kept current from events ----------------------------------------------------------

    def grant_changed(self, envelope: events_pb2.EventEnvelope, change: Any) -> None:
        grant: exchange_pb2.Grant = change.grant
        if not grant.name:
            return
        revoked = None
        if grant.state == exchange_pb2.GRANT_STATE_REVOKED:
            revoked = (
                grant.revoke_time.ToDatetime(tzinfo=UTC)
                if grant.HasField("revoke_time")
                else envelope.time.ToDatetime(tzinfo=UTC)
            )
        doc = {
            "organization": grant.consumer,
            "resource": grant.resource,
            "data_items": list(grant.data_items),
            "purpose": grant.purpose,
            "not_before": _time(grant.validity, "start_time"),
            "not_after": _time(grant.validity, "end_time"),
            "revoked_at": revoked,
            "revision": change.revision,
        }
        self._keep(self._grants_store, grant.name, change.revision, doc)
        current = self._grants_store.find_one({"_id": grant.name})
        if current:
            self._keep_grant(_terms(current))

    def demand_changed(self, envelope: events_pb2.EventEnvelope, change: Any) -> None:
        demand: catalog_pb2.SharingDemand = change.sharing_demand
        if change.kind == events_pb2.CHANGE_KIND_DELETED:
            self._demands_store.delete_one({"_id": change.name})
            self._forget(change.name)
            return
        doc = {
            "organization": organization_of(demand.name),
            "resource": demand.resource,
            "revision": change.revision,
        }
        self._keep(self._demands_store, change.name, change.revision, doc)
        current = self._demands_store.find_one({"_id": change.name})
        if current and current.get("resource"):
            self._keep_demand(change.name, (current["organization"], current["resource"]))

    @staticmethod
    def _keep(store: Any, name: str, revision: int, doc: dict[str, Any]) -> None:
        """Store ``doc`` unless a later revision is stored already (events may come late)."""
        current = store.find_one({"_id": name}, {"revision": 1})
        if current is None:
            store.insert_one({"_id": name, **doc})
        elif current.get("revision", 0) <= revision:
            store.replace_one({"_id": name}, doc)


def _time(interval: Any, field: str) -> datetime | None:
    return getattr(interval, field).ToDatetime(tzinfo=UTC) if interval.HasField(field) else None


def _terms(doc: dict[str, Any]) -> GrantTerms:
    return GrantTerms(
        name=doc["_id"],
        organization=doc.get("organization", ""),
        resource=doc.get("resource", ""),
        data_items=tuple(doc.get("data_items", [])),
        purpose=doc.get("purpose", ""),
        not_before=doc.get("not_before"),
        not_after=doc.get("not_after"),
        revoked_at=doc.get("revoked_at"),
    )
