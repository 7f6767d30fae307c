import pytest

from govdata.runtime import policy, privacy
from govdata.runtime.context import CallContext
from govdata.runtime.policy import PolicyError

BASE = """
version: "t1"
roles: {reader: r, editor: e}
conditions: {own_organization: o}
services:
  pkg.Svc:
    Get: {allow: [reader, editor]}
    Put:
      personal_data: true
      allow:
        - {role: editor, if: own_organization, reveal: [name]}
"""


def test_the_shipped_policy_parses() -> None:
    shipped = policy.load()
    assert shipped.version and "platform_admin" in shipped.roles


def test_entries_parse_into_rules() -> None:
    parsed = policy.parse(BASE)
    put = parsed.method("/pkg.Svc/Put")
    assert put is not None and put.personal_data
    assert put.rules == (policy.Rule("editor", "own_organization", frozenset({privacy.NAME})),)
    assert [r.role for r in parsed.methods["pkg.Svc/Get"].rules_for({"reader"})] == ["reader"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[reader, editor]", "[reader, ghost]"), "unknown role 'ghost'"),
        (("if: own_organization", "if: nearby"), "unknown condition 'nearby'"),
        (("reveal: [name]", "reveal: [shoe_size]"), "reveal lists kinds"),
        (("{allow: [reader, editor]}", "{allow: []}"), "at least one entry"),
        (("{allow: [reader, editor]}", "{allow: [reader], deny: [editor]}"), "expected allow"),
        (('version: "t1"', "version: "), "needs a version"),
        (("services:", "servises:"), "unknown top-level keys"),
    ],
)
def test_mistakes_are_named(change: tuple[str, str], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        policy.parse(BASE.replace(*change))


def test_a_missing_method_is_reported() -> None:
    with pytest.raises(PolicyError, match=r"pkg\.Svc/Delete"):
        policy.parse(BASE).check_covers(["pkg.Svc/Get", "pkg.Svc/Delete"])


def test_a_condition_nobody_provides_never_holds() -> None:
    conditions = policy.Conditions()
    reason = conditions.check("own_organization", None, CallContext())  # type: ignore[arg-type]
    assert reason and "cannot be checked" in reason
    conditions.provide("own_organization", lambda request, caller: None)
    assert conditions.check("own_organization", None, CallContext()) is None  # type: ignore[arg-type]
