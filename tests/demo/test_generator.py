"""The demo district the generator writes: big enough, consistent, true to the rules, and what
is committed is what the tables give."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2
from govdata.catalog import credit_code, inventory_analysis
from govdata.runtime import classification

from district import demands, generate, systems  # isort: skip  (scripts/, see conftest)
import generate_demo  # isort: skip

COMMITTED = Path(generate_demo.DEFAULT_FILE)
CONDITIONAL = "SHARE_TYPE_CONDITIONAL"
NOT_SHARED = "SHARE_TYPE_NOT_SHARED"
# When the planted zombies are judged: a few days after the inventory, as the loader rebases.
JUDGED = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return generate.build()


def names(catalogue: dict[str, Any], section: str, id_field: str, collection: str) -> list[str]:
    return [f"{r['parent']}/{collection}/{r[id_field]}" for r in catalogue[section]]


def resources(catalogue: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{r['parent']}/resources/{r['informationResourceId']}", r["informationResource"])
        for r in catalogue["informationResources"]
    ]


# -- what is committed -------------------------------------------------------------------------


def test_the_committed_file_is_what_the_tables_give(catalogue) -> None:
    assert COMMITTED.read_text(encoding="utf-8") == generate.render(catalogue), (
        "scripts/demo_catalogue.json is stale: run python scripts/generate_demo.py"
    )


def test_generation_is_deterministic(catalogue) -> None:
    assert generate.render(generate.build()) == generate.render(catalogue)


def test_the_generator_finds_no_problem(catalogue) -> None:
    assert generate.check(catalogue, classification.default_tree()) == []


def test_every_entry_parses_into_its_create_request(catalogue) -> None:
    for section, message in (
        ("organizations", c.CreateOrganizationRequest),
        ("duties", c.CreateDutyRequest),
        ("informationSystems", c.CreateInformationSystemRequest),
        ("informationResources", c.CreateInformationResourceRequest),
        ("sharingDemands", c.CreateSharingDemandRequest),
    ):
        for entry in catalogue[section]:
            json_format.ParseDict(entry, message())  # raises on an unknown field or value


# -- size --------------------------------------------------------------------------------------


def test_counts(catalogue) -> None:
    kinds = Counter(r["organization"]["kind"] for r in catalogue["organizations"])
    assert kinds["ORGANIZATION_KIND_GOVERNMENT"] == 1
    assert kinds["ORGANIZATION_KIND_DEPARTMENT"] >= 25
    assert kinds["ORGANIZATION_KIND_INTERNAL_OFFICE"] >= 50
    assert len(catalogue["informationSystems"]) >= 60
    assert len(catalogue["informationResources"]) >= 300
    assert len(catalogue["sharingDemands"]) >= 12
    departments = {
        f"organizations/{r['organizationId']}"
        for r in catalogue["organizations"]
        if r["organization"]["kind"] == "ORGANIZATION_KIND_DEPARTMENT"
    }
    with_duties = {r["parent"] for r in catalogue["duties"]}
    assert departments <= with_duties, "every department has duties"
    assert len(catalogue["duties"]) >= 2 * len(departments)


def test_the_first_demos_organisations_and_resources_are_kept(catalogue) -> None:
    """Ids of the first demo: e2e tests, the registry seed and people's notes name them."""
    orgs = {r["organizationId"]: r["organization"] for r in catalogue["organizations"]}
    for org_id, code in {
        "hx-zf": "11359902003664216U",
        "hx-mzj": "113599020036643980",
        "hx-gafj": "11359902003664478K",
        "hx-dsjzx": "12359902MB0P31475Q",
        "hx-mzj-hdzx": "12359902485203243W",
        "hx-zrzyj-bdcdjzx": "12359902485203323G",
    }.items():
        assert orgs[org_id]["unifiedSocialCreditCode"] == code
    held = {name for name, _ in resources(catalogue)}
    for name in (
        "organizations/hx-mzj/resources/dibao-households",
        "organizations/hx-gafj/resources/household-population",
        "organizations/hx-zrzyj/resources/real-estate-registrations",
        "organizations/hx-cgs/resources/motor-vehicles",
        "organizations/hx-gjjfzx/resources/provident-fund-deposits",
        "organizations/hx-swj/resources/tax-payments",
        "organizations/hx-rsj/resources/social-insurance-contributions",
        "organizations/hx-scjgj/resources/enterprise-shareholders",
        "organizations/hx-mzj/resources/marriage-registrations",
    ):
        assert name in held


