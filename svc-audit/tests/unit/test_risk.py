"""Risk rules: the shipped file loads, each kind raises and stays quiet when it should, windows
slide, expire and suppress, and every mistake in the file is refused naming its field."""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from govdata.audit import risk
from govdata.audit.risk import (
    Access,
    Alert,
    GrantTerms,
    RiskEngine,
    RiskRules,
    RiskRulesError,
    RuleKind,
)

SHIPPED_TEXT = resources.files("govdata.audit").joinpath(risk.PACKAGED).read_text("utf-8")
SHIPPED = yaml.safe_load(SHIPPED_TEXT)

MONDAY_10 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
QUERY = "/gov.exchange.v1.ExchangeService/QueryByKey"
SUBSCRIBE = "/gov.exchange.v1.ExchangeService/Subscribe"
VEHICLES = "organizations/hx-gafj/resources/vehicles"
MZJ = "organizations/hx-mzj"
GRANT = "organizations/hx-mzj/grants/g1"

_ids = itertools.count()


def access(**fields: Any) -> Access:
    """An OK QueryByKey by a caseworker under a grant, at Monday 10:00 local time."""
    n = next(_ids)
    values: dict[str, Any] = {
        "record_id": f"r{n}",
        "leaf_index": n,
        "time": MONDAY_10,
        "system": "hx-mzj-shjz",
        "person": "p-zhang",
        "organization": MZJ,
        "service": "exchange",
        "method": QUERY,
        "resource": VEHICLES,
        "data_items": ("号牌号码",),
        "subject_keys": (),
        "purpose": "低保核对",
        "grant": GRANT,
        "outcome": "OK",
    }
    values.update(fields)
    return Access(**values)


@dataclass
class FakeEntitlements:
    grants: dict[str, GrantTerms] = field(default_factory=dict)
    holders: set[tuple[str, str]] = field(default_factory=set)
    asked: int = 0

    def grant(self, name: str) -> GrantTerms | None:
        return self.grants.get(name)

    def entitled(self, organization: str, resource: str) -> bool:
        self.asked += 1
        return (organization, resource) in self.holders


THE_GRANT = GrantTerms(
    name=GRANT,
    organization=MZJ,
    resource=VEHICLES,
    data_items=("号牌号码", "车辆类型"),
    purpose="低保核对",
    not_before=datetime(2026, 1, 1, tzinfo=UTC),
    not_after=datetime(2027, 1, 1, tzinfo=UTC),
    revoked_at=None,
)


def entitled_everywhere() -> FakeEntitlements:
    return FakeEntitlements({GRANT: THE_GRANT}, {(MZJ, VEHICLES)})


def rules_of(*rules: dict[str, Any], **top: Any) -> RiskRules:
    data = {"version": "t.1", "data_reads": [QUERY, SUBSCRIBE], "rules": list(rules), **top}
    return RiskRules.parse(yaml.safe_dump(data, allow_unicode=True), "test.yaml")


def engine_of(
    *rules: dict[str, Any], entitlements: FakeEntitlements | None = None, **top: Any
) -> RiskEngine:
    return RiskEngine(rules_of(*rules, **top), entitlements or entitled_everywhere())


def rule(kind: str, **params: Any) -> dict[str, Any]:
    return (
        {"id": kind.replace("_", "-"), "kind": kind, "severity": "high"}
        | {"description": f"a {kind} rule"}
        | params
    )


def alerts_of(engine: RiskEngine, *records: Access) -> list[Alert]:
    return [alert for record in records for alert in engine.observe(record)]


def keys(*names: str) -> tuple[str, ...]:
    return tuple(f"{name:0>64}" for name in names)  # as long as the hashes records carry


# --- the shipped file ----------------------------------------------------------------------


def test_the_shipped_rules_load_with_one_rule_of_each_kind() -> None:
    rules = RiskRules.load()
    assert rules.version == "2026-12-05.1" and rules.source == risk.PACKAGED
    assert rules.timezone.key == "Asia/Shanghai"
    assert {r.kind for r in rules.rules} == set(RuleKind)
    assert QUERY in rules.data_reads
    by_id = {r.id: r for r in rules.rules}
    bulk = by_id["bulk-citizen-lookups"]
    assert (bulk.max_subjects, bulk.window, bulk.severity) == (200, timedelta(hours=1), "high")
    burst = by_id["denied-burst"]
    assert (burst.min_denied, burst.window) == (20, timedelta(minutes=10))
    assert burst.outcomes == {"PERMISSION_DENIED", "UNAUTHENTICATED"}
    off = by_id["off-hours-reads"]
    assert off.working_hours == (7 * 60, 21 * 60) and off.days_off == {5, 6}
    assert by_id["unentitled-resource-read"].severity == "critical"
    assert burst.methods == ("/*",)  # refusals anywhere count, not only on data reads
    assert all(r.methods == rules.data_reads for r in rules.rules if r is not burst)
    assert rules.max_window() == timedelta(hours=1)


