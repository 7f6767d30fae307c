"""Risk rules (风险规则) as data, and the engine that applies them to the audit log.

The auditors' question is "who is misusing shared data?": bulk lookups of citizens, reads
outside what a grant allows, bursts of refused calls (probing), reads at odd hours, and reads
of another department's resource with no sharing demand or grant behind them. Each is a rule
*kind* with parameters; the rules themselves (thresholds, windows, severities) are a
versioned YAML file (``data/risk-rules.yaml``, replaceable by a deployment's file of the same
form), so tightening a threshold or adding a second rule of a known kind is an edit to the
file, not to code. Every alert cites the file's ``version``.

The file (see the packaged one for a commented example)::

    version: "2026-12-05.1"      # required, quoted; cited by every alert
    timezone: Asia/Shanghai      # for working hours; the default
    data_reads: [...]            # globs over the full gRPC method: the shared-data reads
    rules:
      - id: bulk-citizen-lookups # lower-case letters, digits and hyphens; unique
        kind: bulk_lookup        # one of RuleKind
        severity: high           # low | medium | high | critical
        description: ...         # for the operator and the auditor
        methods: [...]           # optional scope, globs; default: data_reads
        ...                      # the kind's parameters (below)

Kinds and their parameters (``window`` is a duration: ``90s``, ``10m``, ``1h``, ``1d``):

* ``bulk_lookup`` — ``max_subjects``, ``window``, optional ``exempt_systems``: more than
  ``max_subjects`` distinct data subjects read (outcome OK) by one person of one system (the
  system alone when the record names no person) within a sliding ``window``.
* ``outside_grant`` — an OK access naming a grant that breaks its terms: the grant is
  unknown, the access falls outside [not_before, not_after) or at/after its revocation, or
  the purpose (compared NFKC-normalised and stripped), data items (not a subset), resource or
  consumer organisation differ. One alert per record, naming every broken term.
* ``denied_burst`` — ``min_denied``, ``window``, optional ``outcomes`` (default
  PERMISSION_DENIED, UNAUTHENTICATED): at least ``min_denied`` refused calls by one system
  within ``window``. The alert's ``person`` and ``resource`` are empty: a burst spans them.
* ``off_hours`` — ``working_hours`` (``"08:00-20:00"``, start inclusive, end exclusive, no
  overnight spans), optional ``days_off`` (``[sat, sun]``), ``window`` (default 1h),
  ``exempt_systems``: an OK read at local time outside the working hours or on a day off.
  Public holidays and worked weekends (调休) are not known to it: weekdays only.
* ``unentitled_resource`` — optional ``window`` (default 1h): an OK read of
  ``organizations/{owner}/resources/...`` by a caller of another organisation that holds
  neither a sharing demand nor a grant for it (``Entitlements.entitled``).

Once per window: ``bulk_lookup`` and ``denied_burst`` raise when the threshold is crossed and
then not again for the same key (system+person, system) until ``window`` has passed since
the alert; then the next record still over the threshold raises again, linking only records
after the previous alert, so abuse that goes on raises once per window. ``off_hours`` (per
system+person) and ``unentitled_resource`` (per organisation+resource) raise on the first
such record and suppress the rest within ``window`` of it: the alert links that first record
only, and the auditor finds the rest by querying the log. An alert links at most
``MAX_LINKED`` records: the earliest of its window and, always last, the triggering one.

Scope: a rule sees only records whose method matches one of its globs (``fnmatchcase``,
where ``*`` also matches ``/``). The audit service's own methods (``/gov.audit.v1.*``) are
never shared-data reads and no rule sees them, whatever its globs say. A system in a rule's
``exempt_systems`` (bulk_lookup and off_hours only: a scheduled batch system approved in
writing may read many subjects or at night; no system may break a grant or read without
one) is ignored by that rule.

State: the engine keeps, per rule and key, the records in the key's sliding window (time,
id, leaf index, and for bulk lookups the subject keys) and the time of the key's last alert.
Each ``observe`` prunes the key's window and drops keys idle for longer than the rule's
window, so memory is bounded by the records of the last window and the work per record is
O(1) amortised (plus its number of subject keys). Records arrive in log order, which is near
but not exactly time order (each service's outbox relay delivers its own records in order);
a record a little late is placed in time order in its key's window, one older than its key's
window is counted by no window.

The state is per process and not stored. At start the worker rebuilds it from the log:

1. ``restore`` every stored alert of the last ``RiskRules.max_window()`` before the last
   record it had processed, so the once-per-window suppression carries over;
2. ``replay`` every record of the last ``max_window()`` up to that record, in log order,
   which fills the windows and raises nothing;
3. ``observe`` the records after it.

A record observed twice (a crash between storing an alert and noting progress) then raises
either nothing (suppressed by the restored alert) or an alert with the same ``Alert.key()``,
which the store keeps once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from fnmatch import fnmatchcase
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, ClassVar, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from govdata.runtime import datafile, names

PACKAGE = "govdata.audit"
PACKAGED = "data/risk-rules.yaml"

MAX_LINKED = 100  # records an alert links: the earliest of its window, the triggering one last
AUDIT_METHODS = "/gov.audit.v1."  # the audit service's own methods: never shared-data reads
SEVERITIES = ("low", "medium", "high", "critical")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # as datetime.weekday()
OUTCOMES = (  # gRPC status code names, as records carry them
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
)
DENIED_OUTCOMES = ("PERMISSION_DENIED", "UNAUTHENTICATED")
LONGEST_WINDOW = timedelta(days=7)  # the worker replays the longest window at start

_RULE_ID = re.compile(rf"^{names.ID}$")
_OWNED = re.compile(rf"^(organizations/{names.ID})/resources/.")
_DURATION = re.compile(r"^([1-9][0-9]*)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_HOURS = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$")
_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class RiskRulesError(ValueError):
    """The risk rules file is malformed; the message names the file, the rule and the field."""


class RuleKind(StrEnum):
    """The kinds of rule the engine knows; a file's rules are instances of these."""

    BULK_LOOKUP = "bulk_lookup"
    OUTSIDE_GRANT = "outside_grant"
    DENIED_BURST = "denied_burst"
    OFF_HOURS = "off_hours"
    UNENTITLED_RESOURCE = "unentitled_resource"


