"""The client's RFC 9162 hashing and verifiers, and the service's proof generation, against the
reference test vectors and against a reference written straight from the RFC's definitions:
the two sides of the audit log must agree on every proof, and no altered proof may pass."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache

import pytest

from govdata.audit import proofs
from govdata_client import merkle
from govdata_client.merkle import ProofError

# The 8 leaves and roots used by every RFC 6962 implementation's tests (Certificate
# Transparency, transparency-dev/merkle proof/verify_test.go).
VECTOR_LEAVES = [
    bytes.fromhex(text)
    for text in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
VECTOR_ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}
# (zero-based leaf index, tree size) -> audit path (the reference lists one-based leaves).
VECTOR_INCLUSION = {
    (0, 1): [],
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 3): ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    (1, 5): [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}
VECTOR_CONSISTENCY = {
    (1, 1): [],
    (1, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
    (6, 7): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}

MAX_SIZE = 200
SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def unhex(hashes: list[str]) -> list[bytes]:
    return [bytes.fromhex(h) for h in hashes]


def all_nodes(leaf_hashes: list[bytes]) -> dict[tuple[int, int], bytes]:
    """Every complete aligned subtree of the leaves, as the service stores them."""
    nodes = {(0, i): h for i, h in enumerate(leaf_hashes)}
    level, width = 0, len(leaf_hashes)
    while width > 1:
        for i in range(width // 2):
            nodes[(level + 1, i)] = merkle.node_hash(
                nodes[(level, 2 * i)], nodes[(level, 2 * i + 1)]
            )
        level, width = level + 1, width // 2
    return nodes


# ---------------------------------------------------------------------------
# Reference: RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 over the list of leaves, recursively.
# D[a:b] is written as the range (a, b) of LEAVES so sub-results can be cached.
# ---------------------------------------------------------------------------

LEAVES = [f"audit record {i}".encode() for i in range(MAX_SIZE)]


def largest_power_of_two_below(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


@cache
def ref_mth(a: int, b: int) -> bytes:
    """MTH(D[a:b])."""
    n = b - a
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + LEAVES[a]).digest()
    k = largest_power_of_two_below(n)
    return hashlib.sha256(b"\x01" + ref_mth(a, a + k) + ref_mth(a + k, b)).digest()


def ref_path(m: int, a: int, b: int) -> list[bytes]:
    """PATH(m, D[a:b])."""
    n = b - a
    if n == 1:
        return []
    k = largest_power_of_two_below(n)
    if m < k:
        return [*ref_path(m, a, a + k), ref_mth(a + k, b)]
    return [*ref_path(m - k, a + k, b), ref_mth(a, a + k)]


def ref_subproof(m: int, a: int, b: int, whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[a:b], whole)."""
    n = b - a
    if m == n:
        return [] if whole else [ref_mth(a, b)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return [*ref_subproof(m, a, a + k, whole), ref_mth(a + k, b)]
    return [*ref_subproof(m - k, a + k, b, False), ref_mth(a, a + k)]


NODES = all_nodes([merkle.leaf_hash(entry) for entry in LEAVES])


def planned(nodes: list[tuple[int, int]], tree_size: int) -> dict[tuple[int, int], bytes]:
    """Only the nodes planned, after checking each lies wholly inside the tree."""
    for level, index in nodes:
        assert (index + 1) << level <= tree_size, (level, index, tree_size)
    return {node: NODES[node] for node in nodes}


def root(size: int) -> bytes:
    return ref_mth(0, size)


# ---------------------------------------------------------------------------
# Hashing and the known vectors
# ---------------------------------------------------------------------------


def test_hashes_are_domain_separated_sha256() -> None:
    assert merkle.EMPTY_ROOT.hex() == VECTOR_ROOTS[0]
    assert merkle.leaf_hash(b"x") == hashlib.sha256(b"\x00x").digest()
    assert (
        merkle.node_hash(b"l" * 32, b"r" * 32)
        == hashlib.sha256(b"\x01" + b"l" * 32 + b"r" * 32).digest()
    )


def test_roots_of_the_vectors() -> None:
    leaf_hashes = [merkle.leaf_hash(leaf) for leaf in VECTOR_LEAVES]
    nodes = all_nodes(leaf_hashes)
    for size, expected in VECTOR_ROOTS.items():
        assert merkle.root_from_leaf_hashes(leaf_hashes[:size]).hex() == expected
        assert (
            proofs.tree_root(size, {n: nodes[n] for n in proofs.root_nodes(size)}).hex() == expected
        )


@pytest.mark.parametrize(("leaf_index", "tree_size"), list(VECTOR_INCLUSION))
def test_inclusion_vectors(leaf_index: int, tree_size: int) -> None:
    leaf_hashes = [merkle.leaf_hash(leaf) for leaf in VECTOR_LEAVES]
    expected = unhex(VECTOR_INCLUSION[(leaf_index, tree_size)])
    nodes = all_nodes(leaf_hashes)
    assert proofs.inclusion_proof(leaf_index, tree_size, nodes) == expected
    root_hash = bytes.fromhex(VECTOR_ROOTS[tree_size])
    leaf = leaf_hashes[leaf_index]
    assert merkle.root_from_inclusion_proof(leaf, leaf_index, tree_size, expected) == root_hash
    merkle.verify_inclusion(leaf, leaf_index, tree_size, expected, root_hash)


@pytest.mark.parametrize(("first_size", "second_size"), list(VECTOR_CONSISTENCY))
def test_consistency_vectors(first_size: int, second_size: int) -> None:
    nodes = all_nodes([merkle.leaf_hash(leaf) for leaf in VECTOR_LEAVES])
    expected = unhex(VECTOR_CONSISTENCY[(first_size, second_size)])
    assert proofs.consistency_proof(first_size, second_size, nodes) == expected
    merkle.verify_consistency(
        first_size,
        second_size,
        bytes.fromhex(VECTOR_ROOTS[first_size]),
        bytes.fromhex(VECTOR_ROOTS[second_size]),
        expected,
    )


# ---------------------------------------------------------------------------
# Every size up to MAX_SIZE against the reference
# ---------------------------------------------------------------------------


def test_iterative_root_matches_the_recursive_definition() -> None:
    leaf_hashes = [merkle.leaf_hash(entry) for entry in LEAVES]
    for size in range(MAX_SIZE + 1):
        assert merkle.root_from_leaf_hashes(leaf_hashes[:size]) == root(size)
        assert proofs.tree_root(size, planned(proofs.root_nodes(size), size)) == root(size)


def test_every_inclusion_proof_matches_the_reference_and_verifies() -> None:
    for size in range(1, MAX_SIZE + 1):
        root_hash = root(size)
        for index in range(size):
            proof = proofs.inclusion_proof(
                index, size, planned(proofs.inclusion_nodes(index, size), size)
            )
            assert proof == ref_path(index, 0, size), (index, size)
            merkle.verify_inclusion(NODES[(0, index)], index, size, proof, root_hash)


def test_every_consistency_proof_matches_the_reference_and_verifies() -> None:
    for second in range(1, MAX_SIZE + 1):
        for first in range(1, second + 1):
            proof = proofs.consistency_proof(
                first, second, planned(proofs.consistency_nodes(first, second), second)
            )
            assert proof == ref_subproof(first, 0, second, True), (first, second)
            merkle.verify_consistency(first, second, root(first), root(second), proof)


# ---------------------------------------------------------------------------
# Altered proofs fail
# ---------------------------------------------------------------------------


def flipped(proof: list[bytes], position: int) -> list[bytes]:
    altered = list(proof)
    altered[position] = bytes([altered[position][0] ^ 8]) + altered[position][1:]
    return altered


def inclusion_verifies(
    leaf: bytes, index: int, size: int, proof: list[bytes], root_hash: bytes
) -> bool:
    try:
        merkle.verify_inclusion(leaf, index, size, proof, root_hash)
    except ProofError:
        return False
    return True


def consistency_verifies(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: list[bytes]
) -> bool:
    try:
        merkle.verify_consistency(first, second, first_root, second_root, proof)
    except ProofError:
        return False
    return True


def inclusion_probes(
    leaf: bytes, index: int, size: int, proof: list[bytes], root_hash: bytes
) -> Iterator[tuple[str, bytes, int, int, list[bytes], bytes]]:
    """Every alteration of a good inclusion proof's arguments, named."""
    yield "wrong leaf", SOME_HASH, index, size, proof, root_hash
    yield "wrong root", leaf, index, size, proof, SOME_HASH
    yield "empty-tree root", leaf, index, size, proof, merkle.EMPTY_ROOT
    yield "index + 1", leaf, index + 1, size, proof, root_hash
    yield "index ^ 2", leaf, index ^ 2, size, proof, root_hash
    if index > 0:
        yield "index - 1", leaf, index - 1, size, proof, root_hash
    yield "size * 2", leaf, index, size * 2, proof, root_hash
    yield "size / 2", leaf, index, size // 2, proof, root_hash
    yield "size - 1 and its root", leaf, index, size - 1, proof, root(size - 1)
    yield "size + 1 and its root", leaf, index, size + 1, proof, root(size + 1)
    yield "extended with the root", leaf, index, size, [*proof, root_hash], root_hash
    yield "extended with nothing", leaf, index, size, [*proof, b""], root_hash
    yield "preceded by the root", leaf, index, size, [root_hash, *proof], root_hash
    if proof:
        yield "truncated", leaf, index, size, proof[:-1], root_hash
        yield "first hash dropped", leaf, index, size, proof[1:], root_hash
    if len(proof) > 1:
        yield "hash inserted", leaf, index, size, [proof[0], SOME_HASH, *proof[1:]], root_hash
    for position in range(len(proof)):
        yield f"bit flipped in [{position}]", leaf, index, size, flipped(proof, position), root_hash


def consistency_probes(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: list[bytes]
) -> Iterator[tuple[str, int, int, bytes, bytes, list[bytes]]]:
    """Every alteration of a good consistency proof's arguments, named (0 < first < second)."""
    yield "first - 1", first - 1, second, first_root, second_root, proof
    yield "first + 1", first + 1, second, first_root, second_root, proof
    yield "first ^ 2", first ^ 2, second, first_root, second_root, proof
    yield "second * 2", first, second * 2, first_root, second_root, proof
    yield "second / 2", first, second // 2, first_root, second_root, proof
    yield "wrong first root", first, second, SOME_HASH, second_root, proof
    yield "wrong second root", first, second, first_root, SOME_HASH, proof
    yield "swapped roots", first, second, second_root, first_root, proof
    yield "empty proof", first, second, first_root, second_root, []
    yield "truncated", first, second, first_root, second_root, proof[:-1]
    yield "first hash dropped", first, second, first_root, second_root, proof[1:]
    yield "extended with first root", first, second, first_root, second_root, [*proof, first_root]
    yield "extended with second root", first, second, first_root, second_root, [*proof, second_root]
    yield "extended with nothing", first, second, first_root, second_root, [*proof, b""]
    yield "preceded by first root", first, second, first_root, second_root, [first_root, *proof]
    yield "preceded by proof[0]", first, second, first_root, second_root, [proof[0], *proof]
    for position in range(len(proof)):
        altered = flipped(proof, position)
        yield f"bit flipped in [{position}]", first, second, first_root, second_root, altered


NEGATIVE_SIZES = range(1, 65)


def test_altered_inclusion_proofs_fail() -> None:
    for size in NEGATIVE_SIZES:
        for index in range(size):
            good = (NODES[(0, index)], index, size, ref_path(index, 0, size), root(size))
            assert inclusion_verifies(*good)
            passed = [name for name, *args in inclusion_probes(*good) if inclusion_verifies(*args)]
            assert passed == [], (index, size, passed)


def test_altered_consistency_proofs_fail() -> None:
    for second in NEGATIVE_SIZES:
        for first in range(1, second):
            good = (first, second, root(first), root(second), ref_subproof(first, 0, second, True))
            assert consistency_verifies(*good)
            passed = [
                name for name, *args in consistency_probes(*good) if consistency_verifies(*args)
            ]
            assert passed == [], (first, second, passed)


def test_the_rfc_loops_alone_reject_the_same_alterations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The length pre-checks only give clearer reasons: without them, the RFC's algorithms
    (their sn checks and final comparisons) still reject every altered proof."""
    monkeypatch.setattr(merkle, "_check_inclusion_length", lambda *args: None)
    monkeypatch.setattr(merkle, "_check_consistency_length", lambda *args: None)
    for size in range(1, 33):
        for index in range(size):
            good = (NODES[(0, index)], index, size, ref_path(index, 0, size), root(size))
            assert inclusion_verifies(*good)
            passed = [name for name, *args in inclusion_probes(*good) if inclusion_verifies(*args)]
            assert passed == [], (index, size, passed)
        for first in range(1, size):
            good = (first, size, root(first), root(size), ref_subproof(first, 0, size, True))
            assert consistency_verifies(*good)
            passed = [
                name for name, *args in consistency_probes(*good) if consistency_verifies(*args)
            ]
            assert passed == [], (first, size, passed)


def test_inclusion_arguments_are_checked() -> None:
    leaf = merkle.leaf_hash(b"x")
    for index, size in [(0, 0), (1, 1), (2, 1), (-1, 4)]:
        with pytest.raises(ProofError):
            merkle.root_from_inclusion_proof(leaf, index, size, [])
    with pytest.raises(ProofError, match="not in a tree of size 1"):
        merkle.verify_inclusion(leaf, 1, 1, [], leaf)
    with pytest.raises(ProofError, match="needs 3"):
        merkle.verify_inclusion(leaf, 0, 8, [leaf], leaf)
    with pytest.raises(ProofError, match="leaf_hash must be a 32-byte"):
        merkle.verify_inclusion(b"short", 0, 1, [], leaf)
    with pytest.raises(ProofError, match="root_hash must be a 32-byte"):
        merkle.verify_inclusion(leaf, 0, 1, [], b"")
    with pytest.raises(ProofError, match="integer"):
        merkle.verify_inclusion(leaf, True, 2, [leaf], leaf)  # type: ignore[arg-type]
    merkle.verify_inclusion(leaf, 0, 1, [], leaf)  # a one-leaf tree's root is its leaf


def test_consistency_edge_cases() -> None:
    some, other = merkle.leaf_hash(b"a"), merkle.leaf_hash(b"b")
    merkle.verify_consistency(5, 5, some, some, [])
    with pytest.raises(ProofError, match="two different roots"):
        merkle.verify_consistency(5, 5, some, other, [])
    with pytest.raises(ProofError, match="empty consistency proof"):
        merkle.verify_consistency(5, 5, some, some, [some])
    with pytest.raises(ProofError, match="first_size must be positive"):
        merkle.verify_consistency(0, 3, merkle.EMPTY_ROOT, some, [])
    with pytest.raises(ProofError, match="first_size must be positive"):
        merkle.verify_consistency(0, 0, merkle.EMPTY_ROOT, merkle.EMPTY_ROOT, [])
    with pytest.raises(ProofError, match="smaller than first_size"):
        merkle.verify_consistency(2, 1, some, other, [])
    with pytest.raises(ProofError, match="sizes 1 and 2 need 1"):
        merkle.verify_consistency(1, 2, some, other, [])
    with pytest.raises(ProofError, match="32-byte"):
        merkle.verify_consistency(1, 2, b"x", other, [some])


def test_root_from_leaf_hashes_refuses_non_hashes() -> None:
    with pytest.raises(ValueError, match=r"hashes\[1\]"):
        merkle.root_from_leaf_hashes([merkle.EMPTY_ROOT, b"abc"])