def test_a_file_given_by_path_replaces_the_packaged_one(tmp_path: Path) -> None:
    data = copy.deepcopy(SHIPPED)
    data["version"] = "local.7"
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = RiskRules.load(path)
    assert (loaded.version, loaded.source) == ("local.7", str(path))
    assert loaded.rules == RiskRules.load().rules


def test_the_shipped_rules_run_end_to_end() -> None:
    engine = RiskEngine(RiskRules.load(), entitled_everywhere())
    night = access(time=MONDAY_10 + timedelta(hours=13))  # 23:00 local
    (alert,) = engine.observe(night)
    assert (alert.rule, alert.kind, alert.severity) == ("off-hours-reads", "off_hours", "low")
    assert alert.rules_version == "2026-12-05.1"
    assert engine.observe(access()) == []


# --- bulk_lookup -------------------------------------------------------------------------


BULK = rule("bulk_lookup", max_subjects=3, window="1h")


def test_bulk_lookup_raises_once_more_than_max_subjects_are_read() -> None:
    engine = engine_of(BULK)
    first = access(subject_keys=keys("a", "b"))
    again = access(subject_keys=keys("a", "b", "a"), time=MONDAY_10 + timedelta(minutes=1))
    third = access(subject_keys=keys("c"), time=MONDAY_10 + timedelta(minutes=2))
    assert alerts_of(engine, first, again, third) == []  # three distinct: not more than 3
    fourth = access(subject_keys=keys("d"), time=MONDAY_10 + timedelta(minutes=3))
    (alert,) = engine.observe(fourth)
    assert (alert.rule, alert.kind, alert.severity) == ("bulk-lookup", "bulk_lookup", "high")
    assert alert.record_ids == tuple(r.record_id for r in (first, again, third, fourth))
    assert alert.leaf_indexes == tuple(r.leaf_index for r in (first, again, third, fourth))
    assert (alert.system, alert.person, alert.organization) == ("hx-mzj-shjz", "p-zhang", MZJ)
    assert alert.time == fourth.time and alert.rules_version == "t.1"
    assert "4 distinct data subjects within 1h (threshold 3)" in alert.summary
    assert "批量查询" in alert.summary
    assert not any(key in alert.summary for key in keys("a", "b", "c", "d"))


def test_bulk_lookup_counts_per_person_and_per_system_without_a_person() -> None:
    engine = engine_of(BULK)
    assert alerts_of(engine, access(subject_keys=keys("a", "b", "c"))) == []
    assert alerts_of(engine, access(person="p-li", subject_keys=keys("d", "e", "f"))) == []
    assert alerts_of(engine, access(person="", subject_keys=keys("g", "h"))) == []
    assert alerts_of(engine, access(system="hx-other", person="", subject_keys=keys("i"))) == []
    (alert,) = engine.observe(access(person="", subject_keys=keys("j", "k")))
    assert (alert.system, alert.person) == ("hx-mzj-shjz", "")
    assert "system hx-mzj-shjz (no person named)" in alert.summary


def test_bulk_lookup_windows_slide_so_old_reads_stop_counting() -> None:
    engine = engine_of(BULK)
    assert alerts_of(engine, access(subject_keys=keys("a", "b", "c"))) == []
    later = MONDAY_10 + timedelta(hours=1)  # "a", "b", "c" are exactly a window old: gone
    assert alerts_of(engine, access(subject_keys=keys("d", "e"), time=later)) == []
    assert alerts_of(engine, access(subject_keys=keys("f"), time=later)) == []
    assert len(engine.observe(access(subject_keys=keys("g"), time=later))) == 1


def test_bulk_lookup_stays_quiet_for_a_window_after_an_alert_then_raises_again() -> None:
    engine = engine_of(BULK)
    (first,) = engine.observe(access(subject_keys=keys("a", "b", "c", "d")))
    more = [
        access(subject_keys=keys(f"x{i}"), time=MONDAY_10 + timedelta(minutes=10 * i))
        for i in range(1, 6)
    ]
    assert alerts_of(engine, *more) == []  # up to 50 minutes after: suppressed
    hour = MONDAY_10 + timedelta(hours=1)
    trigger = access(subject_keys=keys("y"), time=hour)
    (second,) = engine.observe(trigger)  # 6 distinct in (10:00, 11:00]
    assert second.record_ids == (*[r.record_id for r in more], trigger.record_id)
    assert first.key() != second.key()


