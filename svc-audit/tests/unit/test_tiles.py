"""The tree's tiles, without a store: where a node lives, the hashes a tile yields, and the
appender's right edge, whose root must be the RFC 9162 root of every leaf appended so far,
which writes exactly the tiles it changed, and which a restart rebuilds from those tiles."""

from __future__ import annotations

import hashlib
import random

import pytest

from govdata.audit.tiles import (
    HASH,
    HEIGHT,
    WIDTH,
    Edge,
    Levels,
    TileReader,
    fold,
    locate,
    split,
    tile_id,
)
from govdata_client.merkle import root_from_leaf_hashes

RANDOM = random.Random(6962)  # noqa: S311 (fixed sample sizes, not a secret)
Tiles = dict[tuple[int, int], bytes]


def leaf(n: int) -> bytes:
    """A distinct 32-byte "leaf hash" without hashing (cheap, for large trees)."""
    return n.to_bytes(HASH, "big")


def sha(n: int) -> bytes:
    return hashlib.sha256(n.to_bytes(8, "big")).digest()


def expected_tiles(leaves: list[bytes]) -> Tiles:
    """Every tile of the tree over ``leaves``, built from scratch: level-0 tiles hold the
    leaves, each tile level above the roots of the full tiles below (partial tiles as far as
    they go, empty ones absent)."""
    tiles: Tiles = {}
    hashes, tile_level = leaves, 0
    while hashes:
        for index in range(0, len(hashes), WIDTH):
            tiles[(tile_level, index // WIDTH)] = b"".join(hashes[index : index + WIDTH])
        hashes = [fold(hashes[i : i + WIDTH]) for i in range(0, len(hashes) - WIDTH + 1, WIDTH)]
        tile_level += 1
    return tiles


def restarted(size: int, stored: Tiles) -> Edge:
    """The edge a restarted appender builds: the unfilled tiles read back from the store."""
    partial = {
        tile_level: split(stored[(tile_level, index)])[:width]
        for tile_level, (index, width) in Edge.partial_ids(size).items()
    }
    return Edge(size, partial)


# ---------------------------------------------------------------------------
# locate, fold, Levels
# ---------------------------------------------------------------------------


def test_locate_names_the_tile_and_place_of_a_node() -> None:
    """A proof reads node (level, index) from tile (level // 8, ...), at the height within
    the tile and the offset of the node's first hash in the tile's bottom row."""
    assert locate(0, 0) == (0, 0, 0, 0)
    assert locate(0, 255) == (0, 0, 0, 255)
    assert locate(0, 257) == (0, 1, 0, 1)
    assert locate(3, 5) == (0, 0, 3, 40)
    assert locate(7, 3) == (0, 1, 7, 128)
    assert locate(8, 3) == (1, 0, 0, 3)
    assert locate(10, 70) == (1, 1, 2, 24)
    assert locate(16, 1) == (2, 0, 0, 1)
    for _ in range(2000):
        level, index = RANDOM.randrange(40), RANDOM.randrange(1 << 20)
        tile_level, tile_index, height, offset = locate(level, index)
        assert tile_level * HEIGHT + height == level
        assert 0 <= height < HEIGHT and 0 <= offset < WIDTH and offset % (1 << height) == 0
        assert tile_index * WIDTH + offset == index << height


def test_tile_ids_are_level_slash_index() -> None:
    """The C2SP tlog-tiles naming the tiles collection is keyed by."""
    assert tile_id(0, 0) == "0/0"
    assert tile_id(2, 17) == "2/17"


def test_fold_is_the_root_of_a_power_of_two_run() -> None:
    """A full tile's fold is the hash one tile level up: the MTH of its 256 leaves."""
    for count in (1, 2, 4, 64, WIDTH):
        hashes = [sha(n) for n in range(count)]
        assert fold(hashes) == root_from_leaf_hashes(hashes)
    assert fold([sha(7)]) == sha(7)


@pytest.mark.parametrize("width", [1, 2, 3, 100, 200, 255, WIDTH])
def test_levels_give_every_complete_subtree_of_a_tile(width: int) -> None:
    """Node (height, offset) of a tile is the MTH of the 2**height hashes from offset, also
    in a partial tile, as far as its hashes reach."""
    bottom = [sha(n) for n in range(width)]
    levels = Levels(bottom)
    for height in range(HEIGHT + 1):
        span = 1 << height
        for offset in range(0, width - span + 1, span):
            assert levels.node(height, offset) == root_from_leaf_hashes(
                bottom[offset : offset + span]
            ), (width, height, offset)


# ---------------------------------------------------------------------------
# Edge
# ---------------------------------------------------------------------------


def test_partial_ids_name_the_unfilled_tile_of_each_level() -> None:
    """What a restart reads: (tile index, hashes held) of each tile level's unfilled tile."""
    assert Edge.partial_ids(0) == {}
    assert Edge.partial_ids(1) == {0: (0, 1)}
    assert Edge.partial_ids(255) == {0: (0, 255)}
    assert Edge.partial_ids(256) == {1: (0, 1)}
    assert Edge.partial_ids(257) == {0: (1, 1), 1: (0, 1)}
    assert Edge.partial_ids(WIDTH * WIDTH) == {2: (0, 1)}
    assert Edge.partial_ids(WIDTH * WIDTH + WIDTH + 3) == {0: (257, 3), 1: (1, 1), 2: (0, 1)}
    for _ in range(500):
        size = RANDOM.randrange(1, 1 << 30)
        for tile_level, (index, width) in Edge.partial_ids(size).items():
            count = size >> (HEIGHT * tile_level)
            assert index * WIDTH + width == count and 0 < width < WIDTH


def test_the_edge_root_is_the_tree_root_after_every_append() -> None:
    """After each of 1,100 appends (past the first level-1 tile's fourth hash) the root from
    the edge alone is the RFC 9162 root of all leaves so far; the empty tree's too."""
    edge = Edge(0, {})
    leaves: list[bytes] = []
    assert edge.root() == root_from_leaf_hashes([])
    for n in range(1100):
        leaves.append(sha(n))
        edge.append(leaves[-1])
        assert edge.size == len(leaves)
        assert edge.root() == root_from_leaf_hashes(leaves), len(leaves)


def test_the_edge_root_is_right_around_a_second_tile_level() -> None:
    """At 65,536 leaves the 256th level-1 tile fills and a level-2 tile begins."""
    total = WIDTH * WIDTH + 2 * WIDTH + 5
    leaves = [leaf(n) for n in range(total)]
    checked = {
        WIDTH * WIDTH - WIDTH - 1,
        WIDTH * WIDTH - 1,
        WIDTH * WIDTH,
        WIDTH * WIDTH + 1,
        WIDTH * WIDTH + WIDTH,
        WIDTH * WIDTH + WIDTH + 1,
        total,
    }
    edge = Edge(0, {})
    for n, value in enumerate(leaves, start=1):
        edge.append(value)
        if n in checked:
            assert edge.root() == root_from_leaf_hashes(leaves[:n]), n
    assert edge.take_writes().keys() == expected_tiles(leaves).keys()


@pytest.mark.parametrize("total", [1100, WIDTH * WIDTH + WIDTH + 7])
def test_take_writes_returns_exactly_the_changed_tiles(total: int) -> None:
    """Appends in batches of varied size: each take_writes holds every tile whose content
    changed since the last call (and no other), with its full content, 256 hashes when
    full; applied to a store they make the tiles of the tree built from scratch."""
    cheap = total > 10_000
    leaves: list[bytes] = []
    stored: Tiles = {}
    edge = Edge(0, {})
    assert edge.take_writes() == {}
    while len(leaves) < total:
        batch = min(total - len(leaves), RANDOM.choice([1, 2, 255, 256, 257, 300, 700, 4096]))
        before = expected_tiles(leaves) if not cheap else None
        for _ in range(batch):
            leaves.append(leaf(len(leaves)) if cheap else sha(len(leaves)))
            edge.append(leaves[-1])
        writes = edge.take_writes()
        if before is not None:
            after = expected_tiles(leaves)
            changed = {k for k, v in after.items() if before.get(k) != v}
            assert set(writes) == changed, len(leaves)
        for (tile_level, index), value in writes.items():
            assert 0 < len(value) <= WIDTH * HASH and len(value) % HASH == 0
            stored[(tile_level, index)] = value
        assert edge.take_writes() == {}  # nothing changed since
    assert stored == expected_tiles(leaves)
    full = [value for value in stored.values() if len(value) == WIDTH * HASH]
    assert len(full) == sum(len(leaves) >> (HEIGHT * (t + 1)) for t in range(3))


@pytest.mark.parametrize("total", [1100, WIDTH * WIDTH + WIDTH + 7])
def test_an_edge_rebuilt_from_the_stored_tiles_continues_identically(total: int) -> None:
    """A restart at any size (here after each batch) rebuilds the edge from the unfilled
    tiles the store holds; it goes on to the same roots and the same tiles as an edge that
    never stopped."""
    cheap = total > 10_000
    leaves: list[bytes] = []
    stored: Tiles = {}
    edge = Edge(0, {})
    restarts = 0
    while len(leaves) < total:
        batch = min(total - len(leaves), RANDOM.choice([1, 3, 255, 256, 257, 511, 5000]))
        for _ in range(batch):
            leaves.append(leaf(len(leaves)) if cheap else sha(len(leaves)))
            edge.append(leaves[-1])
        stored.update(edge.take_writes())
        edge = restarted(len(leaves), stored)
        restarts += 1
        assert edge.size == len(leaves)
        if not cheap or restarts % 4 == 0:
            assert edge.root() == root_from_leaf_hashes(leaves), len(leaves)
    assert edge.root() == root_from_leaf_hashes(leaves)
    assert stored == expected_tiles(leaves)


@pytest.mark.parametrize("size", [1, 255, 256, 257, 511, 512, 65535, 65536, 65537, 65536 + 300])
def test_a_restart_at_a_tile_boundary_continues_identically(size: int) -> None:
    """Sizes where a tile just filled (and the next is empty) or just began."""
    leaves = [leaf(n) for n in range(size + WIDTH + 3)]
    whole = Edge(0, {})
    for value in leaves[:size]:
        whole.append(value)
    stored = whole.take_writes()
    resumed = restarted(size, stored)
    assert resumed.root() == whole.root() == root_from_leaf_hashes(leaves[:size])
    for value in leaves[size:]:
        whole.append(value)
        resumed.append(value)
    assert resumed.root() == whole.root() == root_from_leaf_hashes(leaves)
    stored.update(resumed.take_writes())
    assert stored == expected_tiles(leaves)


def test_an_edge_refuses_unfilled_tiles_of_the_wrong_width() -> None:
    """A restart that read a tile missing committed hashes must not go on from it."""
    with pytest.raises(ValueError, match="tile level 0 holds 2 hashes, not 3"):
        Edge(3, {0: [sha(0), sha(1)]})
    with pytest.raises(ValueError, match="tile level 1 holds 0 hashes, not 1"):
        Edge(WIDTH, {})


# ---------------------------------------------------------------------------
# TileReader
# ---------------------------------------------------------------------------


class StoredTiles:
    """The tiles collection's one read, ``find_one({"_id": ...})``, over a dict."""

    def __init__(self, tiles: Tiles) -> None:
        self.documents = {tile_id(*k): {"hashes": v} for k, v in tiles.items()}
        self.reads = 0

    def find_one(self, query: dict[str, str]) -> dict[str, bytes] | None:
        self.reads += 1
        return self.documents.get(query["_id"])


def test_a_reader_trusts_only_what_the_tree_it_reads_covers() -> None:
    """A tile is cached up to the width the tree asked about covers, and served from the
    cache to any tree that needs no more: hashes an uncommitted batch wrote past the
    committed size are never served, so once that batch is replaced the reader serves the
    new hashes."""
    committed = [sha(n) for n in range(300)]
    crashed = [sha(10_000 + n) for n in range(212)]  # fills tile 0/1 past the size 300
    store = StoredTiles(expected_tiles(committed + crashed))
    reader = TileReader(store)
    nodes = [(0, 299), (5, 8)]
    expected = {(0, 299): committed[299], (5, 8): root_from_leaf_hashes(committed[256:288])}
    assert reader.nodes(nodes, 300) == expected
    assert reader.nodes(nodes, 300) == expected
    assert store.reads == 1  # tile 0/1 up to leaf 300, read once

    replaced = [sha(20_000 + n) for n in range(212)]
    store.documents = StoredTiles(expected_tiles(committed + replaced)).documents
    tree = committed + replaced
    assert reader.nodes([(0, 300), (8, 1)], 512) == {
        (0, 300): replaced[0],
        (8, 1): root_from_leaf_hashes(tree[256:512]),
    }
    reads = store.reads
    assert reader.nodes([(0, 511), (7, 2)], 512) == {
        (0, 511): tree[511],
        (7, 2): root_from_leaf_hashes(tree[256:384]),
    }
    assert store.reads == reads  # complete in a tree of 512: cached
    with pytest.raises(KeyError, match="misses hashes"):
        reader.nodes([(0, 600)], 601)
