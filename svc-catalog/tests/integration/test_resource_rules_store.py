"""The catalogue's rules for information resources on the real MongoDB-protocol server: one
datum one source, references that must exist, the classification path, state changes with
who and when, visibility, filters, and organisations that cannot be deleted."""

from __future__ import annotations

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.demands import SharingDemands
from govdata.catalog.duties import Duties
from govdata.catalog.systems import InformationSystems
from govdata.runtime import context
from govdata.runtime.context import CallContext
from govdata.runtime.errors import FailedPrecondition, InvalidArgument, NotFound

from .conftest import credit_code

MZ = "organizations/minzheng"
GA = "organizations/gongan"
ZJ = "organizations/zhujian"
_serial = iter(range(700, 10_000))


@pytest.fixture
def orgs(catalog) -> None:
    for org_id, title, kind, parent in (
        ("zf", "海新区人民政府", c.ORGANIZATION_KIND_GOVERNMENT, ""),
        ("minzheng", "海新区民政局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf"),
        ("gongan", "海新区公安分局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf"),
        ("zhujian", "海新区住房和城乡建设局", c.ORGANIZATION_KIND_DEPARTMENT, "organizations/zf"),
        ("minzheng-jzk", "社会救助科", c.ORGANIZATION_KIND_INTERNAL_OFFICE, MZ),
    ):
        catalog.create_organization(
            org_id,
            c.Organization(
                display_name=title,
                unified_social_credit_code=credit_code(next(_serial)),
                kind=kind,
                parent=parent,
            ),
        )


def resource(
    title: str = "户籍人口信息",
    code: str = "101001",
    category: int = cm.CLASSIFICATION_CATEGORY_BASE,
    items: tuple[tuple[str, bool], ...] = (("公民身份号码", False),),
    **fields,
) -> c.InformationResource:
    res = c.InformationResource(
        display_name=title,
        abstract=f"{title}的摘要",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=category, classification_code=code, path=["随便", "写的"]
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
        data_items=[
            c.DataItem(
                name=name, type=cm.DATA_ITEM_TYPE_CHARACTER, length=64, authoritative=authoritative
            )
            for name, authoritative in items
        ],
    )
    for key, value in fields.items():
        if isinstance(value, list):
            getattr(res, key).extend(value)
        else:
            setattr(res, key, value)
    return res


def publish(catalog, res: c.InformationResource) -> c.InformationResource:
    submitted = catalog.transition(res.name, res.etag, c.RESOURCE_STATE_SUBMITTED)
    return catalog.transition(submitted.name, submitted.etag, c.RESOURCE_STATE_PUBLISHED)


class acting_as:  # noqa: N801 - reads as a phrase in ``with acting_as(...):``
    def __init__(self, organization: str, *roles: str, person: str = "clerk") -> None:
        self.caller = CallContext(
            request_id=f"req-{person}",
            system=f"callingSystems/{organization.rsplit('/', 1)[-1]}-catalogue",
            person=person,
            organization=organization,
            roles=frozenset(roles or {"catalog_editor"}),
        )

    def __enter__(self) -> CallContext:
        self.token = context.bind(self.caller)
        return self.caller

    def __exit__(self, *exc: object) -> None:
        context.reset(self.token)


def violations(caught) -> dict[str, str]:
    return {v.field: v.description for v in caught.value.violations}


# -- one datum, one source ---------------------------------------------------------------------


def test_one_datum_one_source_names_the_first_provider_and_resource(orgs, catalog) -> None:
    first = catalog.create_resource(
        GA, "huji", resource(items=(("公民身份号码", True), ("姓名", True)))
    )
    catalog.create_resource(GA, "huji-2", resource("户籍变动", items=(("公民身份号码", True),)))
    with pytest.raises(InvalidArgument) as caught:
        catalog.create_resource(
            MZ,
            "dibao",
            resource(
                "低保对象",
                "203001001",
                cm.CLASSIFICATION_CATEGORY_THEME,
                items=(("户主姓名", True), ("公民身份号码", True)),
            ),
        )
    found = violations(caught)
    assert set(found) == {"information_resource.data_items[1].authoritative"}
    message = found["information_resource.data_items[1].authoritative"]
    assert GA in message and first.name in message and first.resource_code in message
    assert catalog.list_resources(MZ, "", 0, 0, 0, "")[1].total_size == 0  # nothing written
    # Without the claim the same datum may be catalogued (as a copy, not the source).
    copy = catalog.create_resource(
        MZ,
        "dibao",
        resource(
            "低保对象",
            "203001001",
            cm.CLASSIFICATION_CATEGORY_THEME,
            items=(("户主姓名", True), ("公民身份号码", False)),
        ),
    )
    with pytest.raises(InvalidArgument, match=r"data_items\[1\]\.authoritative") as again:
        catalog.update_resource(
            c.InformationResource(
                name=copy.name,
                data_items=[
                    c.DataItem(
                        name="户主姓名", type=cm.DATA_ITEM_TYPE_CHARACTER, authoritative=True
                    ),
                    c.DataItem(
                        name="公民身份号码", type=cm.DATA_ITEM_TYPE_CHARACTER, authoritative=True
                    ),
                ],
            ),
            field_mask_pb2.FieldMask(paths=["data_items"]),
        )
    assert first.name in next(iter(violations(again).values()))
    # The holder may keep and edit its claim; once it lets go, another may take it.
    catalog.delete_resource(f"{GA}/resources/huji-2", "")
    held = catalog.update_resource(
        c.InformationResource(
            name=first.name,
            data_items=[
                c.DataItem(name="姓名", type=cm.DATA_ITEM_TYPE_CHARACTER, authoritative=True)
            ],
        ),
        field_mask_pb2.FieldMask(paths=["data_items"]),
    )
    assert [i.name for i in held.data_items] == ["姓名"]
    catalog.update_resource(
        c.InformationResource(
            name=copy.name,
            data_items=[
                c.DataItem(
                    name="公民身份号码", type=cm.DATA_ITEM_TYPE_CHARACTER, authoritative=True
                )
            ],
        ),
        field_mask_pb2.FieldMask(paths=["data_items"]),
    )