def test_bulk_lookup_links_at_most_100_records_the_triggering_one_last() -> None:
    engine = engine_of(rule("bulk_lookup", max_subjects=150, window="1h"))
    records = [
        access(subject_keys=keys(f"s{i}"), time=MONDAY_10 + timedelta(seconds=i))
        for i in range(151)
    ]
    alerts = alerts_of(engine, *records)
    assert len(alerts) == 1
    (alert,) = alerts
    assert len(alert.record_ids) == len(alert.leaf_indexes) == risk.MAX_LINKED
    assert alert.record_ids == (*[r.record_id for r in records[:99]], records[150].record_id)
    assert "151 distinct" in alert.summary and "the earliest 99 and the triggering one" in (
        alert.summary
    )


def test_bulk_lookup_ignores_refused_reads_other_methods_and_exempt_systems() -> None:
    engine = engine_of(
        rule("bulk_lookup", max_subjects=1, window="1h", exempt_systems=["hx-batch"])
    )
    ignored = [
        access(subject_keys=keys("a", "b"), outcome="PERMISSION_DENIED"),
        access(subject_keys=keys("a", "b"), method="/gov.exchange.v1.ExchangeService/GetGrant"),
        access(subject_keys=keys("a", "b"), system="hx-batch"),
        access(subject_keys=keys("a", "b"), method="/gov.audit.v1.AuditService/QueryAuditRecords"),
    ]
    assert alerts_of(engine, *ignored) == []
    assert len(engine.observe(access(subject_keys=keys("a", "b"), method=SUBSCRIBE))) == 1


def test_the_audit_services_own_methods_are_never_in_scope_whatever_the_globs() -> None:
    engine = engine_of(rule("bulk_lookup", max_subjects=1, window="1h", methods=["/*"]))
    audit = "/gov.audit.v1.AuditService/ListAccessesToMe"
    assert engine.observe(access(subject_keys=keys("a", "b"), method=audit)) == []
    assert len(engine.observe(access(subject_keys=keys("a", "b"), method="/x.Y/Z"))) == 1


def test_a_slightly_late_record_counts_in_its_window_a_too_late_one_does_not() -> None:
    engine = engine_of(BULK)
    now = MONDAY_10 + timedelta(hours=2)
    assert alerts_of(engine, access(subject_keys=keys("a", "b"), time=now)) == []
    too_late = access(subject_keys=keys("c", "d"), time=now - timedelta(hours=1))
    assert engine.observe(too_late) == []
    late = access(subject_keys=keys("c", "d"), time=now - timedelta(minutes=5))
    (alert,) = engine.observe(late)
    assert alert.record_ids[-1] == late.record_id and len(alert.record_ids) == 2


# --- restarting: replay and restore ------------------------------------------------------


def test_replay_fills_the_windows_and_raises_nothing() -> None:
    engine = engine_of(BULK, rule("off_hours", working_hours="08:00-20:00"))
    night = MONDAY_10 + timedelta(hours=12)  # 22:00 local
    replayed = access(subject_keys=keys("a", "b", "c", "d"), time=night)
    assert engine.replay(replayed) is None
    assert engine.held() == {"bulk-lookup": 1, "off-hours": 0}
    record = access(subject_keys=keys("e"), time=night)
    bulk, off = engine.observe(record)  # neither was suppressed by the replay
    assert (bulk.kind, off.kind) == ("bulk_lookup", "off_hours")
    assert bulk.record_ids == (replayed.record_id, record.record_id)


def test_a_restored_alert_keeps_its_rule_quiet_for_the_window() -> None:
    raised = engine_of(BULK).observe(access(subject_keys=keys("a", "b", "c", "d")))
    engine = engine_of(BULK)
    engine.restore(raised[0])
    later = MONDAY_10 + timedelta(minutes=30)
    assert engine.observe(access(subject_keys=keys("e", "f", "g", "h", "i"), time=later)) == []
    after = MONDAY_10 + timedelta(hours=1)
    assert len(engine.observe(access(subject_keys=keys("j"), time=after))) == 1


def test_restoring_an_alert_of_a_rule_no_longer_in_the_file_is_harmless() -> None:
    raised = engine_of(BULK).observe(access(subject_keys=keys("a", "b", "c", "d")))
    engine = engine_of(rule("denied_burst", min_denied=1, window="10m"))
    engine.restore(raised[0])
    assert engine.held() == {"denied-burst": 0}


