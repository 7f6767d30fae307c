"""Merkle tree hashing and proof verification of RFC 9162 §2.1 (the same as RFC 6962), SHA-256.

Leaves and interior nodes are hashed under different one-byte prefixes (0x00, 0x01) so a
leaf can never be presented as an interior node (second-preimage attacks on the tree). The
verifiers follow the RFC's algorithms step by step rather than rebuilding the tree, so a
client checks a proof with O(log n) hashes and trusts nothing but the root it was given.

This module is the only implementation of the hashing: the audit service imports it to
build its tree and proofs, so the two sides cannot drift apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32
"""Bytes in every hash of the tree (SHA-256)."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""MTH({}): the root of the empty tree, the hash of no input (RFC 9162 §2.1.1)."""

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"


class ProofError(ValueError):
    """A proof does not show what it claims, or cannot, given the sizes it is checked for."""


def leaf_hash(entry: bytes) -> bytes:
    """MTH({entry}) = SHA-256(0x00 || entry): the hash the log commits to for one entry."""
    return hashlib.sha256(_LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right): the hash of an interior node."""
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def root_from_leaf_hashes(hashes: Sequence[bytes]) -> bytes:
    """MTH over the given leaf hashes, in O(n) time and O(log n) memory.

    Iterative rather than the RFC's recursion so a client can hash a long log without deep
    recursion: each leaf is pushed onto a stack of complete subtrees, equal-sized neighbours
    are merged as they appear, and what is left (the largest power-of-two subtrees, left to
    right) is folded from the right, which is exactly how MTH splits a tree.
    """
    stack: list[tuple[int, bytes]] = []  # (level, hash) of complete subtrees, left to right
    for position, leaf in enumerate(hashes):
        _require_hash(f"hashes[{position}]", leaf, ValueError)
        level, value = 0, leaf
        while stack and stack[-1][0] == level:
            value = node_hash(stack.pop()[1], value)
            level += 1
        stack.append((level, value))
    if not stack:
        return EMPTY_ROOT
    root = stack[-1][1]
    for _, left in reversed(stack[:-1]):
        root = node_hash(left, root)
    return root


def root_from_inclusion_proof(
    leaf_hash: bytes, leaf_index: int, tree_size: int, proof: Sequence[bytes]
) -> bytes:
    """The root that ``proof`` leads to from ``leaf_hash`` at ``leaf_index`` (RFC 9162 §2.1.3.2).

    Raises ProofError when the proof cannot be an inclusion proof for that position at all
    (index outside the tree, wrong number of hashes, a hash of the wrong size); whether the
    root it leads to is the one the log signed is for the caller (or verify_inclusion).
    """
    _require_count("leaf_index", leaf_index)
    _require_count("tree_size", tree_size)
    if leaf_index >= tree_size:
        raise ProofError(f"leaf_index {leaf_index} is not in a tree of size {tree_size}")
    _require_hash("leaf_hash", leaf_hash)
    _require_hashes(proof)
    _check_inclusion_length(leaf_index, tree_size, proof)
    # RFC 9162 §2.1.3.2, steps 2-5.
    fn, sn = leaf_index, tree_size - 1
    r = leaf_hash
    for p in proof:
        if sn == 0:
            raise ProofError("inclusion proof is longer than the path to the root")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof is shorter than the path to the root")
    return r


def verify_inclusion(
    leaf_hash: bytes, leaf_index: int, tree_size: int, proof: Sequence[bytes], root_hash: bytes
) -> None:
    """Succeed only if ``proof`` shows the leaf at ``leaf_index`` is in the tree of ``root_hash``.

    Raises ProofError naming the reason otherwise. ``tree_size`` and ``root_hash`` must come
    from a tree head whose signature the caller has checked: the proof binds the leaf to the
    root, the signature binds the root to the size.
    """
    _require_hash("root_hash", root_hash)
    computed = root_from_inclusion_proof(leaf_hash, leaf_index, tree_size, proof)
    if computed != root_hash:
        raise ProofError(
            f"inclusion proof for leaf {leaf_index} of tree size {tree_size} does not lead "
            "to the root hash"
        )


def verify_consistency(
    first_size: int,
    second_size: int,
    first_root: bytes,
    second_root: bytes,
    proof: Sequence[bytes],
) -> None:
    """Succeed only if the tree of ``first_root`` is a prefix of the tree of ``second_root``.

    RFC 9162 §2.1.4.2, which is defined for 0 < first_size < second_size. Two more cases:
    equal sizes are consistent with an empty proof exactly when the roots are equal (the
    RFC's SUBPROOF(m, D[m], true) is empty); a first_size of 0 is refused, because the RFC
    defines no proof from the empty tree — every tree extends it, so a client holding only
    the empty head has nothing to check and should not ask. Raises ProofError otherwise.
    """
    _require_count("first_size", first_size)
    _require_count("second_size", second_size)
    if first_size == 0:
        raise ProofError(
            "first_size must be positive: RFC 9162 defines no consistency proof from the "
            "empty tree (every tree extends it)"
        )
    if second_size < first_size:
        raise ProofError(f"second_size {second_size} is smaller than first_size {first_size}")
    _require_hash("first_root", first_root)
    _require_hash("second_root", second_root)
    _require_hashes(proof)
    if first_size == second_size:
        if proof:
            raise ProofError("trees of equal size need an empty consistency proof")
        if first_root != second_root:
            raise ProofError(f"two different roots for the same tree size {first_size}")
        return
    _check_consistency_length(first_size, second_size, proof)
    # RFC 9162 §2.1.4.2, steps 1-7.
    if not proof:
        raise ProofError("consistency proof is empty")
    path = list(proof)
    if first_size & (first_size - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first_size - 1, second_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is longer than the path to the second root")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof is shorter than the path to the second root")
    if fr != first_root:
        raise ProofError(f"consistency proof does not reproduce the root of tree size {first_size}")
    if sr != second_root:
        raise ProofError(
            f"consistency proof does not reproduce the root of tree size {second_size}"
        )


def _check_inclusion_length(leaf_index: int, tree_size: int, proof: Sequence[bytes]) -> None:
    """Refuse a proof of the wrong length up front, with the reason; the RFC's loop would
    refuse it too, but only as "does not lead to the root"."""
    expected = _inclusion_proof_length(leaf_index, tree_size)
    if len(proof) != expected:
        raise ProofError(
            f"inclusion proof has {len(proof)} hashes; leaf {leaf_index} of a tree of size "
            f"{tree_size} needs {expected}"
        )


def _check_consistency_length(first_size: int, second_size: int, proof: Sequence[bytes]) -> None:
    """As _check_inclusion_length, for 0 < first_size < second_size."""
    expected = _consistency_proof_length(first_size, second_size)
    if len(proof) != expected:
        raise ProofError(
            f"consistency proof has {len(proof)} hashes; sizes {first_size} and {second_size} "
            f"need {expected}"
        )


def _inclusion_proof_length(leaf_index: int, tree_size: int) -> int:
    """Hashes in PATH(leaf_index, D[tree_size]): one per level below where the leaf's path
    and the tree's right edge meet (inner), then one per left subtree above (border)."""
    inner = (leaf_index ^ (tree_size - 1)).bit_length()
    return inner + (leaf_index >> inner).bit_count()


def _consistency_proof_length(first_size: int, second_size: int) -> int:
    """Hashes in PROOF(first_size, D[second_size]) for 0 < first_size < second_size: the
    inclusion path of the first tree's last leaf, less the levels inside the first tree's
    rightmost complete subtree, plus that subtree's own hash unless it is the whole first tree.
    """
    last = first_size - 1
    inner = (last ^ (second_size - 1)).bit_length()
    border = (last >> inner).bit_count()
    shift = (first_size & -first_size).bit_length() - 1  # trailing zero bits of first_size
    seed = 0 if first_size == 1 << shift else 1
    return seed + inner - shift + border


def _require_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProofError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 0:
        raise ProofError(f"{name} must not be negative, got {value}")


def _require_hash(name: str, value: bytes, error: type[ValueError] = ProofError) -> None:
    if not isinstance(value, bytes | bytearray) or len(value) != HASH_SIZE:
        size = len(value) if isinstance(value, bytes | bytearray) else type(value).__name__
        raise error(f"{name} must be a {HASH_SIZE}-byte SHA-256 hash, got {size}")


def _require_hashes(proof: Sequence[bytes]) -> None:
    for position, value in enumerate(proof):
        _require_hash(f"proof[{position}]", value)
