"""The system inventory analysis (信息系统普查): zombie systems (僵尸系统) and shadow systems
(影子系统), as pure functions of the contract messages.

Every verdict comes with its evidence in words, so an inventory officer can check it against
the system's record rather than trust a score.

Zombie rules (each that fires is one ``ZombieReason``):

* IDLE — last recorded use older than the idle period (default 180 days); or no use ever
  recorded and live since longer than the idle period; or the inventory records its frequency
  of use as idle (闲置).
* MAINTENANCE_STOPPED — status "maintenance stopped" (停止运维); or operation funding
  recorded as none (无); or no funding source for operation recorded although its building
  was funded (a blank on both is an unfilled entry, no evidence).
* OUT_OF_STEP — recorded as out of step with the business (与实际业务脱节).
* NO_DUTY — "serves no duty": neither the system nor any duty links
  them, while its organisation has declared duties (without any declared duty the list of
  powers is simply not loaded yet, which is no evidence).
* TINY_SCOPE with RARELY_USED — used inside one internal office (or by at most
  ``TINY_USER_COUNT`` people) *and* only a few times a year. Either alone is normal (an
  office's daily tool; a department's annual return); together they are the zombie pattern.
  A tiny system whose use is recorded as idle gets TINY_SCOPE beside IDLE.

Decommissioned systems (已停用) are out of both analyses: they are already switched off.

Shadow pairs: systems whose function descriptions, duties and data items overlap. Overall
similarity is the weighted mean of three signals, over the signals both systems declare:

* function similarity (weight 0.5) — TF-IDF cosine of character bigrams of the function
  descriptions (``text_similarity``). The definition of a shadow system is a duplicated
  function, and the description is the one signal every inventory entry has;
* duty overlap (weight 0.25) — Jaccard of the duties served, a duty identified by its item
  code in the list of powers (事项编码), else by its name, so the same matter held by a
  bureau and by a street office counts as shared;
* data-item overlap (weight 0.25) — Jaccard of the data item names of the resources the
  systems feed (``source_systems``): the same data collected twice (重复采集).

A system that declares no duties (or feeds no resource) has that signal left out of its
pairs' mean rather than counted as 0: an empty list in an inventory means "not filled in",
not "nothing in common". The function description is required, so the mean never lacks it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog.text_similarity import Corpus

DEFAULT_IDLE_DAYS = 180
DEFAULT_MIN_SIMILARITY = 0.5
TINY_USER_COUNT = 5
MAX_SHARED_TERMS = 10

FUNCTION_WEIGHT = 0.5
DUTY_WEIGHT = 0.25
DATA_ITEM_WEIGHT = 0.25

_FUNDING_WORDS = {
    c.FUNDING_SOURCE_LOCAL_FISCAL: "local fiscal funds (本级财政)",
    c.FUNDING_SOURCE_HIGHER_LEVEL: "a higher level of government (上级拨款)",
    c.FUNDING_SOURCE_SELF_RAISED: "the department's own funds (自筹)",
    c.FUNDING_SOURCE_OTHER: "another source (其他)",
}


def in_analysis(system: c.InformationSystem) -> bool:
    """Decommissioned systems are already off: nothing to retire or merge."""
    return system.status != c.SYSTEM_STATUS_DECOMMISSIONED


# -- zombies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyLinks:
    """What the catalogue knows of a system's duties: those that exist and link to it (from
    either side), those it names that no longer exist, and whether its organisation declared
    any duty at all."""

    served: frozenset[str] = frozenset()
    dangling: frozenset[str] = frozenset()
    organization_has_duties: bool = True


def duty_links(
    systems: Iterable[c.InformationSystem], duties: Iterable[c.Duty]
) -> dict[str, DutyLinks]:
    """``DutyLinks`` of each system, by system name."""
    duties = list(duties)
    existing = {d.name for d in duties}
    naming: dict[str, set[str]] = defaultdict(set)
    for duty in duties:
        for system in duty.systems:
            naming[system].add(duty.name)
    organizations_with_duties = {_owner(d.name) for d in duties}
    links = {}
    for system in systems:
        served = {d for d in system.duties if d in existing} | naming[system.name]
        links[system.name] = DutyLinks(
            served=frozenset(served),
            dangling=frozenset(d for d in system.duties if d not in existing),
            organization_has_duties=_owner(system.name) in organizations_with_duties,
        )
    return links


def _owner(name: str) -> str:
    parts = name.split("/")
    return "/".join(parts[:2]) if len(parts) >= 2 else ""


def _date(value: object) -> date | None:
    year, month, day = (
        getattr(value, "year", 0),
        getattr(value, "month", 0),
        getattr(value, "day", 0),
    )
    if not year:
        return None
    try:
        return date(year, month or 1, day or 1)
    except ValueError:
        return None


def zombie_reasons(
    system: c.InformationSystem,
    links: DutyLinks,
    now: datetime,
    idle_days: int = DEFAULT_IDLE_DAYS,
) -> list[c.ZombieReason]:
    """Every zombie rule that fires for ``system``, with its evidence; empty when none does."""
    reasons: list[c.ZombieReason] = []

    def fire(indicator: int, explanation: str) -> None:
        reasons.append(c.ZombieReason(indicator=indicator, explanation=explanation))

    today = now.astimezone(UTC).date()
    # IDLE
    if system.HasField("last_used_time"):
        last = system.last_used_time.ToDatetime(tzinfo=UTC)
        days = (now - last).days
        if days > idle_days:
            fire(
                c.ZOMBIE_INDICATOR_IDLE,
                f"last used {last.date().isoformat()}, {days} days ago (idle after {idle_days})",
            )
    else:
        launched = _date(system.launch_date)
        if launched is not None and (today - launched).days > idle_days:
            fire(
                c.ZOMBIE_INDICATOR_IDLE,
                f"no use recorded since it went live on {launched.isoformat()}, "
                f"{(today - launched).days} days ago (idle after {idle_days})",
            )
    if system.usage_frequency == c.USAGE_FREQUENCY_IDLE:
        fire(c.ZOMBIE_INDICATOR_IDLE, "the inventory records its use as idle (闲置)")
    # MAINTENANCE_STOPPED
    if system.status == c.SYSTEM_STATUS_MAINTENANCE_STOPPED:
        fire(
            c.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED,
            "its status is maintenance stopped (停止运维)",
        )
    elif system.operation_funding == c.FUNDING_SOURCE_NONE:
        fire(
            c.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED,
            "the inventory records no funds for its operation (运维经费来源: 无)",
        )
    elif (
        system.operation_funding == c.FUNDING_SOURCE_UNSPECIFIED
        and system.build_funding != c.FUNDING_SOURCE_UNSPECIFIED
    ):
        fire(
            c.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED,
            "no funding source for operation is recorded (运维经费来源空缺) although its "
            f"building was funded by {_FUNDING_WORDS.get(system.build_funding, 'a known source')}",
        )
    # OUT_OF_STEP
    if system.out_of_step_with_business:
        fire(
            c.ZOMBIE_INDICATOR_OUT_OF_STEP,
            "the inventory records it as out of step with the business (与实际业务脱节)",
        )
    if not links.served and links.organization_has_duties:
        if links.dangling:
            evidence = (
                "the duties it names no longer exist ("
                + ", ".join(sorted(links.dangling))
                + ") and no other duty names it"
            )
        else:
            evidence = "no duty of its organisation names it and it names none"
        fire(
            c.ZOMBIE_INDICATOR_NO_DUTY,
            f"it serves no duty (不支撑任何职责事项): {evidence}",
        )
    # TINY_SCOPE with RARELY_USED
    tiny = []
    if system.scope == c.SYSTEM_SCOPE_OFFICE:
        tiny.append("used only inside one internal office (处室内部)")
    if 0 < system.user_count <= TINY_USER_COUNT:
        tiny.append(f"only {system.user_count} users")
    rare = system.usage_frequency in (c.USAGE_FREQUENCY_RARELY, c.USAGE_FREQUENCY_IDLE)
    if tiny and rare:
        fire(c.ZOMBIE_INDICATOR_TINY_SCOPE, "; ".join(tiny))
        if system.usage_frequency == c.USAGE_FREQUENCY_RARELY:
            fire(
                c.ZOMBIE_INDICATOR_RARELY_USED,
                "used a few times a year or less (偶尔使用), and by so small a circle",
            )
    return reasons


def zombie_candidates(
    systems: Iterable[c.InformationSystem],
    links: Mapping[str, DutyLinks],
    now: datetime,
    idle_days: int = DEFAULT_IDLE_DAYS,
) -> list[c.ZombieCandidate]:
    """Systems with at least one reason, most reasons first, then by name."""
    found = []
    for system in systems:
        if not in_analysis(system):
            continue
        reasons = zombie_reasons(system, links.get(system.name, DutyLinks()), now, idle_days)
        if reasons:
            found.append(c.ZombieCandidate(system=system, reasons=reasons))
    found.sort(key=zombie_sort_key)
    return found


def zombie_sort_key(candidate: c.ZombieCandidate) -> tuple[int, str]:
    return (-len(candidate.reasons), candidate.system.name)


def zombie_indicators(reasons: Iterable[c.ZombieReason]) -> list[int]:
    """The distinct indicators of ``reasons`` in enum order (for ``SystemAssessment``)."""
    return sorted({r.indicator for r in reasons})


# -- shadows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShadowWeights:
    function: float = FUNCTION_WEIGHT
    duties: float = DUTY_WEIGHT
    data_items: float = DATA_ITEM_WEIGHT


@dataclass
class SystemProfile:
    """What the shadow analysis compares of one system."""

    name: str
    function: str
    # duty key (item code or name) -> the duty's display name
    duties: dict[str, str] = field(default_factory=dict)
    data_items: set[str] = field(default_factory=set)


def duty_key(duty: c.Duty) -> str:
    """The same matter held by two organisations: the list of powers' item code (事项编码)
    when there is one, else the name without spaces."""
    if duty.item_code.strip():
        return "code:" + duty.item_code.strip()
    return "name:" + "".join(duty.display_name.split())


def profiles(
    systems: Iterable[c.InformationSystem],
    duties: Iterable[c.Duty],
    resources: Iterable[c.InformationResource],
    links: Mapping[str, DutyLinks] | None = None,
) -> list[SystemProfile]:
    """The profile of each system in the analysis: its function, the duties it serves (both
    link directions) and the data items of the resources whose ``source_systems`` name it."""
    systems = [s for s in systems if in_analysis(s)]
    duties = list(duties)
    by_name = {d.name: d for d in duties}
    links = links if links is not None else duty_links(systems, duties)
    items: dict[str, set[str]] = defaultdict(set)
    for res in resources:
        names = {item.name.strip() for item in res.data_items if item.name.strip()}
        for source in res.source_systems:
            items[source] |= names
    result = []
    for system in systems:
        served = links.get(system.name, DutyLinks()).served
        result.append(
            SystemProfile(
                name=system.name,
                function=system.function,
                duties={duty_key(by_name[d]): by_name[d].display_name for d in served},
                data_items=items.get(system.name, set()),
            )
        )
    return result


def _jaccard(a: Collection[str], b: Collection[str]) -> float:
    union = len(set(a) | set(b))
    return len(set(a) & set(b)) / union if union else 0.0


def shadow_candidates(
    systems: Sequence[SystemProfile],
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    involves: Callable[[str], bool] = lambda name: True,
    weights: ShadowWeights = ShadowWeights(),
) -> list[c.ShadowCandidate]:
    """Pairs of systems with overall similarity ≥ ``min_similarity``, most similar first.

    Only pairs with at least one system for which ``involves`` holds are listed (that one is
    ``system``); the TF-IDF weights still come from every system given, so a term's rarity is
    the catalogue's, not the organisation's. Pairs are found through inverted indexes of
    terms, duties and data items: only systems sharing something are ever compared.
    """
    by_name = {p.name: p for p in systems}
    corpus = Corpus({p.name: p.function for p in systems})
    function_scores = {(a, b): s for a, b, s in corpus.similar_pairs()}
    candidates: set[tuple[str, str]] = set(function_scores)
    # A pair with no function term in common reaches at most (duties + items) / all weights
    # when it shares duties, and items / (function + items) when it shares only data items:
    # its index is only searched when the threshold is within reach (ubiquitous items such
    # as 公民身份号码 would otherwise pair every system with every other).
    w = weights
    if min_similarity <= (w.duties + w.data_items) / (w.function + w.duties + w.data_items):
        candidates |= _pairs(_index(systems, lambda p: p.duties))
    if min_similarity <= w.data_items / (w.function + w.data_items):
        candidates |= _pairs(_index(systems, lambda p: p.data_items))
    found = []
    for a, b in candidates:
        if not (involves(a) or involves(b)):
            continue
        pa, pb = by_name[a], by_name[b]
        function = function_scores.get((a, b), 0.0)
        both_duties = bool(pa.duties and pb.duties)
        both_items = bool(pa.data_items and pb.data_items)
        weight = w.function + w.duties * both_duties + w.data_items * both_items
        best = w.function * function + w.duties * both_duties + w.data_items * both_items
        if best / weight < min_similarity:
            continue  # even full duty and item overlap would not reach the threshold
        duty = _jaccard(pa.duties, pb.duties)
        items = _jaccard(pa.data_items, pb.data_items)
        total = w.function * function + w.duties * duty * both_duties
        total += w.data_items * items * both_items
        similarity = round(total / weight, 4)
        if similarity < min_similarity or similarity <= 0.0:
            continue
        if not involves(a):
            pa, pb = pb, pa
        found.append(
            c.ShadowCandidate(
                system=pa.name,
                other_system=pb.name,
                similarity=similarity,
                function_similarity=round(function, 4),
                duty_overlap=round(duty, 4),
                data_item_overlap=round(items, 4),
                shared_duties=_shared_duties(pa, pb),
                shared_data_items=sorted(pa.data_items & pb.data_items),
                shared_terms=corpus.match(pa.name, pb.name, MAX_SHARED_TERMS).shared_terms
                if function
                else [],
            )
        )
    found.sort(key=shadow_sort_key)
    return found


def shadow_sort_key(candidate: c.ShadowCandidate) -> tuple[float, str, str]:
    return (-candidate.similarity, candidate.system, candidate.other_system)


def _shared_duties(a: SystemProfile, b: SystemProfile) -> list[str]:
    """Names of the duties both serve; the same matter under two names shows both."""
    shared = []
    for key in sorted(a.duties.keys() & b.duties.keys()):
        name, other = a.duties[key], b.duties[key]
        shared.append(name if name == other else f"{name} = {other}")
    return sorted(shared)


def _pairs(index: Mapping[str, list[str]]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for members in index.values():
        for i, a in enumerate(members):
            pairs.update((a, b) for b in members[i + 1 :])
    return pairs


def _index(
    systems: Iterable[SystemProfile], keys: Callable[[SystemProfile], Iterable[str]]
) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for profile in sorted(systems, key=lambda p: p.name):
        for key in keys(profile):
            index[key].append(profile.name)
    return index


# -- the stored verdict -------------------------------------------------------------------------


def assessments(
    systems: Sequence[c.InformationSystem],
    duties: Iterable[c.Duty],
    resources: Iterable[c.InformationResource],
    now: datetime,
) -> dict[str, c.SystemAssessment]:
    """Every system's ``SystemAssessment`` with the default thresholds (idle after 180 days,
    shadow from 0.5): its zombie indicators and the systems it duplicates, stamped ``now``.
    What the inventory job stores with ``InformationSystems.record_assessment`` (systems.py)
    for ListInformationSystems' ``zombie_only``/``shadow_only`` filters."""
    duties = list(duties)
    links = duty_links(systems, duties)
    verdicts: dict[str, c.SystemAssessment] = {}
    for system in systems:
        verdict = c.SystemAssessment()
        if in_analysis(system):
            reasons = zombie_reasons(system, links.get(system.name, DutyLinks()), now)
            verdict.zombie_indicators.extend(zombie_indicators(reasons))
        verdict.assess_time.FromDatetime(now)
        verdicts[system.name] = verdict
    for pair in shadow_candidates(profiles(systems, duties, resources, links)):
        verdicts[pair.system].shadow_of.append(pair.other_system)
        verdicts[pair.other_system].shadow_of.append(pair.system)
    for verdict in verdicts.values():
        ordered = sorted(verdict.shadow_of)
        del verdict.shadow_of[:]
        verdict.shadow_of.extend(ordered)
    return verdicts