# -- references --------------------------------------------------------------------------------


def test_related_codes_systems_and_duties_must_exist(orgs, catalog, store) -> None:
    base = catalog.create_resource(GA, "huji", resource())
    with pytest.raises(InvalidArgument) as caught:
        catalog.create_resource(
            MZ,
            "dibao",
            resource(
                "低保对象",
                related_resource_codes=[base.resource_code, "101001/999999"],
                source_systems=[f"{MZ}/systems/ghost"],
                duties=[f"{MZ}/duties/ghost", "not-a-duty"],
            ),
        )
    found = violations(caught)
    assert set(found) == {
        "information_resource.related_resource_codes[1]",
        "information_resource.source_systems[0]",
        "information_resource.duties[0]",
        "information_resource.duties[1]",
    }
    assert found["information_resource.related_resource_codes[1]"] == (
        "no resource has the code 101001/999999"
    )
    duty = Duties(store).create(
        MZ, "dibao", c.Duty(display_name="低保认定", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )
    system = InformationSystems(store).create(
        MZ, "dibao", c.InformationSystem(display_name="低保系统", function="低保审批")
    )
    created = catalog.create_resource(
        MZ,
        "dibao",
        resource(
            "低保对象",
            related_resource_codes=[base.resource_code],
            source_systems=[system.name],
            duties=[duty.name],
        ),
    )
    assert list(created.duties) == [duty.name]
    # Filters of ListInformationResources over those references.
    assert [
        r.name
        for r in catalog.list_resources("organizations/-", "", 0, 0, 0, "", duty=duty.name)[0]
    ] == [created.name]
    assert [
        r.name
        for r in catalog.list_resources(
            "organizations/-", "", 0, 0, 0, "", source_system=system.name
        )[0]
    ] == [created.name]


def test_the_classification_path_comes_from_the_tree_and_filters_by_prefix(orgs, catalog) -> None:
    created = catalog.create_resource(
        GA, "cars", resource("机动车", "302002001", cm.CLASSIFICATION_CATEGORY_DEPARTMENT)
    )
    assert list(created.classification.path) == ["部门信息资源", "公安", "交通管理", "机动车"]
    assert created.resource_code.startswith("302002001/")
    catalog.create_resource(GA, "huji", resource())
    by_prefix = catalog.list_resources(
        "organizations/-", "", 0, 0, 0, "", classification_code="3020"
    )
    assert [r.name for r in by_prefix[0]] == [created.name]
    with pytest.raises(InvalidArgument, match="classification_code"):
        catalog.list_resources("organizations/-", "", 0, 0, 0, "", classification_code="30.*")
    with pytest.raises(InvalidArgument, match="classification_code"):
        catalog.list_resources("organizations/-", "", 0, 0, 0, "", classification_code="３０")
    with pytest.raises(InvalidArgument) as caught:
        catalog.create_resource(
            GA, "bad", resource("x", "302002001", cm.CLASSIFICATION_CATEGORY_BASE)
        )
    assert list(violations(caught)) == ["information_resource.classification.classification_code"]


# -- lifecycle and visibility ------------------------------------------------------------------


def test_every_transition_records_who_when_and_why(orgs, catalog) -> None:
    created = catalog.create_resource(MZ, "dibao", resource())
    assert list(created.state_changes) == []
    with acting_as(MZ, person="clerk-1"):
        submitted = catalog.transition(created.name, created.etag, c.RESOURCE_STATE_SUBMITTED)
    with acting_as("organizations/dsjzx", "platform_admin", person="reviewer-2"):
        published = catalog.transition(submitted.name, submitted.etag, c.RESOURCE_STATE_PUBLISHED)
    with acting_as(MZ, person="clerk-1"):
        retired = catalog.transition(
            published.name, published.etag, c.RESOURCE_STATE_RETIRED, "数据已并入新库"
        )
    changes = [
        (s.state, s.actor.person, s.actor.organization, s.reason) for s in retired.state_changes
    ]
    assert changes == [
        (c.RESOURCE_STATE_SUBMITTED, "clerk-1", MZ, ""),
        (c.RESOURCE_STATE_PUBLISHED, "reviewer-2", "organizations/dsjzx", ""),
        (c.RESOURCE_STATE_RETIRED, "clerk-1", MZ, "数据已并入新库"),
    ]
    assert retired.state_changes[1].actor.system == "callingSystems/dsjzx-catalogue"
    assert retired.state_changes[1].time == published.update_time
    assert retired.state_changes[2].time == retired.update_time
    # Updates cannot rewrite the record of transitions.
    with pytest.raises(InvalidArgument, match="cannot be updated"):
        catalog.update_resource(
            c.InformationResource(name=created.name),
            field_mask_pb2.FieldMask(paths=["state_changes"]),
        )


def test_only_published_resources_are_visible_to_other_departments(orgs, catalog) -> None:
    draft = catalog.create_resource(MZ, "draft", resource("低保草稿"))
    office = catalog.create_resource("organizations/minzheng-jzk", "office", resource("科室草稿"))
    public = publish(catalog, catalog.create_resource(MZ, "public", resource("低保已发布")))
    others = catalog.create_resource(GA, "others", resource("公安草稿"))

    def listed(*args, **kwargs) -> list[str]:
        found, page = catalog.list_resources(*args, **kwargs)
        assert page.total_size == len(found)
        return [r.name for r in found]

    with acting_as(GA):
        with pytest.raises(NotFound):
            catalog.get_resource(draft.name)
        with pytest.raises(NotFound):
            catalog.get_resource(office.name)
        assert catalog.get_resource(public.name).name == public.name
        assert listed("organizations/-", "", 0, 0, 0, "") == [others.name, public.name]
        assert listed(MZ, "", 0, c.RESOURCE_STATE_DRAFT, 0, "") == []
    with acting_as(MZ):  # the department sees its own and its office's entries
        assert catalog.get_resource(office.name).name == office.name
        assert listed("organizations/-", "", 0, 0, 0, "") == [
            office.name,
            draft.name,
            public.name,
        ]
        assert listed("organizations/minzheng-jzk", "", 0, 0, 0, "") == [office.name]
    # An office does not see its department's entries.
    with acting_as("organizations/minzheng-jzk"), pytest.raises(NotFound):
        catalog.get_resource(draft.name)
    with acting_as("organizations/zf"):  # the government sees its departments'
        assert len(listed("organizations/-", "", 0, 0, 0, "")) == 4
    with acting_as("organizations/dsjzx", "platform_admin"):
        assert len(listed("organizations/-", "", 0, 0, 0, "")) == 4
        assert catalog.get_resource(others.name).name == others.name


# -- organisations that cannot be deleted ------------------------------------------------------


def test_an_organisation_still_holding_or_named_by_records_is_not_deleted(
    orgs, catalog, store
) -> None:
    duties, systems, demands = Duties(store), InformationSystems(store), SharingDemands(store)
    with pytest.raises(FailedPrecondition) as caught:
        catalog.delete_organization(MZ, "")
    assert caught.value.reason == "HAS_CHILDREN" and "1 sub-organisation" in caught.value.message

    for reason, make, undo in (
        (
            "HAS_DUTIES",
            lambda: duties.create(
                ZJ, "d", c.Duty(display_name="住房保障", kind=c.DUTY_KIND_PUBLIC_SERVICE)
            ),
            lambda made: duties.delete(made.name, ""),
        ),
        (
            "HAS_SYSTEMS",
            lambda: systems.create(
                ZJ, "s", c.InformationSystem(display_name="住房系统", function="住房保障")
            ),
            lambda made: systems.delete(made.name, ""),
        ),
        (
            "HAS_RESOURCES",
            lambda: catalog.create_resource(
                ZJ, "r", resource("住房保障对象", "203004", cm.CLASSIFICATION_CATEGORY_THEME)
            ),
            lambda made: catalog.delete_resource(made.name, ""),
        ),
    ):
        made = make()
        with pytest.raises(FailedPrecondition) as refused:
            catalog.delete_organization(ZJ, "")
        assert refused.value.reason == reason
        undo(made)

    need = duties.create(
        MZ, "need", c.Duty(display_name="低保认定", kind=c.DUTY_KIND_PUBLIC_SERVICE)
    )
    wanted = demands.create(
        MZ,
        "q",
        c.SharingDemand(
            display_name="住房信息", duty=need.name, description="住房", expected_provider=ZJ
        ),
    )
    with pytest.raises(FailedPrecondition) as named:
        catalog.delete_organization(ZJ, "")
    assert named.value.reason == "IS_REFERENCED"
    assert "1 sharing demand(s) expecting it as provider" in named.value.message
    demands.delete(wanted.name, "")
    catalog.delete_organization(ZJ, "")
    with pytest.raises(NotFound):
        catalog.get_organization(ZJ)