def test_observing_a_record_again_gives_the_same_alert_key() -> None:
    record = access(grant="organizations/hx-mzj/grants/nope")
    first = engine_of(rule("outside_grant")).observe(record)
    again = engine_of(rule("outside_grant")).observe(record)
    assert first == again and first[0].key() == again[0].key()
    assert re.fullmatch(r"[0-9a-f]{64}", first[0].key())
    assert (
        engine_of(rule("outside_grant")).observe(replace(record, record_id="r-other"))[0].key()
        != first[0].key()
    )


def test_idle_keys_are_dropped() -> None:
    engine = engine_of(
        BULK,
        rule("denied_burst", min_denied=100, window="10m"),
        rule("off_hours", working_hours="08:00-20:00"),
        rule("unentitled_resource"),
        entitlements=FakeEntitlements(),
    )
    night = MONDAY_10 + timedelta(hours=12)
    for i in range(50):
        engine.observe(
            access(
                system=f"s{i}",
                organization=f"organizations/o{i}",
                subject_keys=keys("a"),
                outcome="OK",
                time=night,
            )
        )
        engine.observe(access(system=f"s{i}", outcome="PERMISSION_DENIED", time=night))
    assert engine.held() == {
        "bulk-lookup": 50,
        "denied-burst": 50,
        "off-hours": 50,
        "unentitled-resource": 50,
    }
    engine.observe(access(outcome="NOT_FOUND", time=night + timedelta(hours=1)))
    assert engine.held() == {
        "bulk-lookup": 0,
        "denied-burst": 0,
        "off-hours": 0,
        "unentitled-resource": 0,
    }


# --- outside_grant -----------------------------------------------------------------------


def grant_with(**terms: Any) -> FakeEntitlements:
    return FakeEntitlements({GRANT: replace(THE_GRANT, **terms)}, {(MZJ, VEHICLES)})


BROKEN_TERMS = [
    ("unknown grant", FakeEntitlements(), {}, "the grant is unknown"),
    (
        "before its start",
        grant_with(not_before=MONDAY_10 + timedelta(seconds=1)),
        {},
        "the access is before its start 2026-12-07 02:00:01Z",
    ),
    (
        "at its end",
        grant_with(not_after=MONDAY_10),
        {},
        "the access is after its end 2026-12-07 02:00:00Z",
    ),
    (
        "revoked",
        grant_with(revoked_at=MONDAY_10 - timedelta(days=1)),
        {},
        "the grant was revoked at 2026-12-06 02:00:00Z",
    ),
    (
        "naive revocation time taken as UTC",
        grant_with(revoked_at=datetime(2026, 12, 6, 2, 0)),
        {},
        "the grant was revoked at 2026-12-06 02:00:00Z",
    ),
    (
        "another purpose",
        entitled_everywhere(),
        {"purpose": "招商引资"},
        "the purpose '招商引资' is not the granted '低保核对'",
    ),
    (
        "an item not granted",
        entitled_everywhere(),
        {"data_items": ("号牌号码", "所有人证件号码")},
        "data items not granted: 所有人证件号码",
    ),
    (
        "another resource",
        entitled_everywhere(),
        {"resource": "organizations/hx-gafj/resources/drivers"},
        "the resource organizations/hx-gafj/resources/drivers is not the granted " + VEHICLES,
    ),
    (
        "another organisation",
        entitled_everywhere(),
        {"organization": "organizations/hx-swj"},
        "the caller's organisation organizations/hx-swj is not the grantee " + MZJ,
    ),
    (
        "an unknown organisation",
        entitled_everywhere(),
        {"organization": ""},
        "the caller's organisation (unknown) is not the grantee " + MZJ,
    ),
]


@pytest.mark.parametrize(
    ("entitlements", "fields", "said"),
    [case[1:] for case in BROKEN_TERMS],
    ids=[case[0] for case in BROKEN_TERMS],
)
def test_outside_grant_names_the_broken_term(
    entitlements: FakeEntitlements, fields: dict[str, Any], said: str
) -> None:
    engine = engine_of(rule("outside_grant"), entitlements=entitlements)
    record = access(**fields)
    (alert,) = engine.observe(record)
    assert alert.kind == "outside_grant" and alert.record_ids == (record.record_id,)
    assert alert.leaf_indexes == (record.leaf_index,)
    assert said in alert.summary and GRANT in alert.summary
    assert alert.summary.startswith("超出授权范围的访问")


