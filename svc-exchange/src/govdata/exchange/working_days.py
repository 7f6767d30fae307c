"""Working days for the sharing rules' answer deadlines (答复期限).

A provider answers a conditional request within a configured number of working days (the
national rule is 10). A working day is a weekday that is not a public holiday, or a weekend
day worked in exchange for a holiday (调休上班); both lists are data
(``data/working_calendar.yaml``), one year per State Council notice. Counting starts the day
after filing (期限自次日起算) and a deadline ends at midnight, local time, of its last day.
A deadline that would run into a year the calendar does not hold is refused
(``CalendarGap``) rather than computed from weekends alone and silently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from govdata.runtime import datafile


class CalendarFileError(ValueError):
    """The calendar file is malformed; the message says where."""


class CalendarGap(LookupError):
    """A date outside the years the calendar holds."""


@dataclass(frozen=True)
class WorkingCalendar:
    version: str
    zone: ZoneInfo
    years: frozenset[int]
    holidays: frozenset[date]
    working_weekends: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (CalendarGap for a year not held)."""
        if day.year not in self.years:
            raise CalendarGap(
                f"the working-day calendar (version {self.version}) has no holidays for "
                f"{day.year}: add that year's State Council notice to it"
            )
        if day in self.working_weekends:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def due(self, filed: datetime, working_days: int) -> datetime:
        """The end (local midnight, as a UTC time) of the ``working_days``-th working day
        after the day ``filed`` (an aware time) falls on locally."""
        if working_days < 1:
            raise ValueError(f"working_days must be at least 1, not {working_days}")
        if filed.tzinfo is None:
            raise ValueError("filed must be an aware datetime")
        day = filed.astimezone(self.zone).date()
        left = working_days
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
        return end.astimezone(UTC)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def parse(data: Any) -> WorkingCalendar:
    """A calendar from the file's parsed YAML; CalendarFileError naming the place."""
    if not isinstance(data, dict):
        raise CalendarFileError("the file must be a mapping with version, timezone and years")
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise CalendarFileError("version: a non-empty string is required")
    try:
        zone = ZoneInfo(str(data.get("timezone", "")))
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarFileError(f"timezone: unknown time zone {data.get('timezone')!r}") from None
    years = data.get("years")
    if not isinstance(years, dict) or not years:
        raise CalendarFileError("years: a mapping of year to holidays is required")
    holidays: set[date] = set()
    worked: set[date] = set()
    for year, entry in years.items():
        where = f"years.{year}"
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            raise CalendarFileError(f"{where}: the key must be a year")
        if not isinstance(entry, dict):
            raise CalendarFileError(f"{where}: holidays and working_weekends are required")
        for i, value in enumerate(entry.get("holidays") or []):
            first, last = _range(value, f"{where}.holidays[{i}]", year)
            holidays.update(first + timedelta(days=n) for n in range((last - first).days + 1))
        for i, value in enumerate(entry.get("working_weekends") or []):
            place = f"{where}.working_weekends[{i}]"
            day, _ = _range(value, place, year)
            if day.weekday() < 5:
                raise CalendarFileError(f"{place}: {day} is a weekday, not a weekend day")
            worked.add(day)
    if clash := sorted(holidays & worked):
        raise CalendarFileError(f"{clash[0]} is both a holiday and a working weekend day")
    return WorkingCalendar(version, zone, frozenset(years), frozenset(holidays), frozenset(worked))


def _range(value: Any, where: str, year: int) -> tuple[date, date]:
    """A date ("2026-10-01") or an inclusive range ("2026-10-01/2026-10-07") in ``year``."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        first, _, last = text.partition("/")
        start = date.fromisoformat(first)
        end = date.fromisoformat(last) if last else start
    except ValueError:
        raise CalendarFileError(f"{where}: {text!r} is not a date or date/date range") from None
    if end < start or start.year != year or end.year != year:
        raise CalendarFileError(f"{where}: {text!r} must be an ordered range within {year}")
    return start, end


def load(path: str | Path | None = None) -> WorkingCalendar:
    """Load a calendar file; the packaged one when ``path`` is None."""
    return parse(
        datafile.load_yaml(
            "govdata.exchange",
            "data/working_calendar.yaml",
            path,
            CalendarFileError,
            "the working-day calendar",
        )
    )


@lru_cache(maxsize=1)
def default() -> WorkingCalendar:
    """The packaged calendar, loaded once per process."""
    return load()
