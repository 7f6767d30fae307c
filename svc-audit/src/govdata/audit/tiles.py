"""Where the tree's hashes live: tiles of 256 hashes, as in the C2SP tlog-tiles layout.

Tile ``(T, N)`` holds the hashes of the tree's nodes at level ``8*T`` with indexes
``256*N`` to ``256*N + 255``; a node at a level in between is hashed up from the tile below it
(at most 128 hashes, and a full tile's inner levels are computed once and cached, since full
tiles never change). Any proof then needs a handful of tile reads whatever the tree's size,
instead of one read per node, and the store holds each hash once.

Why tiles rather than one document per node: FerretDB (our local MongoDB) answers nothing but
``_id`` equality from an index, so a proof at a million leaves must not cost 40 reads; with
tiles it costs at most three, usually none (cache).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from govdata.audit import proofs
from govdata_client.merkle import node_hash

HEIGHT = 8
WIDTH = 1 << HEIGHT
HASH = 32


def tile_id(tile_level: int, tile_index: int) -> str:
    return f"{tile_level}/{tile_index}"


def split(hashes: bytes) -> list[bytes]:
    return [hashes[i : i + HASH] for i in range(0, len(hashes), HASH)]


def fold(hashes: list[bytes]) -> bytes:
    """The root over a power-of-two run of same-level hashes."""
    while len(hashes) > 1:
        hashes = [node_hash(hashes[i], hashes[i + 1]) for i in range(0, len(hashes), 2)]
    return hashes[0]


def locate(level: int, index: int) -> tuple[int, int, int, int]:
    """Node ``(level, index)`` as (tile level, tile index, height in the tile, offset)."""
    tile_level, height = divmod(level, HEIGHT)
    first = index << height
    return tile_level, first >> HEIGHT, height, first & (WIDTH - 1)


class Levels:
    """One tile's hashes with the levels above them inside the tile, built as asked."""

    def __init__(self, bottom: list[bytes]) -> None:
        self.levels = [bottom]

    def node(self, height: int, offset: int) -> bytes:
        while len(self.levels) <= height:
            below = self.levels[-1]
            self.levels.append(
                [node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
            )
        return self.levels[height][offset >> height]


class TileReader:
    """Node hashes of the stored tree, read through a cache of tile prefixes.

    The tree only grows, so the first ``w`` hashes of a tile never change once the tree
    covers them: every tile is cached up to the width ``tree_size`` covers (a full tile
    whole, the right edge's partial tiles up to where that size ends) and served from the
    cache to any size that needs no more. Hashes past ``tree_size`` are never trusted: a
    batch that crashed before committing may have written them.
    """

    def __init__(self, tiles: Any, cache_tiles: int = 8192) -> None:
        self._tiles = tiles
        self._cache: OrderedDict[tuple[int, int], Levels] = OrderedDict()
        self._cache_tiles = cache_tiles

    def nodes(
        self, wanted: Iterable[tuple[int, int]], tree_size: int
    ) -> dict[tuple[int, int], bytes]:
        """Hashes of complete subtrees ``(level, index)`` of the tree of ``tree_size``
        leaves; KeyError if one is not stored."""
        found: dict[tuple[int, int], bytes] = {}
        for level, index in wanted:
            tile_level, tile_index, height, offset = locate(level, index)
            key = (tile_level, tile_index)
            covered = min(WIDTH, (tree_size >> (HEIGHT * tile_level)) - tile_index * WIDTH)
            if offset + (1 << height) > covered:
                raise KeyError(f"node {level}/{index} is not in a tree of {tree_size} leaves")
            levels = self._cache.get(key)
            if levels is None or len(levels.levels[0]) < covered:
                levels = self._load(key, covered)
                self._cache[key] = levels
                if len(self._cache) > self._cache_tiles:
                    self._cache.popitem(last=False)
            else:
                self._cache.move_to_end(key)
            found[(level, index)] = levels.node(height, offset)
        return found

    def _load(self, key: tuple[int, int], covered: int) -> Levels:
        doc = self._tiles.find_one({"_id": tile_id(*key)})
        hashes = split(bytes(doc["hashes"]))[:covered] if doc else []
        if len(hashes) < covered:
            raise KeyError(f"tile {tile_id(*key)} misses hashes of the committed tree")
        return Levels(hashes)


class Edge:
    """The right edge of the tree being appended to: the unfilled tile at each tile level.

    Appending a hash fills the level-0 tile; a full tile's root goes up into the tile above.
    Every node a root needs sits in these unfilled tiles, so the appender never reads.
    """

    def __init__(self, size: int, partial: Mapping[int, list[bytes]]) -> None:
        self.size = size
        self.counts: list[int] = []  # nodes at level 8*T so far
        self.tiles: list[list[bytes]] = []  # the unfilled tile at each tile level
        tile_level = 0
        while tile_level == 0 or size >> (HEIGHT * tile_level):
            count = size >> (HEIGHT * tile_level)
            self.counts.append(count)
            tile = list(partial.get(tile_level, []))
            if len(tile) != count & (WIDTH - 1):
                raise ValueError(
                    f"tile level {tile_level} holds {len(tile)} hashes, not {count & (WIDTH - 1)}"
                )
            self.tiles.append(tile)
            tile_level += 1
        self.dirty: dict[tuple[int, int], bytes] = {}

    @staticmethod
    def partial_ids(size: int) -> dict[int, tuple[int, int]]:
        """The unfilled tile (index, hashes held) at each tile level of a tree of ``size``."""
        wanted: dict[int, tuple[int, int]] = {}
        tile_level = 0
        while size >> (HEIGHT * tile_level):
            count = size >> (HEIGHT * tile_level)
            if count & (WIDTH - 1):
                wanted[tile_level] = (count >> HEIGHT, count & (WIDTH - 1))
            tile_level += 1
        return wanted

    def append(self, leaf: bytes) -> None:
        self._push(0, leaf)
        self.size += 1

    def _push(self, tile_level: int, value: bytes) -> None:
        if tile_level == len(self.tiles):
            self.tiles.append([])
            self.counts.append(0)
        tile = self.tiles[tile_level]
        tile.append(value)
        self.dirty[(tile_level, self.counts[tile_level] >> HEIGHT)] = b"".join(tile)
        self.counts[tile_level] += 1
        if len(tile) == WIDTH:
            self.tiles[tile_level] = []
            self._push(tile_level + 1, fold(tile))

    def root(self) -> bytes:
        """The tree's root at its current size, from the edge alone."""
        return proofs.tree_root(self.size, self.nodes(proofs.root_nodes(self.size)))

    def nodes(self, wanted: Iterable[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        found = {}
        for level, index in wanted:
            tile_level, _, height, offset = locate(level, index)
            found[(level, index)] = Levels(self.tiles[tile_level]).node(height, offset)
        return found

    def take_writes(self) -> dict[tuple[int, int], bytes]:
        writes, self.dirty = self.dirty, {}
        return writes
