"""Proof planning and generation from stored subtree hashes: a proof reads O(log n) nodes,
only nodes that exist in the tree, and yields exactly the RFC 9162 proof at any size."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Mapping
from functools import cache

import pytest

from govdata.audit import proofs
from govdata.audit.proofs import ProofArgumentError
from govdata_client import merkle

Node = tuple[int, int]
RANDOM = random.Random(9162)  # noqa: S311 (a fixed sample of sizes, not a secret)
BIG = 100_000  # the largest tree hashed below; planning alone goes to 10**6


def bound(size: int) -> int:
    """2 * ceil(log2 size) + 2."""
    return 2 * (size - 1).bit_length() + 2


def planning_sizes() -> list[int]:
    powers = [1 << p for p in range(21)]
    edges = {s + d for s in powers for d in (-1, 0, 1) if s + d > 0}
    return sorted(
        edges | set(range(1, 1025)) | {RANDOM.randrange(1, 10**6 + 1) for _ in range(300)}
    )


def sample_indexes(size: int, count: int) -> set[int]:
    return {0, size - 1} | {RANDOM.randrange(size) for _ in range(count)}


def assert_planned_well(nodes: list[Node], size: int) -> None:
    assert len(nodes) <= bound(size), (size, len(nodes))
    assert len(set(nodes)) == len(nodes)
    for level, index in nodes:
        assert level >= 0 and index >= 0 and (index + 1) << level <= size, (level, index, size)


# ---------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------


def test_root_nodes_are_the_binary_decomposition() -> None:
    assert proofs.root_nodes(0) == []
    assert proofs.root_nodes(1) == [(0, 0)]
    assert proofs.root_nodes(8) == [(3, 0)]
    assert proofs.root_nodes(13) == [(3, 0), (2, 2), (0, 12)]
    for size in planning_sizes():
        nodes = proofs.root_nodes(size)
        assert len(nodes) == size.bit_count()
        assert sum(1 << level for level, _ in nodes) == size
        assert_planned_well(nodes, size)


def test_inclusion_plans_are_logarithmic() -> None:
    for size in planning_sizes():
        for index in sample_indexes(size, 3):
            assert_planned_well(proofs.inclusion_nodes(index, size), size)


def test_consistency_plans_are_logarithmic() -> None:
    for size in planning_sizes():
        firsts = sample_indexes(size, 3) | {size} | {1 << p for p in range(size.bit_length())}
        for first in firsts - {0}:
            assert_planned_well(proofs.consistency_nodes(first, size), size)
    assert proofs.consistency_nodes(7, 7) == []


def test_planning_is_exhaustively_logarithmic_for_small_trees() -> None:
    for size in range(1, 130):
        for index in range(size):
            assert_planned_well(proofs.inclusion_nodes(index, size), size)
            assert_planned_well(proofs.consistency_nodes(index + 1, size), size)


# ---------------------------------------------------------------------------
# Generation against the RFC's definitions at big sizes
# ---------------------------------------------------------------------------


@cache
def ref_mth(a: int, b: int) -> bytes:
    """MTH(D[a:b]) of RFC 9162 §2.1.1, leaf i's entry being the decimal text of i."""
    n = b - a
    if n == 1:
        return hashlib.sha256(b"\x00" + str(a).encode()).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + ref_mth(a, a + k) + ref_mth(a + k, b)).digest()


def ref_path(m: int, a: int, b: int) -> list[bytes]:
    """PATH(m, D[a:b]) of RFC 9162 §2.1.3.1."""
    n = b - a
    if n == 1:
        return []
    k = 1 << ((n - 1).bit_length() - 1)
    if m < k:
        return [*ref_path(m, a, a + k), ref_mth(a + k, b)]
    return [*ref_path(m - k, a + k, b), ref_mth(a, a + k)]


