import pytest

from govdata.catalog import credit_code


def make(first16: str) -> str:
    """A valid code from 16 characters: add the GB 11714 and GB 32100 check characters."""
    first17 = first16 + credit_code.organization_code_check(first16[8:16])
    return first17 + credit_code.check_character(first17)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example printed in GB 32100 guidance
        "11100000000013127D",  # a central government body
        make("1244010049362870"),
    ],
)
def test_valid_codes(code: str) -> None:
    assert credit_code.problem(code) is None


def test_weights_are_powers_of_three_mod_31() -> None:
    assert credit_code._WEIGHTS[:6] == [1, 3, 9, 27, 19, 26]


def test_wrong_check_character_is_checksum_only() -> None:
    good = make("1244010049362870")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    found = credit_code.problem(bad)
    assert found is not None and found.checksum_only
    assert "18th" in found.description


def test_wrong_organization_code_check() -> None:
    good = make("1244010049362870")
    org_check = "1" if good[16] != "1" else "2"
    first17 = good[:16] + org_check
    bad = first17 + credit_code.check_character(first17)
    found = credit_code.problem(bad)
    assert found is not None and found.checksum_only and "GB 11714" in found.description


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("9135010", "18 characters"),
        ("91350100M000100YI3", "not allowed"),
        ("9135010OM000100Y43", "not allowed"),
        ("91AB0100M000100Y43", "division"),
    ],
)
def test_malformed_codes_cannot_be_overridden(code: str, words: str) -> None:
    found = credit_code.problem(code)
    assert found is not None and not found.checksum_only and words in found.description
