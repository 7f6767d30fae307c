"""Validation of calling systems (the registry), without any server."""

from __future__ import annotations

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import rules
from govdata.runtime.errors import InvalidArgument

ROLES = frozenset({"platform_admin", "catalog_editor", "auditor"})


def system(**changes) -> c.CallingSystem:
    value = c.CallingSystem(
        display_name="民政局低保业务系统",
        certificate_subject="mz-dibao.hx_01",
        organization="organizations/minzheng",
        roles=["catalog_editor"],
    )
    for key, field_value in changes.items():
        if key == "roles":
            del value.roles[:]
            value.roles.extend(field_value)
        else:
            setattr(value, key, field_value)
    return value


def violations(value: c.CallingSystem) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as caught:
        rules.check_calling_system(value, ROLES)
    return {v.field: v.description for v in caught.value.violations}


def test_a_complete_system_passes() -> None:
    rules.check_calling_system(
        system(
            state=c.CALLING_SYSTEM_STATE_SUSPENDED,
            rate_limit_per_second=12.5,
            information_system="organizations/minzheng/systems/dibao",
        ),
        ROLES,
    )
    rules.check_calling_system(system(certificate_subject="A" * 64), ROLES)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"display_name": ""}, "calling_system.display_name"),
        ({"display_name": "长" * 201}, "calling_system.display_name"),
        ({"certificate_subject": ""}, "calling_system.certificate_subject"),
        ({"certificate_subject": "a" * 65}, "calling_system.certificate_subject"),
        ({"certificate_subject": "CN=mz dibao"}, "calling_system.certificate_subject"),
        ({"certificate_subject": "民政"}, "calling_system.certificate_subject"),
        ({"organization": ""}, "calling_system.organization"),
        ({"organization": "organizations/Min Zheng"}, "calling_system.organization"),
        ({"organization": "organizations/minzheng/resources/x"}, "calling_system.organization"),
        ({"roles": []}, "calling_system.roles"),
        ({"roles": ["catalog_editor", "root"]}, "calling_system.roles[1]"),
        ({"roles": ["auditor", "auditor"]}, "calling_system.roles[1]"),
        ({"roles": ["auditor"] * 101}, "calling_system.roles"),
        ({"state": 9}, "calling_system.state"),
        ({"rate_limit_per_second": -1.0}, "calling_system.rate_limit_per_second"),
        ({"rate_limit_per_second": 100_001.0}, "calling_system.rate_limit_per_second"),
        ({"rate_limit_per_second": float("nan")}, "calling_system.rate_limit_per_second"),
        ({"rate_limit_per_second": float("inf")}, "calling_system.rate_limit_per_second"),
        ({"information_system": "systems/dibao"}, "calling_system.information_system"),
        (
            {"information_system": "organizations/minzheng/resources/x"},
            "calling_system.information_system",
        ),
    ],
)
def test_each_bad_field_is_named(changes, field) -> None:
    assert field in violations(system(**changes))


def test_every_problem_is_reported_at_once() -> None:
    found = violations(system(display_name="", certificate_subject="", roles=[]))
    assert set(found) == {
        "calling_system.display_name",
        "calling_system.certificate_subject",
        "calling_system.roles",
    }


def test_unspecified_state_is_left_to_create() -> None:
    rules.check_calling_system(system(state=c.CALLING_SYSTEM_STATE_UNSPECIFIED), ROLES)


def test_unknown_role_lists_the_policy_roles() -> None:
    [description] = violations(system(roles=["root"])).values()
    assert "auditor, catalog_editor, platform_admin" in description