def ref_subproof(m: int, a: int, b: int, whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[a:b], whole) of RFC 9162 §2.1.4.1."""
    n = b - a
    if m == n:
        return [] if whole else [ref_mth(a, b)]
    k = 1 << ((n - 1).bit_length() - 1)
    if m <= k:
        return [*ref_subproof(m, a, a + k, whole), ref_mth(a + k, b)]
    return [*ref_subproof(m - k, a + k, b, False), ref_mth(a, a + k)]


class LazyNodes(Mapping[Node, bytes]):
    """The stored subtree hashes of an unbounded log, computed when first read."""

    def __getitem__(self, node: Node) -> bytes:
        level, index = node
        return ref_mth(index << level, (index + 1) << level)

    def __iter__(self) -> Iterator[Node]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError


LAZY = LazyNodes()


def fetch(nodes: list[Node]) -> dict[Node, bytes]:
    """What storage returns for a plan: those nodes and no others."""
    return {node: LAZY[node] for node in nodes}


def big_sizes() -> list[int]:
    fixed = {4096, 4097, 65_535, 65_536, 65_537, BIG - 1, BIG}
    return sorted(fixed | {RANDOM.randrange(4096, BIG + 1) for _ in range(20)})


def test_big_trees_match_the_reference_and_verify() -> None:
    for size in big_sizes():
        root = proofs.tree_root(size, fetch(proofs.root_nodes(size)))
        assert root == ref_mth(0, size)
        for index in sample_indexes(size, 4):
            proof = proofs.inclusion_proof(index, size, fetch(proofs.inclusion_nodes(index, size)))
            assert proof == ref_path(index, 0, size), (index, size)
            leaf = merkle.leaf_hash(str(index).encode())
            merkle.verify_inclusion(leaf, index, size, proof, root)
        firsts = (sample_indexes(size, 4) - {0}) | {size, 1 << (size.bit_length() - 1)}
        for first in firsts:
            proof = proofs.consistency_proof(
                first, size, fetch(proofs.consistency_nodes(first, size))
            )
            assert proof == ref_subproof(first, 0, size, True), (first, size)
            merkle.verify_consistency(first, size, ref_mth(0, first), root, proof)


def test_empty_tree_root() -> None:
    assert proofs.tree_root(0, {}) == merkle.EMPTY_ROOT


def test_a_missing_node_is_named() -> None:
    nodes = fetch(proofs.inclusion_nodes(5, 13))
    del nodes[(0, 4)]
    with pytest.raises(KeyError, match=r"subtree hash \(0, 4\) was not provided"):
        proofs.inclusion_proof(5, 13, nodes)


# ---------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------

BAD_CALLS = [
    (lambda: proofs.root_nodes(-1), "tree_size"),
    (lambda: proofs.tree_root(-1, {}), "tree_size"),
    (lambda: proofs.root_nodes(True), "tree_size"),
    (lambda: proofs.inclusion_nodes(5, 5), "leaf_index"),
    (lambda: proofs.inclusion_nodes(0, 0), "leaf_index"),
    (lambda: proofs.inclusion_nodes(-1, 5), "leaf_index"),
    (lambda: proofs.inclusion_nodes(0, -5), "tree_size"),
    (lambda: proofs.inclusion_nodes(1.0, 5), "leaf_index"),
    (lambda: proofs.inclusion_proof(9, 8, {}), "leaf_index"),
    (lambda: proofs.consistency_nodes(0, 5), "first_size"),
    (lambda: proofs.consistency_nodes(0, 0), "first_size"),
    (lambda: proofs.consistency_nodes(-1, 5), "first_size"),
    (lambda: proofs.consistency_nodes(6, 5), "second_size"),
    (lambda: proofs.consistency_nodes(1, -1), "second_size"),
    (lambda: proofs.consistency_nodes(1, "5"), "second_size"),
    (lambda: proofs.consistency_proof(0, 3, {}), "first_size"),
    (lambda: proofs.consistency_proof(4, 3, {}), "second_size"),
]


@pytest.mark.parametrize(("call", "argument"), BAD_CALLS)
def test_bad_arguments_name_the_argument(call: object, argument: str) -> None:
    with pytest.raises(ValueError, match=f"^{argument}: ") as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, ProofArgumentError)
    assert caught.value.argument == argument
    assert caught.value.description


def test_equal_sizes_have_an_empty_consistency_proof() -> None:
    assert proofs.consistency_proof(3, 3, {}) == []
