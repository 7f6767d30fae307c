"""The classification trees as data: the packaged file, its checks, and the resource rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import rules
from govdata.runtime import classification
from govdata.runtime.classification import ClassificationFileError
from govdata.runtime.errors import InvalidArgument

REPO = Path(__file__).resolve().parents[3]
BASE, THEME, DEPARTMENT = (
    cm.CLASSIFICATION_CATEGORY_BASE,
    cm.CLASSIFICATION_CATEGORY_THEME,
    cm.CLASSIFICATION_CATEGORY_DEPARTMENT,
)


def test_the_packaged_trees_are_versioned_and_hold_the_three_categories() -> None:
    tree = classification.default_tree()
    assert tree.version
    assert [node.name for node in tree.children("")] == [
        "基础信息资源",
        "主题信息资源",
        "部门信息资源",
    ]
    # The base libraries of the guideline: population, legal persons, spatial, credit, licences.
    assert [node.name for node in tree.children("1")] == [
        "人口",
        "法人",
        "自然资源和空间地理",
        "社会信用",
        "电子证照",
    ]
    assert tree.path("203001001") == ["主题信息资源", "社会保障", "社会救助", "最低生活保障"]
    assert tree.path("999999") == []


def test_every_code_the_demo_catalogue_uses_is_in_its_category_tree_with_its_path() -> None:
    demo = json.loads((REPO / "scripts" / "demo_catalogue.json").read_text(encoding="utf-8"))
    tree = classification.default_tree()
    for entry in demo["informationResources"]:
        cls = entry["informationResource"]["classification"]
        category = cm.ClassificationCategory.Value(cls["category"])
        assert tree.problem(category, cls["classificationCode"]) is None, cls
        assert tree.path(cls["classificationCode"]) == cls["path"]


@pytest.mark.parametrize(
    ("category", "code", "ok"),
    [
        (BASE, "101001", True),
        (THEME, "203001", True),
        (THEME, "203001001", True),
        (DEPARTMENT, "301002", True),
        (BASE, "301002", False),  # a department code under the base category
        (BASE, "101999", False),  # not a node
        (DEPARTMENT, "302002009", False),
    ],
)
def test_problem(category: int, code: str, ok: bool) -> None:
    assert (classification.default_tree().problem(category, code) is None) is ok


def resource(category: int, code: str) -> c.InformationResource:
    return c.InformationResource(
        display_name="价格监测信息",
        abstract="重要商品价格",
        format=cm.RESOURCE_FORMAT_DATABASE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
        classification=c.Classification(category=category, classification_code=code),
        sharing=c.SharingAttributes(
            share_type=cm.SHARE_TYPE_UNCONDITIONAL, share_method=cm.SHARE_METHOD_INTERFACE
        ),
    )


def test_a_resource_needs_a_code_of_its_category_tree() -> None:
    rules.check_resource(resource(DEPARTMENT, "301002"))
    for category, code, words in (
        (BASE, "301002", "belongs to CLASSIFICATION_CATEGORY_DEPARTMENT"),
        (BASE, "109001", "is not in the classification tree of CLASSIFICATION_CATEGORY_BASE"),
    ):
        with pytest.raises(InvalidArgument) as caught:
            rules.check_resource(resource(category, code))
        [violation] = caught.value.violations
        assert violation.field == "information_resource.classification.classification_code"
        assert words in violation.description


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("categories: []", "version"),
        ("version: '1'\ncategories: []", "list of categories"),
        ("version: '1'\ncategories: [{code: 1, name: 基础}]", "quoted digits"),
        ("version: '1'\ncategories: [{code: '4', name: 其他}]", "one digit"),
        (
            "version: '1'\ncategories: [{code: '1', name: 基础, children: "
            "[{code: '1001', name: x}]}]",
            "2 more digits",
        ),
        (
            "version: '1'\ncategories: [{code: '1', name: 基础, children: "
            "[{code: '101', name: 人口}, {code: '101', name: 人口}]}]",
            "twice",
        ),
        ("version: '1'\ncategories: [{code: '1', name: ''}]", "name is missing"),
        ("version: [", "not YAML"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_problem(tmp_path, text: str, words: str) -> None:
    path = tmp_path / "classification.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClassificationFileError, match=words):
        classification.load(path)