# -- organisations -----------------------------------------------------------------------------


def test_every_credit_code_passes_the_checksum_and_is_unique(catalogue) -> None:
    codes = [r["organization"]["unifiedSocialCreditCode"] for r in catalogue["organizations"]]
    assert [code for code in codes if credit_code.problem(code) is not None] == []
    assert len(set(codes)) == len(codes)


def test_parents_come_first_and_exist(catalogue) -> None:
    seen: set[str] = set()
    for request in catalogue["organizations"]:
        parent = request["organization"].get("parent")
        assert parent is None or parent in seen, request["organizationId"]
        seen.add(f"organizations/{request['organizationId']}")


# -- references --------------------------------------------------------------------------------


def test_references_resolve_within_their_organisation(catalogue) -> None:
    orgs = {
        f"organizations/{r['organizationId']}": r["organization"]
        for r in catalogue["organizations"]
    }
    duties = set(names(catalogue, "duties", "dutyId", "duties"))
    system_names = set(names(catalogue, "informationSystems", "informationSystemId", "systems"))
    resource_names = {name for name, _ in resources(catalogue)}

    def own(ref: str, parent: str) -> bool:
        return ref.startswith(parent + "/")

    for request in catalogue["duties"]:
        duty = request["duty"]
        assert all(s in system_names and own(s, request["parent"]) for s in duty.get("systems", []))
        if "responsibleOffice" in duty:
            assert orgs[duty["responsibleOffice"]]["parent"] == request["parent"]
    for request in catalogue["informationSystems"]:
        assert all(
            d in duties and own(d, request["parent"])
            for d in request["informationSystem"]["duties"]
        )
    for name, res in resources(catalogue):
        parent = name.rsplit("/resources/", 1)[0]
        assert res["duties"] and all(d in duties and own(d, parent) for d in res["duties"])
        assert all(s in system_names and own(s, parent) for s in res.get("sourceSystems", []))
        if "providerOffice" in res:
            assert orgs[res["providerOffice"]]["parent"] == parent, name
    for request in catalogue["sharingDemands"]:
        demand = request["sharingDemand"]
        assert demand["duty"] in duties and own(demand["duty"], request["parent"])
        if "resource" in demand:
            assert demand["resource"] in resource_names
        if "expectedProvider" in demand:
            assert demand["expectedProvider"] in orgs
    order = [name for name, _ in resources(catalogue)]
    for name, related in catalogue["relatedResources"].items():
        assert all(order.index(other) < order.index(name) for other in related)


def test_duties_and_systems_name_each_other_both_ways(catalogue) -> None:
    from_systems = {
        (duty, f"{r['parent']}/systems/{r['informationSystemId']}")
        for r in catalogue["informationSystems"]
        for duty in r["informationSystem"]["duties"]
    }
    from_duties = {
        (f"{r['parent']}/duties/{r['dutyId']}", system)
        for r in catalogue["duties"]
        for system in r["duty"].get("systems", [])
    }
    assert from_systems == from_duties


def test_classification_codes_are_nodes_of_the_catalogues_tree(catalogue) -> None:
    tree = classification.default_tree()
    for name, res in resources(catalogue):
        cls = res["classification"]
        category = common_pb2.ClassificationCategory.Value(cls["category"])
        assert tree.problem(category, cls["classificationCode"]) is None, name
        assert cls["path"] == tree.path(cls["classificationCode"])