# --- what the engine sees ----------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """What the engine sees of one appended audit record."""

    record_id: str  # the record's id (event id)
    leaf_index: int  # its position in the log
    time: datetime  # timezone-aware
    system: str  # calling system id, e.g. "hx-mzj-shjz"
    person: str  # acting person id ("" when none)
    organization: str  # "organizations/{org}" of the caller ("" if unknown)
    service: str  # serving service, e.g. "exchange"
    method: str  # full gRPC method, e.g. "/gov.exchange.v1.ExchangeService/QueryByKey"
    resource: str  # e.g. "organizations/hx-gaj/resources/vehicles" ("" when none)
    data_items: tuple[str, ...]
    subject_keys: tuple[str, ...]  # keyed hashes of data subjects
    purpose: str
    grant: str  # "organizations/{org}/grants/{id}" or ""
    outcome: str  # gRPC code name, "OK", "PERMISSION_DENIED", ...

    def __post_init__(self) -> None:
        if self.time.tzinfo is None or self.time.utcoffset() is None:
            raise ValueError(f"access {self.record_id}: time must be timezone-aware")
        for name in ("data_items", "subject_keys"):
            if not isinstance(getattr(self, name), tuple):
                object.__setattr__(self, name, tuple(getattr(self, name)))


@dataclass(frozen=True)
class GrantTerms:
    """What a grant allows, as the exchange last said (GrantChanged)."""

    name: str
    organization: str  # the consumer organisation, "organizations/x"
    resource: str
    data_items: tuple[str, ...]
    purpose: str
    not_before: datetime | None
    not_after: datetime | None
    revoked_at: datetime | None


class Entitlements(Protocol):
    """The grants and sharing demands the audit service knows (the worker keeps them)."""

    def grant(self, name: str) -> GrantTerms | None:
        """The grant's terms; None when it is unknown."""

    def entitled(self, organization: str, resource: str) -> bool:
        """Whether ``organization`` holds a sharing demand or a grant for ``resource``."""


