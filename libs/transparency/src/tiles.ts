/**
 * Where the tree file keeps a node's hash: in tiles, cut as C2SP tlog-tiles cut the tree, but
 * 4 levels high and each holding its interior nodes too, so that any node is one small read.
 *
 * A tile of tile-level L (L = 0, 1, …) is the complete subtree of height 4 above 16 nodes of
 * level 4L: it holds their 16 hashes, then the 8 of level 4L+1, the 4 of 4L+2 and the 2 of 4L+3
 * (30 hashes, 960 bytes: a row well inside one SQLite page, read without overflow pages); the 1 of
 * level 4L+4 is a bottom node of a tile of level L+1. One row per tile instead of one per node:
 * a batch of leaves rewrites about one row per 15 leaves instead of inserting three rows per leaf.
 * A tile's `width` is how many of its bottom nodes exist (16 once complete); the nodes above them
 * exist as far as it reaches.
 */

export const TILE_HEIGHT = 4;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
export const HASH_BYTES = 32;
/** 16 + 8 + 4 + 2 hashes. */
export const TILE_BYTES = (2 * TILE_WIDTH - 2) * HASH_BYTES;

/** Tile ids: `tile level · 2^40 + tile index` (they would overlap from 2^44 leaves: far beyond any log). */
const TILE_LEVEL_STRIDE = 2 ** 40;

export interface TileSlot {
  /** The tile's row id. */
  tile: number;
  /** The byte offset of the node's hash in the tile. */
  offset: number;
  /** The node exists once the tile's width reaches this (its last bottom node is there). */
  needsWidth: number;
}

/** The tile, and the place in it, of the complete subtree (level, index). */
export function tileSlot(level: number, index: number): TileSlot {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const height = level - tileLevel * TILE_HEIGHT;
  const perTile = TILE_WIDTH >> height;
  const tileIndex = Math.floor(index / perTile);
  const inTile = index - tileIndex * perTile;
  // The levels below this one in the tile take 16 + 8 + … = 32 - 2^(5 - height) hashes.
  const before = 2 * TILE_WIDTH - 2 * perTile;
  return {
    tile: tileLevel * TILE_LEVEL_STRIDE + tileIndex,
    offset: (before + inTile) * HASH_BYTES,
    needsWidth: (inTile + 1) << height,
  };
}
