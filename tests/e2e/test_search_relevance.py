"""Search relevance over the demo district: do clerks' Chinese queries put what they want on
the first page?

The judgements are in ``relevance_queries.yaml`` (next to this file): for each query, the
demo resources a clerk typing it wants, judged from the demo data (names, abstracts, data
items), never copied from search's answers, so this suite can fail. The query mix: whole
resource names, partial words inside longer names, synonyms of the government list (typed in
one wording, the resources using the other), resource codes exact and by prefix, words that
only data items hold, several words at once, and department names.

Measure: precision@5 per query = |relevant ∩ top 5| / min(5, |relevant|), so a query with
one relevant resource scores 1 when it is anywhere in the top 5, and one with eight scores
the share of the top 5 that is relevant. The table (per query, per category, the mean) is
printed to the terminal whatever pytest's capture, and recorded as junit properties.

Only demo resources are judged: every query is restricted to the demo's providers (the
``parent`` organisations of the demo file, named ``organizations/<id>`` as demo.py names
them), and hits that are not demo resources are dropped before taking the top 5. Other e2e
tests create resources in the same run, and a developer's database keeps those of earlier
runs: the provider filter keeps their hits from filling the page read, and the name check
keeps out one registered under a demo organisation (nothing forbids that), so the figure
judges the same 320 resources everywhere.

The floor: the first measurement (2026-12-04, smartcn loaded) was 0.960 over 69 queries; its
misses (a department's resources not finding the department's name, a common bigram 号码 of
公民身份号码 outranking the exact item 号牌号码) led to searching departments by name, to
requiring most of a query's bigrams in a field and to phrase clauses for abstracts and data
items, after which the mean is 0.978 (whole names, partial words, codes, data items and
multi-word queries 1.00, synonyms 0.93, departments 0.97). The floor, 0.96, is that less
about one query's worth (1/69 = 0.0145): one relevant resource sits at rank 5 only a point
of score ahead of rank 6 (车辆登记), so one such near-tie may flip under a ranking tweak
without failing the suite, but losing more than that does. It is a regression line, not a
target: raise it as ranking improves. Every category must also score above zero: a whole kind of
query finding nothing relevant is a regression whatever the mean.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from gov.catalog.v1 import catalog_pb2 as c
from gov.search.v1 import search_pb2 as s

from .conftest import ROOT, caller, eventually

JUDGEMENTS = Path(__file__).with_name("relevance_queries.yaml")
DEMO = ROOT / "scripts" / "demo_catalogue.json"
CATEGORIES = ("whole_name", "partial", "synonym", "code", "data_item", "multi_word", "department")
MIN_QUERIES = 40
TOP = 5
PAGE = 50  # hits read per query: the top 5 after dropping non-demo hits, and ranks to report
FLOOR = 0.96  # measured 0.978; see the module docstring


@dataclass(frozen=True)
class Demo:
    """The demo file's resources: name by id, and what a reader needs to judge them."""

    names: dict[str, str]  # informationResourceId → organizations/<parent>/resources/<id>
    titles: dict[str, str]  # resource name → display name
    providers: dict[str, list[str]]  # organisation id → resource names
    texts: dict[str, tuple[str, str]]  # resource name → (display name, abstract)
    items: dict[str, list[str]]  # resource name → data item names


@dataclass(frozen=True)
class Judgement:
    category: str
    query: str  # empty when code_of gives it
    code_of: str  # resource name whose catalogue code is the query, or ""
    relevant: frozenset[str]  # resource names
    why: str


@dataclass(frozen=True)
class Outcome:
    judgement: Judgement
    query: str
    top: list[s.SearchResult]  # the first demo hits, best first
    ranks: dict[str, int]  # relevant resource name → 1-based rank among demo hits read

    @property
    def precision(self) -> float:
        found = sum(1 for r in self.top[:TOP] if r.name in self.judgement.relevant)
        return found / min(TOP, len(self.judgement.relevant))