def test_outside_grant_names_every_broken_term_at_once() -> None:
    engine = engine_of(rule("outside_grant"), entitlements=grant_with(revoked_at=MONDAY_10))
    (alert,) = engine.observe(access(purpose="其他", organization="organizations/hx-swj"))
    assert "revoked" in alert.summary and "purpose" in alert.summary
    assert "grantee" in alert.summary


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"purpose": "  低保核对 "},  # surrounding spaces
        {"purpose": "低保核对", "data_items": ()},
        {"grant": "", "purpose": "其他"},  # no grant named: nothing to break
        {"outcome": "PERMISSION_DENIED", "purpose": "其他"},
        {"method": "/gov.exchange.v1.ExchangeService/GetGrant", "purpose": "其他"},
        {"time": datetime(2026, 1, 1, tzinfo=UTC)},  # at not_before: inside
    ],
)
def test_outside_grant_is_quiet_within_the_terms(fields: dict[str, Any]) -> None:
    assert engine_of(rule("outside_grant")).observe(access(**fields)) == []


def test_outside_grant_compares_purposes_nfkc_normalised() -> None:
    entitlements = grant_with(purpose="低保核对(2026)")
    engine = engine_of(rule("outside_grant"), entitlements=entitlements)
    assert engine.observe(access(purpose="低保核对（２０２６）")) == []  # full-width forms


def test_outside_grant_raises_for_every_record() -> None:
    engine = engine_of(rule("outside_grant"), entitlements=FakeEntitlements())
    assert len(alerts_of(engine, access(), access(), access())) == 3


# --- denied_burst ------------------------------------------------------------------------


BURST = rule("denied_burst", min_denied=3, window="10m")


def denied(minutes: float = 0, **fields: Any) -> Access:
    fields.setdefault("outcome", "PERMISSION_DENIED")
    return access(time=MONDAY_10 + timedelta(minutes=minutes), **fields)


def test_denied_burst_raises_at_min_denied_within_the_window() -> None:
    engine = engine_of(BURST)
    first, second = denied(0), denied(4, outcome="UNAUTHENTICATED")
    assert alerts_of(engine, first, second, denied(5, outcome="OK")) == []
    third = denied(9, person="p-li")
    (alert,) = engine.observe(third)
    assert alert.kind == "denied_burst" and alert.system == "hx-mzj-shjz"
    assert (alert.person, alert.resource, alert.organization) == ("", "", MZJ)
    assert alert.record_ids == (first.record_id, second.record_id, third.record_id)
    assert "had 3 calls refused (PERMISSION_DENIED, UNAUTHENTICATED) within 10m" in (alert.summary)


def test_denied_burst_is_quiet_when_refusals_are_spread_or_by_other_systems() -> None:
    engine = engine_of(BURST)
    assert alerts_of(engine, denied(0), denied(5), denied(10), denied(15)) == []
    assert alerts_of(engine, denied(16, system="a"), denied(16, system="b")) == []
    assert alerts_of(engine, denied(16, outcome="NOT_FOUND")) == []


def test_denied_burst_counts_only_its_outcomes() -> None:
    engine = engine_of(
        rule("denied_burst", min_denied=2, window="10m", outcomes=["RESOURCE_EXHAUSTED"])
    )
    assert alerts_of(engine, denied(0), denied(1), denied(2, outcome="UNAUTHENTICATED")) == []
    assert len(alerts_of(engine, *[denied(3, outcome="RESOURCE_EXHAUSTED")] * 2)) == 1


def test_denied_burst_raises_once_per_window() -> None:
    engine = engine_of(BURST)
    assert len(alerts_of(engine, *[denied(i) for i in range(9)])) == 1  # 0..8 minutes
    assert alerts_of(engine, denied(9.9), denied(11.9)) == []
    (again,) = engine.observe(last := denied(12))  # 10 minutes after the alert at 2
    assert len(again.record_ids) == 9 and again.record_ids[-1] == last.record_id


def test_denied_burst_links_at_most_100_records() -> None:
    engine = engine_of(rule("denied_burst", min_denied=120, window="10m"))
    records = [denied(i / 100) for i in range(120)]
    (alert,) = alerts_of(engine, *records)
    assert len(alert.record_ids) == 100 and alert.record_ids[-1] == records[-1].record_id
    assert "the earliest 99" in alert.summary


# --- off_hours ---------------------------------------------------------------------------


OFF = rule("off_hours", working_hours="07:00-21:00", days_off=["sat", "sun"], severity="low")