@dataclass(frozen=True)
class Alert:
    """One finding for the auditors. ``summary`` is Chinese then English and never holds a
    subject key; ``record_ids`` (at most ``MAX_LINKED``, in time order) end with the record
    that triggered the alert."""

    rule: str  # the rule's id in the file, e.g. "bulk-citizen-lookups"
    kind: str  # the rule's kind
    severity: str  # "low" | "medium" | "high" | "critical"
    time: datetime  # time of the record that triggered it
    summary: str
    system: str
    person: str
    organization: str
    resource: str
    record_ids: tuple[str, ...]
    leaf_indexes: tuple[int, ...]
    rules_version: str

    def key(self) -> str:
        """A stable id to store the alert once: a rule raises at most one alert per record,
        so the rule and the triggering record name it (hex SHA-256)."""
        trigger = self.record_ids[-1] if self.record_ids else ""
        return hashlib.sha256(f"{self.rule}\x1f{trigger}".encode()).hexdigest()


# --- the rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One rule of the file; parameters its kind does not use keep their defaults."""

    id: str
    kind: RuleKind
    severity: str
    description: str
    methods: tuple[str, ...]  # the scope: its own globs, or the file's data_reads
    window: timedelta | None = None  # None for outside_grant
    max_subjects: int = 0  # bulk_lookup
    min_denied: int = 0  # denied_burst
    outcomes: frozenset[str] = frozenset()  # denied_burst
    working_hours: tuple[int, int] = (0, 0)  # off_hours: minutes after local midnight
    days_off: frozenset[int] = frozenset()  # off_hours: datetime.weekday() numbers
    exempt_systems: frozenset[str] = frozenset()  # bulk_lookup, off_hours

    def covers(self, method: str) -> bool:
        """Whether records of ``method`` are in the rule's scope."""
        return _in_scope(self.methods, method)


@lru_cache(maxsize=4096)
def _in_scope(patterns: tuple[str, ...], method: str) -> bool:
    if method.startswith(AUDIT_METHODS):
        return False
    return any(fnmatchcase(method, pattern) for pattern in patterns)


