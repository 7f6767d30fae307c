"""The catalogue's validation and lifecycle rules, without any server."""

from __future__ import annotations

import itertools

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import rules
from govdata.runtime.errors import FailedPrecondition, InvalidArgument


def resource(**changes) -> c.InformationResource:
    res = c.InformationResource(
        display_name="不动产登记信息",
        abstract="不动产权利人、坐落、面积及登记时间。",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(
            category=cm.CLASSIFICATION_CATEGORY_DEPARTMENT, classification_code="301002"
        ),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
        data_items=[c.DataItem(name="权利人", type=cm.DATA_ITEM_TYPE_CHARACTER, length=50)],
    )
    for key, value in changes.items():
        if isinstance(value, c.SharingAttributes | c.Classification):
            getattr(res, key).CopyFrom(value)
        else:
            setattr(res, key, value)
    return res


def violations(res: c.InformationResource) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as caught:
        rules.check_resource(res)
    return {v.field: v.description for v in caught.value.violations}


def test_a_complete_resource_is_valid() -> None:
    rules.check_resource(resource())


def test_every_problem_is_reported_with_its_field() -> None:
    found = violations(resource(display_name="", format=99, update_cycle=0))
    assert set(found) == {
        "information_resource.display_name",
        "information_resource.format",
        "information_resource.update_cycle",
    }
    assert "unknown ResourceFormat value 99" in found["information_resource.format"]


def test_shared_resources_need_a_share_method() -> None:
    found = violations(
        resource(sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_UNCONDITIONAL))
    )
    assert "information_resource.sharing.share_method" in found


def test_conditional_opening_needs_conditions() -> None:
    res = resource()
    res.open_attributes.open_type = c.OPEN_TYPE_CONDITIONAL
    assert "information_resource.open_attributes.conditions" in violations(res)


@pytest.mark.parametrize(
    ("kind", "parent", "ok"),
    [
        (c.ORGANIZATION_KIND_GOVERNMENT, None, True),
        (c.ORGANIZATION_KIND_DEPARTMENT, c.ORGANIZATION_KIND_GOVERNMENT, True),
        (c.ORGANIZATION_KIND_INTERNAL_OFFICE, c.ORGANIZATION_KIND_DEPARTMENT, True),
        (c.ORGANIZATION_KIND_INTERNAL_OFFICE, None, False),
        (c.ORGANIZATION_KIND_GOVERNMENT, c.ORGANIZATION_KIND_DEPARTMENT, False),
        (c.ORGANIZATION_KIND_DEPARTMENT, c.ORGANIZATION_KIND_INTERNAL_OFFICE, False),
    ],
)
def test_tree_positions(kind: int, parent: int | None, ok: bool) -> None:
    if ok:
        rules.check_tree_position(kind, parent)
    else:
        with pytest.raises(InvalidArgument):
            rules.check_tree_position(kind, parent)


def test_request_ids_are_uuids() -> None:
    rules.check_request_id("")
    rules.check_request_id("6f1c2b1e-8a8b-4d0f-9a51-2f0a4c1b9e77")
    with pytest.raises(InvalidArgument):
        rules.check_request_id("retry-1")


def test_only_drafts_and_retired_resources_can_be_deleted() -> None:
    rules.check_deletable(c.RESOURCE_STATE_DRAFT)
    rules.check_deletable(c.RESOURCE_STATE_RETIRED)
    with pytest.raises(FailedPrecondition):
        rules.check_deletable(c.RESOURCE_STATE_PUBLISHED)


def test_conditional_sharing_needs_conditions_and_legal_basis() -> None:
    found = violations(resource(sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_CONDITIONAL)))
    assert {
        "information_resource.sharing.conditions",
        "information_resource.sharing.legal_basis",
    } <= set(found)


def test_not_shared_needs_a_legal_basis() -> None:
    found = violations(resource(sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_NOT_SHARED)))
    assert "information_resource.sharing.legal_basis" in found


def test_classification_code_format() -> None:
    found = violations(
        resource(
            classification=c.Classification(
                category=cm.CLASSIFICATION_CATEGORY_BASE, classification_code="30A"
            )
        )
    )
    assert "6-12 digits" in found["information_resource.classification.classification_code"]


def test_resource_code_prefix_must_be_the_classification_code() -> None:
    rules.check_resource(resource(resource_code="301002/000007"))
    found = violations(resource(resource_code="301003/000007"))
    assert "prefix" in found["information_resource.resource_code"]


def test_duplicate_data_item_names_and_oversize_text() -> None:
    res = resource(abstract="字" * (rules.MAX_TEXT + 1))
    res.data_items.add(name="权利人", type=cm.DATA_ITEM_TYPE_CHARACTER)
    found = violations(res)
    assert "appears twice" in found["information_resource.data_items[1].name"]
    assert "at most 4000" in found["information_resource.abstract"]


def test_resource_code_is_classification_plus_sequence() -> None:
    assert rules.resource_code("301002", 12) == "301002/000012"


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (c.RESOURCE_STATE_DRAFT, c.RESOURCE_STATE_PUBLISHED),
        (c.RESOURCE_STATE_PUBLISHED, c.RESOURCE_STATE_DRAFT),
        (c.RESOURCE_STATE_RETIRED, c.RESOURCE_STATE_PUBLISHED),
    ],
)
def test_forbidden_transitions(current: int, target: int) -> None:
    with pytest.raises(FailedPrecondition):
        rules.check_transition(current, target)


def test_lifecycle_path() -> None:
    path = [
        c.RESOURCE_STATE_DRAFT,
        c.RESOURCE_STATE_SUBMITTED,
        c.RESOURCE_STATE_PUBLISHED,
        c.RESOURCE_STATE_RETIRED,
    ]
    for current, target in itertools.pairwise(path):
        rules.check_transition(current, target)


def org(code: str, override: bool = False) -> c.Organization:
    o = c.Organization(
        display_name="海新区民政局",
        unified_social_credit_code=code,
        kind=c.ORGANIZATION_KIND_DEPARTMENT,
    )
    if override:
        o.credit_code_override.reason = "2014 年试点赋码，经市编办确认有效"
        o.credit_code_override.approved_by = "市数据资源管理局 张三"
    return o


def test_checksum_failures_need_a_recorded_override() -> None:
    pilot = "11100000000013127A"  # right shape, wrong check character
    with pytest.raises(InvalidArgument) as caught:
        rules.check_organization(org(pilot))
    assert caught.value.violations[0].field == "organization.unified_social_credit_code"
    rules.check_organization(org(pilot, override=True))


def test_malformed_codes_are_refused_even_with_override() -> None:
    with pytest.raises(InvalidArgument):
        rules.check_organization(org("1110000000001312", override=True))
