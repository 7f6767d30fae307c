"""The unified view's use cases over an in-memory read model: request checks, scope, and the
visibility rule of ``visibility.py`` applied to every list and count, by caller."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.unified_view import UnifiedView
from govdata.catalog.views import OrganizationTree
from govdata.runtime import context
from govdata.runtime.context import CallContext
from govdata.runtime.errors import InvalidArgument, NotFound

GOV = "organizations/hx"
MZ = "organizations/mz"
MZ_OFFICE = "organizations/mz-jzk"
GA = "organizations/ga"
NOW = datetime(2026, 11, 23, tzinfo=UTC)


class FakeReadModel:
    def __init__(self) -> None:
        self._tree = OrganizationTree({GOV: None, MZ: GOV, MZ_OFFICE: MZ, GA: GOV})
        self._resources = {
            r.name: r
            for r in (
                resource(f"{MZ}/resources/dibao", c.RESOURCE_STATE_PUBLISHED, ["姓名", "低保金额"]),
                resource(f"{MZ}/resources/tekun", c.RESOURCE_STATE_DRAFT, ["供养方式"]),
                resource(f"{GA}/resources/huji", c.RESOURCE_STATE_RETIRED, ["户籍地址"]),
            )
        }
        self._systems = {
            f"{MZ}/systems/old": c.InformationSystem(
                name=f"{MZ}/systems/old", function="旧档案", out_of_step_with_business=True
            ),
            f"{GA}/systems/huji": c.InformationSystem(name=f"{GA}/systems/huji", function="户籍"),
        }
        self._demands = {
            f"{GA}/demands/tekun": c.SharingDemand(
                name=f"{GA}/demands/tekun",
                resource=f"{MZ}/resources/tekun",
                state=c.DEMAND_STATE_OPEN,
            )
        }

    def tree(self) -> OrganizationTree:
        return self._tree

    def resources(self):
        return self._resources

    def systems(self):
        return self._systems

    def duties(self):
        return {}

    def demands(self):
        return self._demands


def resource(name: str, state: int, items: list[str]) -> c.InformationResource:
    return c.InformationResource(
        name=name,
        provider=name.split("/resources/", maxsplit=1)[0],
        state=state,
        sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_CONDITIONAL),
        data_items=[c.DataItem(name=n) for n in items],
    )


@pytest.fixture
def view() -> UnifiedView:
    return UnifiedView(FakeReadModel(), now=lambda: NOW)  # type: ignore[arg-type]


def as_caller(organization: str, *roles: str) -> CallContext:
    return CallContext(system="callingSystems/x", organization=organization, roles=frozenset(roles))


def call(caller: CallContext, function, *args):
    token = context.bind(caller)
    try:
        return function(*args)
    finally:
        context.reset(token)


def item_names(page) -> list[str]:
    return [e.data_item.name for e in page.items]


def test_visibility_by_caller(view) -> None:
    every = ["姓名", "低保金额", "供养方式", "户籍地址"]
    admin = as_caller(GA, "platform_admin")
    assert item_names(call(admin, view.list_data_items, "organizations/-", "", False, 0, "")) == [
        "户籍地址",
        "姓名",
        "低保金额",
        "供养方式",
    ]
    # the bureau and the government above it see the bureau's draft, not the police's
    # retired resource; the police see their own and only the bureau's published one
    for own, expected in (
        (MZ, ["姓名", "低保金额", "供养方式"]),
        (GOV, every),
        (GA, ["户籍地址", "姓名", "低保金额"]),
        (MZ_OFFICE, ["姓名", "低保金额"]),
        ("organizations/audit", ["姓名", "低保金额"]),
    ):
        page = call(
            as_caller(own, "catalog_reader"),
            view.list_data_items,
            "organizations/-",
            "",
            False,
            0,
            "",
        )
        assert sorted(item_names(page)) == sorted(expected), own
    # the service itself, outside any call, sees everything
    assert len(view.list_data_items("organizations/-", "", False, 0, "").items) == 4


def test_parties_and_gaps_hide_what_the_caller_may_not_see(view) -> None:
    police = as_caller(GA, "data_consumer")
    with pytest.raises(NotFound):
        call(police, view.list_resource_parties, f"{MZ}/resources/tekun", 0, "")
    bureau = as_caller(MZ, "catalog_editor")
    parties = call(bureau, view.list_resource_parties, f"{MZ}/resources/tekun", 0, "")
    assert [p.organization for p in parties.items] == [MZ, GA]
    [gap] = call(police, view.list_demand_gaps, "organizations/-", 0, "").items
    assert gap.reason == f"the wanted resource {MZ}/resources/tekun is not published"
    [gap] = call(bureau, view.list_demand_gaps, "organizations/-", 0, "").items
    assert gap.reason.endswith("(it is draft (草稿))")


def test_statistics_count_only_what_the_caller_sees(view) -> None:
    def states(stats) -> dict[str, int]:
        return {x.key: x.count for x in stats.resources_by_state if x.count}

    police = call(as_caller(GA, "catalog_reader"), view.organization_statistics, MZ, False)
    assert states(police) == {"RESOURCE_STATE_PUBLISHED": 1}
    assert police.data_item_count == 2
    bureau = call(as_caller(MZ, "catalog_reader"), view.organization_statistics, MZ, False)
    assert states(bureau) == {"RESOURCE_STATE_PUBLISHED": 1, "RESOURCE_STATE_DRAFT": 1}
    assert bureau.zombie_candidate_count == 1
    government = view.organization_statistics(GOV, True)
    assert sum(x.count for x in government.resources_by_state) == 3
    assert view.organization_statistics(GOV, False).data_item_count == 0


@pytest.mark.parametrize(
    ("method", "args", "field"),
    [
        ("list_data_items", ("mz", "", False, 0, ""), "parent"),
        ("list_data_items", (MZ, "", False, -5, ""), "page_size"),
        ("list_data_items", (MZ, "x" * 201, False, 0, ""), "data_item_name"),
        ("list_data_items", (MZ, "", False, 0, "garbage"), "page_token"),
        ("list_resource_parties", (MZ, 0, ""), "resource"),
        ("list_demand_gaps", ("organizations/", 0, ""), "parent"),
        ("organization_statistics", ("organizations/A", False), "name"),
        ("list_zombie_candidates", (MZ, -1, 0, ""), "idle_days"),
        ("list_zombie_candidates", (MZ, 40_000, 0, ""), "idle_days"),
        ("list_shadow_candidates", (MZ, 1.01, 0, ""), "min_similarity"),
        ("list_shadow_candidates", (MZ, float("nan"), 0, ""), "min_similarity"),
        ("list_shadow_candidates", (MZ, float("inf"), 0, ""), "min_similarity"),
    ],
)
def test_bad_requests_name_the_field(view, method, args, field) -> None:
    with pytest.raises(InvalidArgument) as caught:
        getattr(view, method)(*args)
    assert [v.field for v in caught.value.violations] == [field]


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("list_data_items", ("organizations/nope", "", False, 0, "")),
        ("list_resource_parties", (f"{MZ}/resources/nope", 0, "")),
        ("list_demand_gaps", ("organizations/nope", 0, "")),
        ("organization_statistics", ("organizations/nope", True)),
        ("list_zombie_candidates", ("organizations/nope", 0, 0, "")),
        ("list_shadow_candidates", ("organizations/nope", 0.0, 0, "")),
    ],
)
def test_missing_organisations_and_resources_are_not_found(view, method, args) -> None:
    with pytest.raises(NotFound):
        getattr(view, method)(*args)


def test_zombies_of_an_organisation_and_the_idle_default(view) -> None:
    page = view.list_zombie_candidates(MZ, 0, 0, "")
    assert [z.system.name for z in page.items] == [f"{MZ}/systems/old"]
    assert view.list_zombie_candidates(GA, 0, 0, "").total_size == 0