@dataclass(frozen=True)
class RiskRules:
    """A loaded, validated rules file."""

    version: str
    rules: tuple[Rule, ...]
    timezone: ZoneInfo
    data_reads: tuple[str, ...]
    source: str = "<string>"

    @classmethod
    def load(cls, path: str | Path | None = None) -> RiskRules:
        """The rules file at ``path``; the packaged default when None."""
        source = PACKAGED if path is None else str(path)
        data = datafile.load_yaml(
            PACKAGE, PACKAGED, path, RiskRulesError, f"{source}: the risk rules file"
        )
        return _parse(data, source)

    @classmethod
    def parse(cls, text: str, source: str = "<string>") -> RiskRules:
        """The rules of YAML ``text``; ``source`` names it in errors."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RiskRulesError(f"{source}: the risk rules file is not YAML: {exc}") from None
        return _parse(data, source)

    def max_window(self) -> timedelta:
        """The longest window of any rule: how much of the log the worker replays at start."""
        return max((rule.window for rule in self.rules if rule.window), default=timedelta(0))

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


# --- reading the file --------------------------------------------------------------------

_TOP = ("version", "timezone", "data_reads", "rules")
_COMMON = ("id", "kind", "severity", "description", "methods")
# Per kind: the parameters it requires and those it may have.
_PARAMETERS: dict[RuleKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    RuleKind.BULK_LOOKUP: (("max_subjects", "window"), ("exempt_systems",)),
    RuleKind.OUTSIDE_GRANT: ((), ()),
    RuleKind.DENIED_BURST: (("min_denied", "window"), ("outcomes",)),
    RuleKind.OFF_HOURS: (("working_hours",), ("days_off", "window", "exempt_systems")),
    RuleKind.UNENTITLED_RESOURCE: ((), ("window",)),
}
_DEFAULTS: dict[RuleKind, dict[str, Any]] = {
    RuleKind.DENIED_BURST: {"outcomes": frozenset(DENIED_OUTCOMES)},
    RuleKind.OFF_HOURS: {"window": timedelta(hours=1)},
    RuleKind.UNENTITLED_RESOURCE: {"window": timedelta(hours=1)},
}


@dataclass(frozen=True)
class _Place:
    """Where in the file a value sits, for the error message."""

    source: str
    rule: str = ""  # "rules[2] 'bulk-citizen-lookups'", or "" at the top level

    def error(self, name: str, problem: str) -> RiskRulesError:
        where = f"{self.rule}, field {name}" if self.rule else f"field {name}"
        return RiskRulesError(f"{self.source}: {where}: {problem}")


def _parse(data: Any, source: str) -> RiskRules:
    top = _Place(source)
    if not isinstance(data, dict):
        raise RiskRulesError(f"{source}: the file must be a mapping with {', '.join(_TOP)}")
    for key in data:
        if key not in _TOP:
            raise top.error(str(key), f"unknown top-level key (allowed: {', '.join(_TOP)})")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise top.error("version", 'a quoted, non-empty version is required, e.g. "2026-12-05.1"')
    zone_name = data.get("timezone", "Asia/Shanghai")
    try:
        if not isinstance(zone_name, str):
            raise ValueError(zone_name)
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise top.error("timezone", f"unknown time zone {zone_name!r}") from None
    if "data_reads" not in data:
        raise top.error("data_reads", "required: the globs of the shared-data read methods")
    data_reads = _globs(data["data_reads"], top, "data_reads")
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise top.error("rules", "a list of at least one rule is required")
    rules = tuple(_rule(entry, i, source, data_reads) for i, entry in enumerate(entries))
    first: dict[str, int] = {}
    for i, rule in enumerate(rules):
        if rule.id in first:
            raise _Place(source, f"rules[{i}] {rule.id!r}").error(
                "id", f"duplicate rule id (also rules[{first[rule.id]}])"
            )
        first[rule.id] = i
    return RiskRules(version.strip(), rules, zone, data_reads, source)


def _rule(entry: Any, index: int, source: str, data_reads: tuple[str, ...]) -> Rule:
    label = f"rules[{index}]"
    if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
        label += f" {entry['id']!r}"
    place = _Place(source, label)
    if not isinstance(entry, dict):
        raise place.error("id", "a rule must be a mapping with id, kind, severity, description")
    try:
        kind = RuleKind(entry.get("kind"))
    except ValueError:
        allowed = ", ".join(kind.value for kind in RuleKind)
        kind_named = entry.get("kind")
        raise place.error("kind", f"unknown kind {kind_named!r} (one of {allowed})") from None
    required, optional = _PARAMETERS[kind]
    allowed_keys = _COMMON + required + optional
    for key in entry:
        if key not in allowed_keys:
            raise place.error(
                str(key), f"unknown for kind {kind.value} (allowed: {', '.join(allowed_keys)})"
            )
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise place.error("id", "required: lower-case letters, digits and hyphens")
    severity = entry.get("severity")
    if severity not in SEVERITIES:
        raise place.error("severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
    description = entry.get("description")
    if not isinstance(description, str) or not description.strip():
        raise place.error("description", "required: what the rule looks for, for the auditor")
    methods = _globs(entry["methods"], place, "methods") if "methods" in entry else data_reads
    params: dict[str, Any] = dict(_DEFAULTS.get(kind, {}))
    for name in required + optional:
        if name in entry:
            params[name] = _PARSERS[name](entry[name], place, name)
        elif name in required:
            raise place.error(name, f"required for kind {kind.value}")
    return Rule(
        id=rule_id,
        kind=kind,
        severity=severity,
        description=" ".join(description.split()),
        methods=methods,
        **params,
    )


def _globs(value: Any, place: _Place, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise place.error(name, "a non-empty list of method globs is required")
    for pattern in value:
        if (
            not isinstance(pattern, str)
            or not pattern.startswith("/")
            or pattern.strip() != pattern
        ):
            raise place.error(
                name,
                f"{pattern!r} is not a glob over a full gRPC method, "
                'e.g. "/gov.exchange.v1.ExchangeService/QueryByKey"',
            )
    return tuple(value)


def _count(value: Any, place: _Place, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise place.error(name, f"must be a whole number, 1 or more, not {value!r}")
    return value


def _duration(value: Any, place: _Place, name: str) -> timedelta:
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None:
        raise place.error(name, f"{value!r} is not a duration such as 90s, 10m, 1h or 1d")
    duration = timedelta(**{_UNITS[match[2]]: int(match[1])})
    if duration > LONGEST_WINDOW:
        raise place.error(name, f"{value!r} is longer than {_show(LONGEST_WINDOW)}")
    return duration


def _hours(value: Any, place: _Place, name: str) -> tuple[int, int]:
    match = _HOURS.match(value) if isinstance(value, str) else None
    if match is not None:
        start = int(match[1]) * 60 + int(match[2])
        end = int(match[3]) * 60 + int(match[4])
        if start < end <= 24 * 60:
            return start, end
    raise place.error(
        name, f'{value!r} is not a quoted "HH:MM-HH:MM" span within one day, e.g. "08:00-20:00"'
    )


def _weekdays(value: Any, place: _Place, name: str) -> frozenset[int]:
    if not isinstance(value, list):
        raise place.error(name, f"a list of weekdays is required ({', '.join(WEEKDAYS)})")
    for day in value:
        if day not in WEEKDAYS:
            raise place.error(name, f"{day!r} is not a weekday ({', '.join(WEEKDAYS)})")
    return frozenset(WEEKDAYS.index(day) for day in value)


def _outcomes(value: Any, place: _Place, name: str) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise place.error(name, "a non-empty list of gRPC status code names is required")
    for outcome in value:
        if outcome not in OUTCOMES or outcome == "OK":
            raise place.error(name, f"{outcome!r} is not the name of a gRPC error code")
    return frozenset(value)


def _systems(value: Any, place: _Place, name: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(
        isinstance(system, str) and system.strip() == system and system for system in value
    ):
        raise place.error(name, "a list of calling system ids is required")
    return frozenset(value)


_PARSERS = {
    "max_subjects": _count,
    "min_denied": _count,
    "window": _duration,
    "working_hours": _hours,
    "days_off": _weekdays,
    "outcomes": _outcomes,
    "exempt_systems": _systems,
}


# --- the engine --------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """One record in a key's window."""

    time: datetime
    record_id: str
    leaf_index: int
    subjects: tuple[str, ...] = ()


