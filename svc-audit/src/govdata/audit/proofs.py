"""Merkle tree roots and proofs of the audit log, from stored subtree hashes (RFC 9162 §2.1).

The log stores only the hashes of complete, aligned subtrees: node ``(level, index)`` is
the Merkle tree hash (MTH) of leaves ``[index * 2**level, (index + 1) * 2**level)``, level 0
being the leaf hashes. Every range the RFC's recursive definitions take an MTH of starts at a
multiple of its largest power-of-two part, so each such MTH is a fold of O(log n) stored
nodes, and a root or proof needs no leaf and no recomputation of the tree.

Each operation comes in two steps so storage reads everything a proof needs in one query:
``*_nodes`` plans which nodes (pure arithmetic), then ``tree_root`` / ``inclusion_proof`` /
``consistency_proof`` compute from a mapping holding at least those nodes. The proofs follow
the RFC's PATH (§2.1.3.1) and PROOF/SUBPROOF (§2.1.4.1) definitions literally, recursing on
ranges, and both steps walk the same recursion so they cannot disagree. Hashing is
``govdata_client.merkle``'s, the code clients verify with.
"""

from __future__ import annotations

from collections.abc import Mapping

from govdata_client.merkle import EMPTY_ROOT, node_hash

Node = tuple[int, int]
"""``(level, index)`` of a complete, aligned subtree."""

_Range = tuple[int, int]  # [start, end) of leaves


class ProofArgumentError(ValueError):
    """A root or proof asked for with arguments no tree can satisfy (INVALID_ARGUMENT).

    ``argument`` names the offending argument (``leaf_index``, ``tree_size``,
    ``first_size``, ``second_size``) so the api can report it as a field violation.
    """

    def __init__(self, argument: str, description: str) -> None:
        super().__init__(f"{argument}: {description}")
        self.argument = argument
        self.description = description


# ---------------------------------------------------------------------------
# Planning: which stored nodes a root or proof needs
# ---------------------------------------------------------------------------


def root_nodes(tree_size: int) -> list[Node]:
    """The nodes MTH(D[0:tree_size]) folds: one per set bit of ``tree_size``, largest
    first (none for the empty tree, whose root is a constant)."""
    _require_size("tree_size", tree_size)
    return _range_nodes((0, tree_size)) if tree_size else []


def inclusion_nodes(leaf_index: int, tree_size: int) -> list[Node]:
    """The nodes ``inclusion_proof(leaf_index, tree_size, ...)`` reads, deduplicated."""
    _require_leaf(leaf_index, tree_size)
    return _nodes_of(_path(leaf_index, (0, tree_size)))


def consistency_nodes(first_size: int, second_size: int) -> list[Node]:
    """The nodes ``consistency_proof(first_size, second_size, ...)`` reads, deduplicated."""
    _require_sizes(first_size, second_size)
    return _nodes_of(_proof(first_size, second_size))


# ---------------------------------------------------------------------------
# Generation: hashes from the planned nodes
# ---------------------------------------------------------------------------


def tree_root(tree_size: int, hashes: Mapping[Node, bytes]) -> bytes:
    """MTH(D[0:tree_size]) from the nodes of ``root_nodes(tree_size)``.

    Raises KeyError naming a node ``hashes`` lacks (a storage fault, not a caller's).
    """
    _require_size("tree_size", tree_size)
    return _mth((0, tree_size), hashes) if tree_size else EMPTY_ROOT


def inclusion_proof(leaf_index: int, tree_size: int, hashes: Mapping[Node, bytes]) -> list[bytes]:
    """PATH(leaf_index, D[0:tree_size]): sibling hashes from the leaf up to the root."""
    _require_leaf(leaf_index, tree_size)
    return [_mth(part, hashes) for part in _path(leaf_index, (0, tree_size))]


def consistency_proof(
    first_size: int, second_size: int, hashes: Mapping[Node, bytes]
) -> list[bytes]:
    """PROOF(first_size, D[0:second_size]); empty when the sizes are equal."""
    _require_sizes(first_size, second_size)
    return [_mth(part, hashes) for part in _proof(first_size, second_size)]