def read_demo() -> Demo:
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    providers: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, tuple[str, str]] = {}
    items: dict[str, list[str]] = {}
    for entry in data["informationResources"]:
        name = f"{entry['parent']}/resources/{entry['informationResourceId']}"
        resource = entry["informationResource"]
        names[entry["informationResourceId"]] = name
        titles[name] = resource["displayName"]
        providers[entry["parent"].removeprefix("organizations/")].append(name)
        texts[name] = (resource["displayName"], resource.get("abstract", ""))
        items[name] = [item["name"] for item in resource.get("dataItems", [])]
    return Demo(names, titles, dict(providers), texts, items)


def read_judgements(demo: Demo) -> list[Judgement]:
    """The judgements, checked against the demo file (a typo would silently score zero)."""
    entries = yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
    judgements = []
    for i, entry in enumerate(entries):
        where = f"{JUDGEMENTS.name} queries[{i}]"
        assert entry.get("category") in CATEGORIES, f"{where}: category {entry.get('category')}"
        assert bool(entry.get("query")) != bool(entry.get("code_of")), (
            f"{where}: give query or code_of"
        )
        ids = list(entry.get("relevant", []))
        for provider in entry.get("relevant_providers", []):
            assert provider in demo.providers, f"{where}: no demo resources of {provider}"
            ids += [name.rsplit("/", 1)[-1] for name in demo.providers[provider]]
        unknown = [i for i in ids if i not in demo.names]
        assert ids and not unknown, f"{where}: unknown or no relevant resources {unknown}"
        code_of = entry.get("code_of", "")
        assert not code_of or code_of in demo.names, f"{where}: code_of {code_of}"
        judgements.append(
            Judgement(
                category=entry["category"],
                query=str(entry.get("query", "")),
                code_of=demo.names[code_of] if code_of else "",
                relevant=frozenset(demo.names[i] for i in ids),
                why=entry.get("why", ""),
            )
        )
    return judgements


@pytest.fixture(scope="module")
def demo() -> Demo:
    return read_demo()


@pytest.fixture(scope="module")
def judgements(demo: Demo) -> list[Judgement]:
    return read_judgements(demo)


def test_the_judgements_cover_every_kind_of_query(demo: Demo, judgements: list[Judgement]) -> None:
    """At least 40 queries, every category present, no query twice; and a data-item query's
    word really is in no demo resource's name or abstract, only in data items (else it tests
    name or abstract matching under the wrong label)."""
    assert len(judgements) >= MIN_QUERIES, len(judgements)
    assert {j.category for j in judgements} == set(CATEGORIES)
    typed = [j.query or j.code_of for j in judgements]
    assert len(typed) == len(set(typed)), sorted(q for q in typed if typed.count(q) > 1)
    for j in judgements:
        if j.category != "data_item":
            continue
        in_text = [n for n, (title, abstract) in demo.texts.items() if j.query in title + abstract]
        assert not in_text, f"{j.query} is in the name or abstract of {in_text}"
        for name in j.relevant:
            assert any(j.query in item for item in demo.items[name]), (j.query, name)


def demo_hits(search: Any, query: str, providers: list[str], demo: Demo) -> list[s.SearchResult]:
    """The demo resources a search for ``query`` finds within ``providers``, best first."""
    response = search.Search(
        s.SearchRequest(
            query=query,
            kinds=[s.RESULT_KIND_RESOURCE],
            providers=providers,
            page_size=PAGE,
        ),
        metadata=caller("search relevance suite"),
        timeout=30,
    )
    return [r for r in response.results if r.name in demo.titles]


def all_demo_resources_indexed(search: Any, providers: list[str], demo: Demo) -> None:
    """Every demo resource is searchable (browse all pages): otherwise a low figure would
    measure the indexer, not the ranking."""
    seen: set[str] = set()
    token = ""
    while True:
        response = search.Search(
            s.SearchRequest(
                kinds=[s.RESULT_KIND_RESOURCE],
                providers=providers,
                page_size=100,
                page_token=token,
            ),
            metadata=caller("search relevance suite"),
            timeout=30,
        )
        seen.update(r.name for r in response.results)
        token = response.next_page_token
        if not token:
            break
    missing = sorted(set(demo.titles) - seen)
    assert not missing, f"{len(missing)} demo resources not searchable, e.g. {missing[:5]}"