@dataclass(slots=True)
class _State:
    """One key's state under one rule."""

    touched: datetime  # the engine's clock when the key was last touched
    latest: datetime | None = None  # the latest record time seen of the key
    alerted: datetime | None = None  # the time of its last alert
    entries: deque[_Entry] = field(default_factory=deque)  # its window, in time order
    subjects: Counter[str] = field(default_factory=Counter)  # bulk_lookup: entries per subject


class _Keys:
    """Per-key state of one rule; a key untouched for a window holds nothing live (its
    entries and its suppression have expired) and is dropped."""

    def __init__(self, window: timedelta) -> None:
        self._window = window
        self._states: OrderedDict[tuple[str, ...], _State] = OrderedDict()

    def __len__(self) -> int:
        return len(self._states)

    def find(self, key: tuple[str, ...]) -> _State | None:
        return self._states.get(key)

    def touch(self, key: tuple[str, ...], clock: datetime) -> _State:
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = _State(touched=clock)
        else:
            state.touched = clock
            self._states.move_to_end(key)
        return state

    def sweep(self, clock: datetime) -> None:
        # touched only grows along the order (the clock never goes back): stop at the first
        # key still live
        horizon = clock - self._window
        while self._states:
            key, state = next(iter(self._states.items()))
            if state.touched > horizon:
                return
            del self._states[key]


class _Check:
    """One rule applied: ``observe`` each record; ``quiet`` fills windows, raises nothing."""

    keyed: ClassVar[bool] = True

    def __init__(self, rule: Rule, rules: RiskRules, entitlements: Entitlements) -> None:
        self.rule = rule
        self.version = rules.version
        self.zone = rules.timezone
        self.entitlements = entitlements
        self.keys = _Keys(rule.window or timedelta(0))

    def observe(self, access: Access, clock: datetime, quiet: bool) -> Alert | None:
        raise NotImplementedError

    def key_of(self, alert: Alert) -> tuple[str, ...]:
        """The key an alert of this rule was raised for."""
        raise NotImplementedError

    def restore(self, alert: Alert, clock: datetime) -> None:
        if self.keyed:
            state = self.keys.touch(self.key_of(alert), clock)
            if state.alerted is None or alert.time > state.alerted:
                state.alerted = alert.time

    def suppressed(self, state: _State | None, time: datetime) -> bool:
        assert self.rule.window is not None
        return (
            state is not None
            and state.alerted is not None
            and time < state.alerted + self.rule.window
        )

    def slide(self, state: _State, entry: _Entry) -> bool:
        """Add ``entry`` to the key's window, pruned to the key's latest time; False (and
        nothing added) when the entry is older than that window."""
        assert self.rule.window is not None
        if state.latest is None or entry.time > state.latest:
            state.latest = entry.time
        horizon = state.latest - self.rule.window
        entries = state.entries
        while entries and entries[0].time <= horizon:
            for subject in entries.popleft().subjects:
                state.subjects[subject] -= 1
                if not state.subjects[subject]:
                    del state.subjects[subject]
        if entry.time <= horizon:
            return False
        if not entries or entries[-1].time <= entry.time:
            entries.append(entry)
        else:  # a little late: into time order, scanning from the end
            at = len(entries)
            while at and entries[at - 1].time > entry.time:
                at -= 1
            entries.insert(at, entry)
        for subject in entry.subjects:
            state.subjects[subject] += 1
        return True

    def alert(
        self,
        access: Access,
        summary: tuple[str, str],
        linked: Sequence[_Entry] = (),
        **who: str,
    ) -> Alert:
        """An alert triggered by ``access``, linking ``linked`` (default: ``access`` alone)."""
        records = linked or (_Entry(access.time, access.record_id, access.leaf_index),)
        parties = {
            "system": access.system,
            "person": access.person,
            "organization": access.organization,
            "resource": access.resource,
        }
        parties.update(who)
        return Alert(
            rule=self.rule.id,
            kind=self.rule.kind.value,
            severity=self.rule.severity,
            time=access.time,
            summary=f"{summary[0]} / {summary[1]}",
            record_ids=tuple(entry.record_id for entry in records),
            leaf_indexes=tuple(entry.leaf_index for entry in records),
            rules_version=self.version,
            **parties,
        )


