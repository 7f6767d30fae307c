"""Reading the registry seed file: every malformed file is refused with a clear message."""

from __future__ import annotations

import json

import pytest

from govdata.catalog import registry_seed
from govdata.runtime import devpki, policy
from govdata.runtime.config import ConfigError

ROLES = frozenset(policy.load().roles)


def entry(system_id: str = "govdata-admin", **fields) -> dict:
    system = {
        "displayName": "平台管理",
        "certificateSubject": system_id,
        "organization": "organizations/hx-dsjzx",
        "roles": ["platform_admin"],
        **fields,
    }
    return {"callingSystemId": system_id, "callingSystem": system}


def parse(data) -> list[registry_seed.SeedEntry]:
    text = data if isinstance(data, str) else json.dumps(data)
    return registry_seed.parse(text, "/etc/govdata/seed.json", ROLES)


def test_the_development_seed_is_accepted() -> None:
    entries = parse(devpki.seed_registry())
    assert entries[0].calling_system_id == devpki.ADMIN
    assert list(entries[0].calling_system.roles) == ["platform_admin"]
    assert {e.calling_system.organization for e in entries} == {devpki.PLATFORM_ORGANIZATION}


def test_proto_field_names_and_enum_names_are_accepted() -> None:
    [parsed] = parse(
        {
            "callingSystems": [
                {
                    "callingSystemId": "portal",
                    "callingSystem": {
                        "display_name": "门户",
                        "certificate_subject": "portal",
                        "organization": "organizations/hx-dsjzx",
                        "roles": ["catalog_reader"],
                        "state": "CALLING_SYSTEM_STATE_SUSPENDED",
                        "rateLimitPerSecond": 5,
                    },
                }
            ]
        }
    )
    assert parsed.calling_system.state == 2 and parsed.calling_system.rate_limit_per_second == 5


def test_an_empty_list_is_a_valid_seed() -> None:
    assert parse({"callingSystems": []}) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("{not json", "not valid JSON"),
        ([], '"callingSystems"'),
        ({"systems": []}, '"callingSystems"'),
        ({"callingSystems": {}}, "must be a list"),
        ({"callingSystems": ["x"]}, "callingSystems[0]"),
        ({"callingSystems": [{"callingSystemId": "a"}]}, "callingSystems[0]"),
        ({"callingSystems": [{**entry(), "extra": 1}]}, "callingSystems[0]"),
        ({"callingSystems": [{**entry(), "callingSystemId": 7}]}, "callingSystemId"),
        ({"callingSystems": [{**entry(), "callingSystem": []}]}, "not a CallingSystem"),
        ({"callingSystems": [entry(colour="red")]}, "not a CallingSystem"),
        ({"callingSystems": [entry(roles="platform_admin")]}, "not a CallingSystem"),
        ({"callingSystems": [entry(roles=["root"])]}, "calling_system.roles[0]"),
        ({"callingSystems": [entry(roles=[])]}, "calling_system.roles"),
        ({"callingSystems": [entry("Admin")]}, "calling_system_id"),
        ({"callingSystems": [entry(organization="hx")]}, "calling_system.organization"),
        ({"callingSystems": [entry(certificateSubject="a b")]}, "certificate_subject"),
        (
            {"callingSystems": [entry(), entry("x"), entry()]},
            "callingSystems[2]: calling system id",
        ),
        (
            {"callingSystems": [entry(), entry("other", certificateSubject="govdata-admin")]},
            "certificate subject 'govdata-admin' is listed twice",
        ),
    ],
)
def test_malformed_seeds_are_refused_naming_the_problem(data, words) -> None:
    with pytest.raises(ConfigError) as caught:
        parse(data)
    message = str(caught.value)
    assert message.startswith("GOVDATA_REGISTRY_SEED_FILE=/etc/govdata/seed.json: ")
    assert words in message


def test_an_unreadable_file_is_refused(tmp_path) -> None:
    with pytest.raises(ConfigError) as caught:
        registry_seed.load(str(tmp_path / "missing.json"), ROLES)
    assert "cannot read it" in str(caught.value)
    binary = tmp_path / "seed.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError) as caught:
        registry_seed.load(str(binary), ROLES)
    assert "not UTF-8" in str(caught.value)