# ---------------------------------------------------------------------------
# The RFC's definitions, on leaf ranges
# ---------------------------------------------------------------------------


def _split(n: int) -> int:
    """k, the largest power of two smaller than n (n > 1): where MTH splits D[n]."""
    return 1 << ((n - 1).bit_length() - 1)


def _is_power_of_two(n: int) -> bool:
    return n & (n - 1) == 0


def _node(part: _Range) -> Node:
    """The stored node holding MTH(D[start:end]) for an aligned power-of-two range."""
    start, end = part
    level = (end - start).bit_length() - 1
    return (level, start >> level)


def _mth(part: _Range, hashes: Mapping[Node, bytes]) -> bytes:
    """MTH(D[start:end]), n = end - start > 0: a stored node when n is a power of two, else
    HASH(0x01 || MTH(D[start:start+k]) || MTH(D[start+k:end]))."""
    start, end = part
    n = end - start
    if _is_power_of_two(n):
        node = _node(part)
        try:
            return hashes[node]
        except KeyError:
            raise KeyError(f"subtree hash {node} was not provided") from None
    k = _split(n)
    return node_hash(_mth((start, start + k), hashes), _mth((start + k, end), hashes))


def _range_nodes(part: _Range) -> list[Node]:
    """The stored nodes ``_mth(part, ...)`` reads, left to right."""
    start, end = part
    n = end - start
    if _is_power_of_two(n):
        return [_node(part)]
    k = _split(n)
    return [_node((start, start + k)), *_range_nodes((start + k, end))]


def _path(m: int, part: _Range) -> list[_Range]:
    """The ranges whose MTHs make PATH(m, D[start:end]), m counted from start (§2.1.3.1):

    PATH(0, {d(0)}) = {}
    PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      for m < k
    PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])  for m >= k
    """
    start, end = part
    n = end - start
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return [*_path(m, (start, start + k)), (start + k, end)]
    return [*_path(m - k, (start + k, end)), (start, start + k)]


def _proof(m: int, n: int) -> list[_Range]:
    """The ranges whose MTHs make PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (§2.1.4.1)."""
    return _subproof(m, (0, n), whole=True)


def _subproof(m: int, part: _Range, *, whole: bool) -> list[_Range]:
    """The ranges of SUBPROOF(m, D[start:end], b), b being ``whole``:

    SUBPROOF(m, D[m], true) = {}
    SUBPROOF(m, D[m], false) = {MTH(D[m])}
    SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])          for m <= k
    SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])  for m > k
    """
    start, end = part
    n = end - start
    if m == n:
        return [] if whole else [part]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, (start, start + k), whole=whole), (start + k, end)]
    return [*_subproof(m - k, (start + k, end), whole=False), (start, start + k)]


def _nodes_of(parts: list[_Range]) -> list[Node]:
    return list(dict.fromkeys(node for part in parts for node in _range_nodes(part)))


# ---------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------


def _require_size(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProofArgumentError(name, f"must be an integer, got {type(value).__name__}")
    if value < 0:
        raise ProofArgumentError(name, f"must not be negative, got {value}")


def _require_leaf(leaf_index: int, tree_size: int) -> None:
    _require_size("leaf_index", leaf_index)
    _require_size("tree_size", tree_size)
    if leaf_index >= tree_size:
        raise ProofArgumentError(
            "leaf_index", f"must be less than the tree size {tree_size}, got {leaf_index}"
        )


def _require_sizes(first_size: int, second_size: int) -> None:
    _require_size("first_size", first_size)
    _require_size("second_size", second_size)
    if first_size == 0:
        raise ProofArgumentError(
            "first_size", "must be positive: every tree extends the empty tree, nothing to prove"
        )
    if second_size < first_size:
        raise ProofArgumentError(
            "second_size", f"must not be less than first_size {first_size}, got {second_size}"
        )