def _linked(entries: deque[_Entry], trigger: _Entry) -> tuple[list[_Entry], tuple[str, str]]:
    """The records an alert links (the window's earliest, the trigger last) and, when capped,
    a note saying so."""
    earlier = list(islice((e for e in entries if e is not trigger), MAX_LINKED - 1))
    note = ("", "")
    if len(entries) > MAX_LINKED:
        note = (
            f"；关联其中最早的 {MAX_LINKED - 1} 条及触发告警的一条",
            f"; linked: the earliest {MAX_LINKED - 1} and the triggering one",
        )
    return [*earlier, trigger], note


class _BulkLookup(_Check):
    def key_of(self, alert: Alert) -> tuple[str, ...]:
        return (alert.system, alert.person)

    def observe(self, access: Access, clock: datetime, quiet: bool) -> Alert | None:
        rule = self.rule
        if access.outcome != "OK" or not access.subject_keys:
            return None
        if access.system in rule.exempt_systems:
            return None
        state = self.keys.touch((access.system, access.person), clock)
        subjects = tuple(dict.fromkeys(access.subject_keys))
        entry = _Entry(access.time, access.record_id, access.leaf_index, subjects)
        if not self.slide(state, entry) or quiet or self.suppressed(state, access.time):
            return None
        distinct = len(state.subjects)
        if distinct <= rule.max_subjects:
            return None
        state.alerted = access.time
        linked, note = _linked(state.entries, entry)
        window = _show(rule.window)
        zh_who, en_who = _who(access.system, access.person)
        summary = (
            f"批量查询：{zh_who}在 {window} 内读取了 {distinct} 名不同数据主体的数据"
            f"（阈值 {rule.max_subjects}），共 {len(state.entries)} 次访问{note[0]}",
            f"Bulk lookup: {en_who} read data of {distinct} distinct data subjects within "
            f"{window} (threshold {rule.max_subjects}) in {len(state.entries)} accesses"
            f"{note[1]}",
        )
        return self.alert(access, summary, linked)


class _OutsideGrant(_Check):
    keyed = False

    def observe(self, access: Access, clock: datetime, quiet: bool) -> Alert | None:
        if quiet or not access.grant or access.outcome != "OK":
            return None
        broken = _broken_terms(access, self.entitlements.grant(access.grant))
        if not broken:
            return None
        summary = (
            f"超出授权范围的访问（授权 {access.grant}）：" + "；".join(zh for zh, _ in broken),
            f"Access outside its grant ({access.grant}): " + "; ".join(en for _, en in broken),
        )
        return self.alert(access, summary)


