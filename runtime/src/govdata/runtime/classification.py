"""The classification trees of information resources (信息资源分类: 基础/主题/部门), as data.

The trees live in a versioned file (``data/classification.yaml``, shipped with the shared
runtime package: the catalogue validates codes against it, search browses by it), not in
code: the data authority extends them without a release of the logic. A code is 类
(1 digit, the category) + 项 (2) + 目 (3) + optional 细目; every node's code extends its
parent's. What callers rely on:

* ``problem(category, code)`` — why a code cannot classify a resource of that category (not a
  node of the category's tree, or a node of another category's), or None;
* ``path(code)`` — the display names from 类 down to the code, e.g. ["基础信息资源", "人口",
  "户籍"], which the service writes into ``Classification.path``.

The file is checked when loaded (codes unique, quoted digits, each extending its parent by
the right number of digits, names present): a malformed file stops the process at start.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from gov.common.v1 import common_pb2
from govdata.runtime import datafile

# Digits each level adds to its parent's code: 项 2, 目 3, 细目 3.
LEVEL_DIGITS = (2, 3, 3)
CATEGORY_NAMES = {
    number: common_pb2.ClassificationCategory.Name(number)
    for number in common_pb2.ClassificationCategory.values()
    if number
}


class ClassificationFileError(ValueError):
    """The classification file is malformed; the message names the node."""


@dataclass(frozen=True)
class Node:
    """One node of a tree: its full code, its name and its parent's code ("" for a 类)."""

    code: str
    name: str
    parent: str


class ClassificationTree:
    """The three trees of one version of the classification file."""

    def __init__(self, version: str, nodes: Mapping[str, Node]) -> None:
        self.version = version
        self._nodes = dict(nodes)

    def node(self, code: str) -> Node | None:
        return self._nodes.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(self._nodes.values())

    def path(self, code: str) -> list[str]:
        """Display names from 类 down to ``code``; empty for an unknown code."""
        names: list[str] = []
        node = self._nodes.get(code)
        while node is not None:
            names.append(node.name)
            node = self._nodes.get(node.parent)
        return names[::-1]

    def known(self, code: str) -> Node | None:
        """The node of ``code``, or of its longest prefix in the trees (a code of a newer
        tree version than this service's still counts towards the nodes above it)."""
        for end in range(len(code), 0, -1):
            node = self._nodes.get(code[:end])
            if node is not None:
                return node
        return None

    def totals(self, counts: Iterable[tuple[str, int]]) -> Counter[str]:
        """Counts per code added up the tree: a node's total includes every node below."""
        totals: Counter[str] = Counter()
        for code, count in counts:
            node = self.known(code)
            while node is not None:
                totals[node.code] += count
                node = self._nodes.get(node.parent) if node.parent else None
        return totals

    def children(self, code: str) -> list[Node]:
        """The nodes directly below ``code`` ("" for the three categories), in file order."""
        return [node for node in self._nodes.values() if node.parent == code]

    def problem(self, category: int, code: str) -> str | None:
        """Why ``code`` cannot classify a resource of ``category``, or None when it can."""
        category_name = CATEGORY_NAMES.get(category)
        if category_name is None:
            return None  # the category's own check reports it
        root = self._nodes.get(str(category))
        where = f"{category_name} ({root.name})" if root else category_name
        if code not in self._nodes:
            return (
                f"{code!r} is not in the classification tree of {where} "
                f"(classification version {self.version})"
            )
        if not code.startswith(str(category)):
            other = CATEGORY_NAMES.get(int(code[0]), code[0])
            return (
                f"{code!r} ({'/'.join(self.path(code))}) belongs to {other}, not to {where}; "
                "the category is the first digit of the code"
            )
        return None


def parse(data: Any) -> ClassificationTree:
    """The tree described by the loaded YAML ``data``; ClassificationFileError if malformed."""
    if not isinstance(data, dict):
        raise ClassificationFileError("the classification file must be a mapping")
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise ClassificationFileError("the classification file needs a version (a string)")
    categories = data.get("categories")
    if not isinstance(categories, list) or not categories:
        raise ClassificationFileError("the classification file needs a list of categories")
    nodes: dict[str, Node] = {}

    def add(entry: Any, parent: str, depth: int) -> None:
        if not isinstance(entry, dict):
            raise ClassificationFileError(f"a node under {parent or 'the root'} is not a mapping")
        code, name = entry.get("code"), entry.get("name")
        if not isinstance(code, str) or not re.fullmatch(r"[0-9]+", code):
            raise ClassificationFileError(
                f"node {code!r} under {parent or 'the root'}: the code must be quoted digits"
            )
        if not isinstance(name, str) or not name.strip():
            raise ClassificationFileError(f"node {code}: the name is missing")
        if depth == 0:
            if len(code) != 1 or int(code) not in CATEGORY_NAMES:
                raise ClassificationFileError(
                    f"category {code}: must be one digit of ClassificationCategory "
                    f"({', '.join(str(n) for n in sorted(CATEGORY_NAMES))})"
                )
        else:
            if depth > len(LEVEL_DIGITS):
                raise ClassificationFileError(f"node {code}: deeper than 类/项/目/细目")
            digits = LEVEL_DIGITS[depth - 1]
            if not code.startswith(parent) or len(code) != len(parent) + digits:
                raise ClassificationFileError(
                    f"node {code}: must be its parent's code {parent} and {digits} more digits"
                )
        if code in nodes:
            raise ClassificationFileError(f"node {code} appears twice")
        nodes[code] = Node(code, name.strip(), parent)
        children = entry.get("children", [])
        if not isinstance(children, list):
            raise ClassificationFileError(f"node {code}: children must be a list")
        for child in children:
            add(child, code, depth + 1)

    for category in categories:
        add(category, "", 0)
    return ClassificationTree(version, nodes)


def load(path: str | Path | None = None) -> ClassificationTree:
    """Load a classification file; the packaged one when ``path`` is None."""
    return parse(
        datafile.load_yaml(
            "govdata.runtime",
            "data/classification.yaml",
            path,
            ClassificationFileError,
            "the classification file",
        )
    )


@lru_cache(maxsize=1)
def default_tree() -> ClassificationTree:
    """The packaged trees, loaded once per process."""
    return load()
