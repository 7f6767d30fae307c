"""Which providers are late with their data, by the update cycle they declared."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from govdata.exchange.freshness import overdue

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def term(name: str, cycle: str, listed_days_ago: float, share: str = "SHARE_TYPE_CONDITIONAL"):  # type: ignore[no-untyped-def]
    return {
        "_id": f"organizations/p/resources/{name}",
        "provider": "organizations/p",
        "update_cycle": cycle,
        "share_type": share,
        "listed": NOW - timedelta(days=listed_days_ago),
    }


def test_late_by_cycle_plus_a_day_of_grace_most_overdue_first() -> None:
    terms = [
        term("daily-fresh", "UPDATE_CYCLE_DAILY", 30),
        term("daily-late", "UPDATE_CYCLE_DAILY", 30),
        term("monthly-new", "UPDATE_CYCLE_MONTHLY", 10),
        term("weekly-never", "UPDATE_CYCLE_WEEKLY", 20),
        term("irregular", "UPDATE_CYCLE_IRREGULAR", 400),
        term("closed", "UPDATE_CYCLE_DAILY", 400, share="SHARE_TYPE_NOT_SHARED"),
    ]
    published = {
        "organizations/p/resources/daily-fresh": NOW - timedelta(hours=40),
        "organizations/p/resources/daily-late": NOW - timedelta(hours=49),
    }
    late = overdue(terms, published, NOW)
    assert [item.resource.rsplit("/", 1)[1] for item in late] == ["weekly-never", "daily-late"]
    assert late[1].due_time == NOW - timedelta(hours=1)
    assert late[0].last_publish_time is None
