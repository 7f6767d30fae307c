"""What the risk rules know of grants and demands, kept from events; and the leases that keep
one appender and one indexer (real FerretDB)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gov.catalog.v1 import catalog_pb2
from gov.events.v1 import events_pb2
from gov.exchange.v1 import exchange_pb2
from govdata.audit.entitlements import StoredEntitlements
from govdata.audit.lease import Lease, claim_due
from govdata.runtime.events import new_envelope

GRANT = "organizations/hx-mzj/grants/g1"
RESOURCE = "organizations/hx-gaj/resources/vehicles"


def grant_event(
    revision: int, state: int
) -> tuple[events_pb2.EventEnvelope, events_pb2.GrantChanged]:
    grant = exchange_pb2.Grant(
        name=GRANT,
        consumer="organizations/hx-mzj",
        resource=RESOURCE,
        data_items=["号牌号码"],
        purpose="低保核对",
        state=state,
    )
    grant.validity.start_time.FromDatetime(datetime(2026, 1, 1, tzinfo=UTC))
    grant.validity.end_time.FromDatetime(datetime(2027, 1, 1, tzinfo=UTC))
    if state == exchange_pb2.GRANT_STATE_REVOKED:
        grant.revoke_time.FromDatetime(datetime(2026, 6, 1, tzinfo=UTC))
    change = events_pb2.GrantChanged(name=GRANT, revision=revision, grant=grant)
    return new_envelope("exchange", change), change


def test_grants_are_kept_in_revision_order_and_survive_a_restart(mongo_db) -> None:
    kept = StoredEntitlements(mongo_db)
    kept.grant_changed(*grant_event(2, exchange_pb2.GRANT_STATE_REVOKED))
    kept.grant_changed(*grant_event(1, exchange_pb2.GRANT_STATE_ACTIVE))  # late, older
    terms = kept.grant(GRANT)
    assert terms is not None and terms.revoked_at == datetime(2026, 6, 1, tzinfo=UTC)
    assert (terms.organization, terms.resource, terms.purpose) == (
        "organizations/hx-mzj",
        RESOURCE,
        "低保核对",
    )
    assert terms.not_after == datetime(2027, 1, 1, tzinfo=UTC)
    assert kept.entitled("organizations/hx-mzj", RESOURCE)
    assert not kept.entitled("organizations/hx-swj", RESOURCE)
    again = StoredEntitlements(mongo_db)  # a restarted worker
    assert again.grant(GRANT) == terms


def test_a_demand_entitles_its_organisation_until_deleted(mongo_db) -> None:
    kept = StoredEntitlements(mongo_db)
    name = "organizations/hx-swj/demands/d1"
    demand = catalog_pb2.SharingDemand(name=name, resource=RESOURCE)
    created = events_pb2.SharingDemandChanged(
        kind=events_pb2.CHANGE_KIND_CREATED, name=name, revision=1, sharing_demand=demand
    )
    kept.demand_changed(new_envelope("catalog", created), created)
    assert kept.entitled("organizations/hx-swj", RESOURCE)
    deleted = events_pb2.SharingDemandChanged(
        kind=events_pb2.CHANGE_KIND_DELETED, name=name, revision=2
    )
    kept.demand_changed(new_envelope("catalog", deleted), deleted)
    assert not kept.entitled("organizations/hx-swj", RESOURCE)


def test_one_holder_of_a_lease_at_a_time(mongo_db) -> None:
    state = mongo_db["state"]
    first, second = Lease(state, "worker-a"), Lease(state, "worker-b")
    assert first.try_take() and not second.try_take()
    assert first.try_take()  # renewing is taking again
    first.release()
    assert second.try_take()
    state.update_one(  # its holder stopped renewing: the lease expires
        {"_id": "sequencer"}, {"$set": {"expires": datetime.now(UTC) - timedelta(seconds=1)}}
    )
    assert first.try_take() and not second.try_take()
    indexer = Lease(state, "api-a", name="query_index")
    assert indexer.try_take()  # another lease, held apart


def test_a_shared_schedule_runs_once_per_period_across_replicas(mongo_db) -> None:
    """Several apis asking at once: one verification per period, never two."""
    state = mongo_db.with_options(codec_options=mongo_db.codec_options.with_options(tz_aware=True))[
        "state"
    ]
    hour = timedelta(hours=1)
    start = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    assert [claim_due(state, "verification", hour, start) for _ in range(3)] == [
        True,
        False,
        False,
    ]
    assert not claim_due(state, "verification", hour, start + timedelta(minutes=59))
    later = start + timedelta(minutes=61)
    assert [claim_due(state, "verification", hour, later) for _ in range(3)] == [
        True,
        False,
        False,
    ]
    assert state.find_one({"_id": "verification"})["last_run"] == later
    assert claim_due(state, "other-job", hour, later)  # schedules are independent