def _broken_terms(access: Access, grant: GrantTerms | None) -> list[tuple[str, str]]:
    """The grant's terms ``access`` breaks, each in Chinese and English."""
    if grant is None:
        return [("授权不存在", "the grant is unknown")]
    broken = []
    time = access.time
    if grant.not_before is not None and time < _aware(grant.not_before):
        when = _utc(grant.not_before)
        broken.append((f"访问早于授权生效时间 {when}", f"the access is before its start {when}"))
    if grant.not_after is not None and time >= _aware(grant.not_after):
        when = _utc(grant.not_after)
        broken.append((f"访问晚于授权截止时间 {when}", f"the access is after its end {when}"))
    if grant.revoked_at is not None and time >= _aware(grant.revoked_at):
        when = _utc(grant.revoked_at)
        broken.append((f"授权已于 {when} 撤销", f"the grant was revoked at {when}"))
    if _fold(access.purpose) != _fold(grant.purpose):
        said, granted = _short(access.purpose), _short(grant.purpose)
        broken.append(
            (
                f"用途不符：记录为“{said}”，授权为“{granted}”",
                f"the purpose {said!r} is not the granted {granted!r}",
            )
        )
    granted = set(grant.data_items)
    if extra := [item for item in access.data_items if item not in granted]:
        shown = _listed(extra)
        broken.append((f"数据项超出授权：{shown}", f"data items not granted: {shown}"))
    if access.resource != grant.resource:
        said = access.resource or "(none)"
        broken.append(
            (
                f"资源不符：记录为 {said}，授权为 {grant.resource}",
                f"the resource {said} is not the granted {grant.resource}",
            )
        )
    if access.organization != grant.organization:
        said = access.organization or "(unknown)"
        broken.append(
            (
                f"调用方机构 {said} 不是被授权机构 {grant.organization}",
                f"the caller's organisation {said} is not the grantee {grant.organization}",
            )
        )
    return broken


class _DeniedBurst(_Check):
    def key_of(self, alert: Alert) -> tuple[str, ...]:
        return (alert.system,)

    def observe(self, access: Access, clock: datetime, quiet: bool) -> Alert | None:
        rule = self.rule
        if access.outcome not in rule.outcomes:
            return None
        state = self.keys.touch((access.system,), clock)
        entry = _Entry(access.time, access.record_id, access.leaf_index)
        if not self.slide(state, entry) or quiet or self.suppressed(state, access.time):
            return None
        count = len(state.entries)
        if count < rule.min_denied:
            return None
        state.alerted = access.time
        linked, note = _linked(state.entries, entry)
        window = _show(rule.window)
        outcomes = ", ".join(sorted(rule.outcomes))
        system = access.system or "(none)"
        summary = (
            f"拒绝访问激增：系统 {system} 在 {window} 内有 {count} 次调用被拒绝"
            f"（{outcomes}，阈值 {rule.min_denied}）{note[0]}",
            f"Denied burst: system {system} had {count} calls refused ({outcomes}) within "
            f"{window} (threshold {rule.min_denied}){note[1]}",
        )
        return self.alert(access, summary, linked, person="", resource="")


class _OffHours(_Check):
    def key_of(self, alert: Alert) -> tuple[str, ...]:
        return (alert.system, alert.person)

    def observe(self, access: Access, clock: datetime, quiet: bool) -> Alert | None:
        rule = self.rule
        if quiet or access.outcome != "OK" or access.system in rule.exempt_systems:
            return None
        local = access.time.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        start, end = rule.working_hours
        day_off = local.weekday() in rule.days_off
        if not day_off and start <= minute < end:
            return None
        key = (access.system, access.person)
        if self.suppressed(self.keys.find(key), access.time):
            return None
        self.keys.touch(key, clock).alerted = access.time
        hours = f"{_hhmm(start)}-{_hhmm(end)}"
        off = ", ".join(WEEKDAYS[day] for day in sorted(rule.days_off)) or "none"
        zh_off = "、".join(_WEEKDAYS_ZH[day] for day in sorted(rule.days_off)) or "无"
        zh_who, en_who = _who(access.system, access.person)
        at = f"{local:%Y-%m-%d %H:%M} {_WEEKDAYS_ZH[local.weekday()]}"
        resource = access.resource or "(none)"
        window = _show(rule.window)
        summary = (
            f"非工作时间访问：{zh_who}于当地时间 {at} 读取了 {resource}"
            f"（工作时间 {hours}，休息日 {zh_off}；{window} 内同一调用方不再重复告警）",
            f"Off-hours read: {en_who} read {resource} at local time "
            f"{local:%Y-%m-%d %H:%M} ({WEEKDAYS[local.weekday()]}, {self.zone.key}), outside "
            f"working hours {hours} (days off: {off}); further reads by the same caller "
            f"within {window} are not alerted",
        )
        return self.alert(access, summary)