# -- the rules ---------------------------------------------------------------------------------


def test_one_datum_one_authoritative_source(catalogue) -> None:
    providers: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, list[str]] = defaultdict(list)
    for name, res in resources(catalogue):
        for item in res["dataItems"]:
            if item.get("authoritative"):
                providers[item["name"]].add(name.rsplit("/resources/", 1)[0])
                holders[item["name"]].append(name)
    assert len(providers) >= 50
    assert {d: p for d, p in providers.items() if len(p) != 1} == {}
    assert {d: h for d, h in holders.items() if len(h) != 1} == {}
    assert providers["公民身份号码"] == {"organizations/hx-gafj"}
    assert providers["统一社会信用代码"] == {"organizations/hx-scjgj"}
    assert providers["不动产单元号"] == {"organizations/hx-zrzyj"}


def test_sharing_rules(catalogue) -> None:
    share_types = Counter()
    for name, res in resources(catalogue):
        sharing = res["sharing"]
        share_types[sharing["shareType"]] += 1
        if sharing["shareType"] == CONDITIONAL:
            assert sharing.get("conditions") and sharing.get("legalBasis"), name
        if sharing["shareType"] == NOT_SHARED:
            assert sharing.get("legalBasis"), name
            assert "shareMethod" not in sharing, name
        else:
            assert sharing.get("shareMethod"), name
        if res["openAttributes"]["openType"] == "OPEN_TYPE_CONDITIONAL":
            assert res["openAttributes"].get("conditions"), name
    assert min(share_types.values()) >= 10, share_types  # all three kinds, in earnest


def test_data_items_are_consistent_across_resources(catalogue) -> None:
    """One datum has one type and length wherever it appears; every resource has a key."""
    seen: dict[str, tuple[str, int]] = {}
    for name, res in resources(catalogue):
        assert any(item.get("key") for item in res["dataItems"]), name
        for item in res["dataItems"]:
            shape = (item["type"], item.get("length", 0))
            assert seen.setdefault(item["name"], shape) == shape, (name, item["name"])


def test_names_look_real(catalogue) -> None:
    """Chinese titles and abstracts, none numbered like generated filler."""
    han = re.compile(r"[\u4e00-\u9fff]")
    filler = re.compile(r"(?i)(resource|test|样例|示例|测试)|\d+$")
    titles = [res["displayName"] for _, res in resources(catalogue)]
    titles += [r["informationSystem"]["displayName"] for r in catalogue["informationSystems"]]
    titles += [r["duty"]["displayName"] for r in catalogue["duties"]]
    assert [t for t in titles if filler.search(t) or not han.search(t)] == []
    assert len(set(titles)) > 0.95 * len(titles)
    assert all(len(res["abstract"]) >= 20 for _, res in resources(catalogue))


# -- coverage ----------------------------------------------------------------------------------


def test_the_base_libraries_are_covered(catalogue) -> None:
    by_library = Counter(
        res["classification"]["classificationCode"][:3] for _, res in resources(catalogue)
    )
    # 人口, 法人, 自然资源和空间地理, 社会信用, 电子证照
    for library, at_least in {"101": 15, "102": 10, "103": 25, "104": 30, "105": 10}.items():
        assert by_library[library] >= at_least, (library, by_library[library])


def test_the_verification_sources_are_published_for_the_check(catalogue) -> None:
    """Each declared item of the household check has its source; deposits have none."""
    by_id = {name.rsplit("/", 1)[1]: res for name, res in resources(catalogue)}
    for resource_id, datum in {
        "household-population": "公民身份号码",
        "marriage-registrations": "登记证字号",
        "real-estate-ownership": "权利人证件号码",
        "motor-vehicles": "所有人证件号码",
        "provident-fund-deposits": "月缴存额",
        "tax-payments": "收入额",
        "social-insurance-contributions": "缴费基数",
        "enterprise-shareholders": "股东证件号码",
        "pension-benefits": "月养老金",
    }.items():
        assert datum in {item["name"] for item in by_id[resource_id]["dataItems"]}
        assert by_id[resource_id]["sharing"]["shareType"] == CONDITIONAL
    demand = next(d for d in demands.DEMANDS if d.id == "hd-deposits")
    assert not demand.resource and demand.state == "DEMAND_STATE_OPEN"


