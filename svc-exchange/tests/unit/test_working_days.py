"""Answer deadlines in working days, over the 2026 public holidays (no servers needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from govdata.exchange import working_days
from govdata.exchange.working_days import CalendarFileError, CalendarGap

CALENDAR = working_days.default()


def local(text: str) -> datetime:
    """A Beijing time, e.g. "2026-02-12T10:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=CALENDAR.zone)


def test_weekdays_work_holidays_and_weekends_do_not_except_exchanged_weekends() -> None:
    assert CALENDAR.is_working_day(date(2026, 3, 10))  # a Tuesday
    assert not CALENDAR.is_working_day(date(2026, 3, 14))  # a Saturday
    assert not CALENDAR.is_working_day(date(2026, 10, 5))  # 国庆节, a Monday
    assert CALENDAR.is_working_day(date(2026, 10, 10))  # Saturday worked for 国庆节
    assert CALENDAR.is_working_day(date(2026, 2, 14))  # Saturday worked for 春节


def test_ten_working_days_across_the_spring_festival() -> None:
    # filed Thursday 12 Feb: 13 (Fri), 14 (Sat, worked), 15-23 off, 24-27, 28 (Sat, worked),
    # 2-4 March: the tenth working day is Wednesday 4 March, due at its end
    due = CALENDAR.due(local("2026-02-12T10:00"), 10)
    assert due == datetime(2026, 3, 4, 16, 0, tzinfo=UTC)  # 5 March 00:00 in Beijing


def test_ten_working_days_across_national_day() -> None:
    due = CALENDAR.due(local("2026-09-30T17:30"), 10)
    assert due.astimezone(CALENDAR.zone).date() == date(2026, 10, 21)  # end of 20 October


def test_the_filing_day_is_the_local_day() -> None:
    # 16:30 UTC on 12 Feb is 00:30 on 13 Feb in Beijing: counting starts on the 14th
    late = CALENDAR.due(datetime(2026, 2, 12, 16, 30, tzinfo=UTC), 1)
    assert late.astimezone(CALENDAR.zone).date() == date(2026, 2, 15)  # end of the 14th
    early = CALENDAR.due(datetime(2026, 2, 12, 15, 30, tzinfo=UTC), 1)
    assert early.astimezone(CALENDAR.zone).date() == date(2026, 2, 14)  # end of the 13th


def test_working_days_between_counts_after_the_start() -> None:
    assert CALENDAR.working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 3
    assert CALENDAR.working_days_between(date(2026, 10, 10), date(2026, 10, 1)) == 0


def test_a_deadline_into_a_year_the_calendar_lacks_is_refused() -> None:
    with pytest.raises(CalendarGap, match="no holidays for 2027"):
        CALENDAR.due(local("2026-12-24T09:00"), 10)
    with pytest.raises(ValueError, match="at least 1"):
        CALENDAR.due(local("2026-03-02T09:00"), 0)
    with pytest.raises(ValueError, match="aware"):
        CALENDAR.due(datetime(2026, 3, 2, 9), 5)


@pytest.mark.parametrize(
    ("data", "place"),
    [
        ({"version": "1", "timezone": "Mars/Base", "years": {2026: {}}}, "timezone"),
        ({"version": "1", "timezone": "Asia/Shanghai", "years": {}}, "years"),
        (
            {"version": "1", "timezone": "Asia/Shanghai", "years": {2026: {"holidays": ["x"]}}},
            "years.2026.holidays[0]",
        ),
        (
            {
                "version": "1",
                "timezone": "Asia/Shanghai",
                "years": {2026: {"holidays": ["2027-01-01"]}},
            },
            "years.2026.holidays[0]",
        ),
        (
            {
                "version": "1",
                "timezone": "Asia/Shanghai",
                "years": {2026: {"working_weekends": [date(2026, 3, 10)]}},
            },
            "is a weekday",
        ),
        (
            {
                "version": "1",
                "timezone": "Asia/Shanghai",
                "years": {
                    2026: {
                        "holidays": ["2026-10-01/2026-10-07"],
                        "working_weekends": ["2026-10-03"],
                    }
                },
            },
            "both a holiday and a working weekend day",
        ),
    ],
)
def test_a_malformed_calendar_is_refused_naming_the_place(data: dict, place: str) -> None:
    with pytest.raises(CalendarFileError, match=place.replace("[", r"\[").replace("]", r"\]")):
        working_days.parse(data)


def test_the_packaged_calendar_holds_2026_as_announced() -> None:
    assert 2026 in CALENDAR.years
    off = sorted(d for d in CALENDAR.holidays if d.year == 2026)
    assert len(off) == 3 + 9 + 3 + 5 + 3 + 3 + 7  # 33 days off by the notice
    assert len(CALENDAR.working_weekends) == 6