class _UnentitledResource(_Check):
    def key_of(self, alert: Alert) -> tuple[str, ...]:
        return (alert.organization, alert.resource)

    def observe(self, access: Access, clock: datetime, quiet: bool) -> Alert | None:
        if quiet or access.outcome != "OK":
            return None
        owned = _OWNED.match(access.resource)
        if owned is None or access.organization == owned[1]:
            return None
        key = (access.organization, access.resource)
        if self.suppressed(self.keys.find(key), access.time):
            return None
        if self.entitlements.entitled(access.organization, access.resource):
            return None
        self.keys.touch(key, clock).alerted = access.time
        caller = access.organization or "(unknown)"
        summary = (
            f"无依据访问：机构 {caller} 读取了 {owned[1]} 的资源 {access.resource}，"
            f"但没有该资源的共享需求或授权",
            f"Unentitled read: {caller} read {access.resource} of {owned[1]} holding neither "
            "a sharing demand nor a grant for it",
        )
        return self.alert(access, summary)


_CHECKS: dict[RuleKind, type[_Check]] = {
    RuleKind.BULK_LOOKUP: _BulkLookup,
    RuleKind.OUTSIDE_GRANT: _OutsideGrant,
    RuleKind.DENIED_BURST: _DeniedBurst,
    RuleKind.OFF_HOURS: _OffHours,
    RuleKind.UNENTITLED_RESOURCE: _UnentitledResource,
}


class RiskEngine:
    """Applies the rules to the log's records, in log order. Not thread-safe: one worker
    thread feeds it. See the module's docstring for the state and rebuilding it at start."""

    def __init__(self, rules: RiskRules, entitlements: Entitlements) -> None:
        self.rules = rules
        self._checks = [_CHECKS[rule.kind](rule, rules, entitlements) for rule in rules.rules]
        self._clock: datetime | None = None  # the latest time seen: for dropping idle keys

    def observe(self, access: Access) -> list[Alert]:
        """The alerts ``access`` raises (several rules may raise on one record)."""
        return self._apply(access, quiet=False)

    def replay(self, access: Access) -> None:
        """Take in an already processed record at start: it fills the windows and raises
        nothing (the alerts it raised then are ``restore``d)."""
        self._apply(access, quiet=True)

    def restore(self, alert: Alert) -> None:
        """Remember an alert raised before this process started, so its rule stays quiet for
        the alert's key until its window has passed. Alerts of rules no longer in the file
        are ignored."""
        clock = self._tick(alert.time)
        for check in self._checks:
            if check.rule.id == alert.rule and check.rule.kind.value == alert.kind:
                check.restore(alert, clock)

    def held(self) -> dict[str, int]:
        """Keys held per rule id (for metrics and tests)."""
        return {check.rule.id: len(check.keys) for check in self._checks}

    def _tick(self, time: datetime) -> datetime:
        if self._clock is None or time > self._clock:
            self._clock = time
        return self._clock

    def _apply(self, access: Access, quiet: bool) -> list[Alert]:
        clock = self._tick(access.time)
        alerts = []
        for check in self._checks:
            check.keys.sweep(clock)
            if not check.rule.covers(access.method):
                continue
            if (alert := check.observe(access, clock, quiet)) is not None:
                alerts.append(alert)
        return alerts


# --- wording -----------------------------------------------------------------------------


def _show(duration: timedelta | None) -> str:
    """A window as the file writes it: 90s, 10m, 1h, 1d."""
    seconds = int(duration.total_seconds()) if duration else 0
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _who(system: str, person: str) -> tuple[str, str]:
    system = system or "(none)"
    if person:
        return f"系统 {system} 的人员 {person} ", f"person {person} of system {system}"
    return f"系统 {system} ", f"system {system} (no person named)"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listed(items: list[str], limit: int = 5) -> str:
    shown = "、".join(items[:limit])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")


def _aware(time: datetime) -> datetime:
    """A grant's time as an aware time (a naive one is taken as UTC)."""
    return time if time.tzinfo is not None else time.replace(tzinfo=UTC)


def _utc(time: datetime) -> str:
    return f"{_aware(time).astimezone(UTC):%Y-%m-%d %H:%M:%S}Z"