def test_demands_are_some_met_and_some_gaps(catalogue) -> None:
    states = Counter(r["sharingDemand"]["state"] for r in catalogue["sharingDemands"])
    assert states["DEMAND_STATE_FULFILLED"] >= 3 and states["DEMAND_STATE_MATCHED"] >= 3
    offered = {item["name"] for _, res in resources(catalogue) for item in res["dataItems"]}
    gaps = [
        r["sharingDemand"]["displayName"]
        for r in catalogue["sharingDemands"]
        if r["sharingDemand"]["state"] == "DEMAND_STATE_OPEN"
        and (
            not r["sharingDemand"].get("resource")
            or set(r["sharingDemand"].get("dataItems", [])) - offered
        )
    ]
    assert len(gaps) >= 3, gaps


# -- zombie and shadow systems -------------------------------------------------------------------


def _messages(
    catalogue: dict[str, Any],
) -> tuple[list[c.Duty], list[c.InformationSystem], list[c.InformationResource]]:
    def parse(section: str, body: str, id_field: str, collection: str, message: Any) -> list[Any]:
        parsed = []
        for request in catalogue[section]:
            entry = json_format.ParseDict(request[body], message())
            entry.name = f"{request['parent']}/{collection}/{request[id_field]}"
            parsed.append(entry)
        return parsed

    return (
        parse("duties", "duty", "dutyId", "duties", c.Duty),
        parse(
            "informationSystems",
            "informationSystem",
            "informationSystemId",
            "systems",
            c.InformationSystem,
        ),
        parse(
            "informationResources",
            "informationResource",
            "informationResourceId",
            "resources",
            c.InformationResource,
        ),
    )


def test_the_planted_zombies_carry_their_signs(catalogue) -> None:
    by_name = {
        f"{r['parent'].removeprefix('organizations/')}/{r['informationSystemId']}": r[
            "informationSystem"
        ]
        for r in catalogue["informationSystems"]
    }
    assert len(systems.ZOMBIES) >= 4
    for name in systems.ZOMBIES:
        system = by_name[name]
        signs = [
            system["lastUsedTime"] < "2026-05-01",
            system["status"] == "SYSTEM_STATUS_MAINTENANCE_STOPPED",
            not system["duties"],
            system["scope"] == "SYSTEM_SCOPE_OFFICE"
            and system["usageFrequency"] in ("USAGE_FREQUENCY_RARELY", "USAGE_FREQUENCY_IDLE"),
        ]
        assert sum(signs) >= 2, name


def test_the_catalogues_analysis_finds_the_planted_zombies_and_only_them(catalogue) -> None:
    duties, system_list, _ = _messages(catalogue)
    links = inventory_analysis.duty_links(system_list, duties)
    found = {
        candidate.system.name
        for candidate in inventory_analysis.zombie_candidates(system_list, links, JUDGED)
    }
    assert found == {
        "organizations/{}/systems/{}".format(*name.split("/")) for name in systems.ZOMBIES
    }


def test_the_catalogues_analysis_finds_the_planted_shadows_and_only_them(catalogue) -> None:
    duties, system_list, resource_list = _messages(catalogue)
    profiles = inventory_analysis.profiles(system_list, duties, resource_list)
    found = {
        frozenset((candidate.system, candidate.other_system))
        for candidate in inventory_analysis.shadow_candidates(profiles)
    }
    planted = {
        frozenset("organizations/{}/systems/{}".format(*name.split("/")) for name in pair)
        for pair in systems.SHADOWS
    }
    assert found == planted
