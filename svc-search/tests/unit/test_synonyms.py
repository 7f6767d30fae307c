"""The government synonym list: its file's rules and the query variants it gives."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gov.search.v1 import search_pb2 as s
from govdata.runtime.config import ConfigError
from govdata.search import query, synonyms
from govdata.search.api_main import register
from govdata.search.synonyms import SynonymFileError, Synonyms, parse

LIST = Synonyms("t", (("最低生活保障", "低保"), ("户籍", "户口"), ("市场监管", "工商")))


def test_the_packaged_list_loads_with_its_version_and_the_groups_the_issue_names() -> None:
    packaged = synonyms.load()
    assert packaged.version
    for pair in (("户口", "户籍"), ("低保", "最低生活保障"), ("公积金", "住房公积金")):
        assert any(set(pair) <= set(group) for group in packaged.groups), pair
    assert any({"工商", "市场监管"} <= set(group) for group in packaged.groups)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("低保", ["最低生活保障"]),
        ("最低生活保障对象", ["低保对象"]),  # the longer word is read, not the 低保 in it
        ("户口迁移", ["户籍迁移"]),
        ("户口 工商", ["户籍 工商", "户口 市场监管"]),
        ("不动产", []),
        ("低保低保", ["最低生活保障低保", "低保最低生活保障"]),
    ],
)
def test_variants_replace_each_group_word_found(text: str, expected: list[str]) -> None:
    assert LIST.variants(text) == expected


def test_variants_are_bounded() -> None:
    many = Synonyms("t", tuple((f"词{i}", f"同{i}", f"近{i}") for i in range(20)))
    text = "".join(f"词{i}" for i in range(20))
    assert len(many.variants(text)) == synonyms.MAX_VARIANTS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a mapping"),
        ({"version": "", "groups": [["a", "b"]]}, "version"),
        ({"version": "1", "groups": []}, "groups: must be a non-empty list"),
        ({"version": "1", "groups": [["a"]]}, r"groups\[0\]: must list at least two"),
        ({"version": "1", "groups": [["a", " b"]]}, r"groups\[0\]\[1\]"),
        ({"version": "1", "groups": [["a", "b"], ["c", "a"]]}, "already in groups"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_place(data, message: str) -> None:
    with pytest.raises(SynonymFileError, match=message):
        parse(data)


def test_the_query_searches_the_variants_below_the_words_typed(scored) -> None:
    body, _, _ = query.build(s.SearchRequest(query="低保"), smart=False, synonyms=LIST)
    phrases = {
        clause["match_phrase"]["display_name"]["query"]: clause["match_phrase"]["display_name"][
            "boost"
        ]
        for clause in scored(body)["bool"]["should"]
        if "display_name" in clause.get("match_phrase", {})
    }
    assert phrases["低保"] > phrases["最低生活保障"] > 0


def test_the_api_refuses_to_start_on_a_malformed_list(tmp_path) -> None:
    bad = tmp_path / "synonyms.yaml"
    bad.write_text('version: "1"\ngroups:\n  - [低保, 低保]\n', encoding="utf-8")
    deps = SimpleNamespace(settings=SimpleNamespace(synonyms_file=str(bad)))
    with pytest.raises(ConfigError, match=r"GOVDATA_SYNONYMS_FILE: groups\[0\]\[1\]"):
        register(None, deps)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="GOVDATA_SYNONYMS_FILE"):
        register(None, SimpleNamespace(settings=SimpleNamespace(synonyms_file="/no/such")))  # type: ignore[arg-type]