@pytest.mark.parametrize(
    ("utc", "raises"),
    [
        (datetime(2026, 12, 7, 2, 0, tzinfo=UTC), False),  # Mon 10:00 local
        (datetime(2026, 12, 7, 14, 0, tzinfo=UTC), True),  # Mon 22:00 local, 14:00 UTC
        (datetime(2026, 12, 7, 12, 59, 59, tzinfo=UTC), False),  # Mon 20:59:59
        (datetime(2026, 12, 7, 13, 0, tzinfo=UTC), True),  # Mon 21:00: end is exclusive
        (datetime(2026, 12, 6, 23, 0, tzinfo=UTC), False),  # Sun in UTC, Mon 07:00 local
        (datetime(2026, 12, 6, 22, 59, tzinfo=UTC), True),  # Mon 06:59 local
        (datetime(2026, 12, 4, 17, 0, tzinfo=UTC), True),  # Fri in UTC, Sat 01:00 local
        (datetime(2026, 12, 5, 2, 0, tzinfo=UTC), True),  # Sat 10:00 local
    ],
)
def test_off_hours_reads_in_local_time(utc: datetime, raises: bool) -> None:
    alerts = engine_of(OFF).observe(access(time=utc))
    assert len(alerts) == raises


def test_off_hours_alert_shows_the_local_time() -> None:
    (alert,) = engine_of(OFF).observe(access(time=datetime(2026, 12, 5, 2, 0, tzinfo=UTC)))
    assert (alert.kind, alert.severity, alert.person) == ("off_hours", "low", "p-zhang")
    assert "at local time 2026-12-05 10:00 (sat, Asia/Shanghai)" in alert.summary
    assert "当地时间 2026-12-05 10:00 周六" in alert.summary
    assert "outside working hours 07:00-21:00 (days off: sat, sun)" in alert.summary


def test_off_hours_follows_the_files_timezone() -> None:
    engine = engine_of(OFF, timezone="Europe/Tallinn")  # UTC+2 in December
    assert engine.observe(access(time=datetime(2026, 12, 7, 4, 59, tzinfo=UTC))) != []
    assert engine.observe(access(time=datetime(2026, 12, 7, 5, 0, tzinfo=UTC))) == []


def test_off_hours_raises_once_per_caller_per_window() -> None:
    engine = engine_of(OFF)
    night = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)  # 23:00 local
    first = access(time=night)
    assert len(engine.observe(first)) == 1
    assert engine.observe(access(time=night + timedelta(minutes=59))) == []
    assert len(engine.observe(access(time=night + timedelta(minutes=5), person="p-li"))) == 1
    assert len(engine.observe(access(time=night + timedelta(hours=1)))) == 1


def test_off_hours_ignores_refused_reads_other_methods_and_exempt_systems() -> None:
    engine = engine_of(OFF | {"exempt_systems": ["hx-night-batch"]})
    night = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    assert engine.observe(access(time=night, outcome="PERMISSION_DENIED")) == []
    assert engine.observe(access(time=night, system="hx-night-batch")) == []
    publish = "/gov.exchange.v1.ExchangeService/PublishRecords"
    assert engine.observe(access(time=night, method=publish)) == []


def test_off_hours_without_days_off_checks_hours_only() -> None:
    engine = engine_of(rule("off_hours", working_hours="00:00-24:00"))
    assert engine.observe(access(time=datetime(2026, 12, 5, 17, 0, tzinfo=UTC))) == []


# --- unentitled_resource -----------------------------------------------------------------


def test_unentitled_resource_raises_for_a_foreign_read_without_demand_or_grant() -> None:
    entitlements = FakeEntitlements(holders={(MZJ, VEHICLES)})
    engine = engine_of(rule("unentitled_resource", severity="critical"), entitlements=entitlements)
    assert engine.observe(access()) == []  # entitled
    assert engine.observe(access(organization="organizations/hx-gafj")) == []  # the owner
    assert engine.observe(access(resource="")) == []
    assert engine.observe(access(resource="organizations/hx-gafj")) == []  # not a resource
    assert engine.observe(access(outcome="PERMISSION_DENIED", organization="x")) == []
    swj = "organizations/hx-swj"
    record = access(organization=swj)
    (alert,) = engine.observe(record)
    assert (alert.kind, alert.severity, alert.organization) == (
        "unentitled_resource",
        "critical",
        swj,
    )
    assert alert.resource == VEHICLES and alert.record_ids == (record.record_id,)
    assert f"{swj} read {VEHICLES} of organizations/hx-gafj holding neither" in alert.summary