def code_of(catalog: Any, name: str) -> str:
    resource = catalog.GetInformationResource(
        c.GetInformationResourceRequest(name=name), metadata=caller("search relevance suite")
    )
    assert resource.resource_code, name
    return str(resource.resource_code)


def table(outcomes: Iterable[Outcome]) -> str:
    """Per query: category, P@5, the query, ranks of the relevant resources (- when not
    among the first demo hits read), and the top 5 with the fields each matched (* marks a
    relevant one); then per category and the mean."""
    outcomes = list(outcomes)
    lines = [f"search relevance over the demo district: precision@{TOP} per query"]
    for o in outcomes:
        ranks = sorted(o.ranks.get(name, 0) for name in o.judgement.relevant)
        shown = ",".join(str(r) for r in ranks if r) or "-"
        if any(r == 0 for r in ranks):
            shown += f" (+{sum(1 for r in ranks if r == 0)} not in first {PAGE})"
        lines.append(
            f"  {o.judgement.category:<10} {o.precision:4.2f}  {o.query!r}  "
            f"relevant {len(o.judgement.relevant)} at {shown}"
        )
        if o.precision < 1:
            for i, hit in enumerate(o.top[:TOP], 1):
                mark = "*" if hit.name in o.judgement.relevant else " "
                fields = "+".join(hit.matched_fields) or "-"
                lines.append(f"      {i}{mark} {hit.title} [{fields}]")
    by_category: dict[str, list[float]] = defaultdict(list)
    for o in outcomes:
        by_category[o.judgement.category].append(o.precision)
    lines.append(f"precision@{TOP} per category:")
    for category in CATEGORIES:
        values = by_category.get(category, [])
        if values:
            lines.append(
                f"  {category:<10} {sum(values) / len(values):4.2f}  ({len(values)} queries)"
            )
    mean = sum(o.precision for o in outcomes) / len(outcomes)
    lines.append(f"mean precision@{TOP}: {mean:.3f} over {len(outcomes)} queries (floor {FLOOR})")
    return "\n".join(lines)


def test_precision_at_5(
    search: Any,
    catalog: Any,
    demo: Demo,
    judgements: list[Judgement],
    capsys: pytest.CaptureFixture[str],
    record_property: Any,
) -> None:
    """Every query is run once; the table is printed, then the floor and the per-category
    zero check decide."""
    providers = sorted({name.split("/resources/")[0] for name in demo.titles})
    eventually(lambda: all_demo_resources_indexed(search, providers, demo), timeout=60)

    outcomes = []
    for j in judgements:
        query = code_of(catalog, j.code_of) if j.code_of else j.query
        hits = demo_hits(search, query, providers, demo)
        ranks = {hit.name: i for i, hit in enumerate(hits, 1) if hit.name in j.relevant}
        outcomes.append(Outcome(j, query, hits, ranks))

    report = table(outcomes)
    with capsys.disabled():
        print("\n" + report)
    mean = sum(o.precision for o in outcomes) / len(outcomes)
    record_property("precision_at_5_mean", round(mean, 4))
    by_category: dict[str, list[float]] = defaultdict(list)
    for o in outcomes:
        by_category[o.judgement.category].append(o.precision)
        record_property(f"p@5 {o.judgement.category} {o.query}", round(o.precision, 4))
    for category, values in by_category.items():
        record_property(f"precision_at_5_{category}", round(sum(values) / len(values), 4))

    zero = [category for category, values in by_category.items() if not any(values)]
    assert not zero, f"categories with nothing relevant in any top {TOP}: {zero}\n{report}"
    assert mean >= FLOOR, f"mean precision@{TOP} {mean:.3f} is below the floor {FLOOR}\n{report}"