def test_unentitled_resource_raises_once_per_organisation_and_resource_per_window() -> None:
    entitlements = FakeEntitlements()
    engine = engine_of(rule("unentitled_resource", window="1h"), entitlements=entitlements)
    swj = "organizations/hx-swj"
    assert len(engine.observe(access(organization=swj))) == 1
    asked = entitlements.asked
    later = MONDAY_10 + timedelta(minutes=30)
    assert engine.observe(access(organization=swj, time=later)) == []
    assert entitlements.asked == asked  # suppressed before asking
    drivers = "organizations/hx-gafj/resources/drivers"
    assert len(engine.observe(access(organization=swj, resource=drivers, time=later))) == 1
    assert len(engine.observe(access(organization="", time=later))) == 1  # unknown caller
    hour = MONDAY_10 + timedelta(hours=1)
    assert len(engine.observe(access(organization=swj, time=hour))) == 1


# --- several rules -----------------------------------------------------------------------


def test_one_record_may_raise_under_several_rules() -> None:
    engine = engine_of(
        rule("outside_grant"),
        OFF,
        rule("unentitled_resource"),
        entitlements=FakeEntitlements(),
    )
    alerts = engine.observe(access(time=datetime(2026, 12, 5, 2, 0, tzinfo=UTC)))
    assert [a.kind for a in alerts] == ["outside_grant", "off_hours", "unentitled_resource"]
    assert len({a.key() for a in alerts}) == 3


def test_a_record_needs_an_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        access(time=datetime(2026, 12, 7, 10, 0))
    made = access(data_items=["a"], subject_keys=["k"])
    assert made.data_items == ("a",) and made.subject_keys == ("k",)


# --- the file's mistakes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("10m", 600), ("1h", 3600), ("1d", 86400)]
)
def test_durations(text: str, seconds: int) -> None:
    loaded = rules_of(rule("denied_burst", min_denied=1, window=text))
    assert loaded.rules[0].window == timedelta(seconds=seconds)
    assert loaded.max_window() == timedelta(seconds=seconds)


def test_max_window_is_the_longest_rule_window() -> None:
    loaded = rules_of(
        rule("outside_grant"),
        rule("denied_burst", min_denied=1, window="10m"),
        rule("unentitled_resource", window="2h"),
    )
    assert loaded.max_window() == timedelta(hours=2)
    assert rules_of(rule("outside_grant")).max_window() == timedelta(0)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to the shipped data: ``rules.0.window`` set to ``value``."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[last]

    return change


def _duplicate(data: dict[str, Any]) -> None:
    data["rules"][3]["id"] = data["rules"][0]["id"]


B = "rules[0] 'bulk-citizen-lookups', field"
D = "rules[2] 'denied-burst', field"
O = "rules[3] 'off-hours-reads', field"  # noqa: E741
MISTAKES = [
    (_set("colour", "red"), "field colour: unknown top-level key"),
    (_drop("version"), "field version: a quoted, non-empty version is required"),
    (_set("version", 2026.1), "field version: a quoted"),
    (_set("timezone", "Asia/Haixin"), "field timezone: unknown time zone 'Asia/Haixin'"),
    (_drop("data_reads"), "field data_reads: required"),
    (_set("data_reads", []), "field data_reads: a non-empty list of method globs"),
    (_set("data_reads.0", "QueryByKey"), "field data_reads: 'QueryByKey' is not a glob"),
    (_set("rules", []), "field rules: a list of at least one rule is required"),
    (_set("rules.0", "bulk"), "rules[0], field id: a rule must be a mapping"),
    (_set("rules.0.kind", "mass_lookup"), f"{B} kind: unknown kind 'mass_lookup'"),
    (_drop("rules.0.kind"), f"{B} kind: unknown kind None"),
    (_set("rules.0.id", "Bulk Lookups"), "rules[0] 'Bulk Lookups', field id: required: lower"),
    (_drop("rules.0.id"), "rules[0], field id: required"),
    (_duplicate, "rules[3] 'bulk-citizen-lookups', field id: duplicate rule id (also rules[0])"),
    (_set("rules.0.severity", "urgent"), f"{B} severity: 'urgent' is not one of low, medium"),
    (_drop("rules.0.description"), f"{B} description: required"),
    (_set("rules.0.threshold", 5), f"{B} threshold: unknown for kind bulk_lookup"),
    (_set("rules.0.min_denied", 5), f"{B} min_denied: unknown for kind bulk_lookup"),
    (_set("rules.1.window", "1h"), "rules[1] 'access-outside-grant', field window: unknown"),
    (_drop("rules.0.max_subjects"), f"{B} max_subjects: required for kind bulk_lookup"),
    (_set("rules.0.max_subjects", "200"), f"{B} max_subjects: must be a whole number"),
    (_set("rules.0.max_subjects", 0), f"{B} max_subjects: must be a whole number, 1 or more"),
    (_set("rules.0.max_subjects", True), f"{B} max_subjects: must be a whole number"),
    (_set("rules.0.max_subjects", 200.5), f"{B} max_subjects: must be a whole number"),
    (_drop("rules.0.window"), f"{B} window: required for kind bulk_lookup"),
    (_set("rules.0.window", "90x"), f"{B} window: '90x' is not a duration such as 90s"),
    (_set("rules.0.window", 3600), f"{B} window: 3600 is not a duration"),
    (_set("rules.0.window", "0m"), f"{B} window: '0m' is not a duration"),
    (_set("rules.0.window", "1.5h"), f"{B} window: '1.5h' is not a duration"),
    (_set("rules.0.window", "8d"), f"{B} window: '8d' is longer than 7d"),
    (_set("rules.0.methods", "QueryByKey"), f"{B} methods: a non-empty list of method globs"),
    (_set("rules.0.methods", ["QueryByKey"]), f"{B} methods: 'QueryByKey' is not a glob"),
    (_set("rules.0.exempt_systems", "hx-batch"), f"{B} exempt_systems: a list of calling"),
    (_set("rules.0.exempt_systems", [""]), f"{B} exempt_systems: a list of calling"),
    (_drop("rules.2.min_denied"), f"{D} min_denied: required for kind denied_burst"),
    (_set("rules.2.outcomes", ["OK"]), f"{D} outcomes: 'OK' is not the name of a gRPC error"),
    (_set("rules.2.outcomes", ["DENIED"]), f"{D} outcomes: 'DENIED' is not the name"),
    (_set("rules.2.outcomes", []), f"{D} outcomes: a non-empty list of gRPC status code"),
    (_drop("rules.3.working_hours"), f"{O} working_hours: required for kind off_hours"),
    (_set("rules.3.working_hours", "21:00-07:00"), f"{O} working_hours: '21:00-07:00' is not"),
    (_set("rules.3.working_hours", "07:00-24:30"), f"{O} working_hours: '07:00-24:30' is not"),
    (_set("rules.3.working_hours", "25:00-26:00"), f"{O} working_hours: '25:00-26:00' is not"),
    (_set("rules.3.working_hours", "7-21"), f"{O} working_hours: '7-21' is not a quoted"),
    (_set("rules.3.working_hours", 420), f"{O} working_hours: 420 is not a quoted"),
    (_set("rules.3.days_off", ["sat", "sunday"]), f"{O} days_off: 'sunday' is not a weekday"),
    (_set("rules.3.days_off", "sat"), f"{O} days_off: a list of weekdays is required"),
    (_set("rules.3.window", "1 hour"), f"{O} window: '1 hour' is not a duration"),
    (_set("rules.3.outcomes", ["OK"]), f"{O} outcomes: unknown for kind off_hours"),
    (
        _set("rules.4.exempt_systems", []),
        "rules[4] 'unentitled-resource-read', field exempt_systems: unknown",
    ),
]


@pytest.mark.parametrize(("change", "message"), MISTAKES)
def test_a_mistake_is_refused_naming_the_file_rule_and_field(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = copy.deepcopy(SHIPPED)
    change(data)
    with pytest.raises(RiskRulesError, match="^" + re.escape(f"ops/risk.yaml: {message}")):
        RiskRules.parse(yaml.safe_dump(data, allow_unicode=True), "ops/risk.yaml")


def test_a_mistake_is_a_value_error() -> None:
    assert issubclass(RiskRulesError, ValueError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: [", "ops/risk.yaml: the risk rules file is not YAML"),
        ("- a list", "ops/risk.yaml: the file must be a mapping"),
        ("", "ops/risk.yaml: the file must be a mapping"),
    ],
)
def test_text_that_is_not_a_rules_mapping_is_refused(text: str, message: str) -> None:
    with pytest.raises(RiskRulesError, match="^" + re.escape(message)):
        RiskRules.parse(text, "ops/risk.yaml")


def test_a_file_with_a_mistake_is_refused_naming_its_path(tmp_path: Path) -> None:
    path = tmp_path / "risk.yaml"
    path.write_text(SHIPPED_TEXT.replace("window: 10m", "window: 10min"), encoding="utf-8")
    with pytest.raises(RiskRulesError, match=re.escape(f"{path}: {D} window: '10min'")):
        RiskRules.load(path)
    path.write_text("rules: [", encoding="utf-8")
    with pytest.raises(RiskRulesError, match=re.escape(f"{path}: the risk rules file is not")):
        RiskRules.load(path)
