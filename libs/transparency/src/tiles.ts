/**
 * Where the tree file keeps a node's hash: in tiles, as C2SP tlog-tiles cut the tree, but each
 * tile holding its interior nodes too so that any node is one read.
 *
 * A tile of tile-level L (L = 0, 1, …) is the complete subtree of height 8 above 256 nodes of
 * level 8L: it holds their 256 hashes, then the 128 of level 8L+1, … down to the 2 of level
 * 8L+7 (510 hashes, 16,320 bytes); the 1 of level 8L+8 is the bottom of a tile of level L+1.
 * One row per tile instead of one per node: about 100 bytes written per leaf, and a batch of
 * leaves rewrites a few tiles instead of inserting two rows per leaf. A tile's `width` is how
 * many of its bottom nodes exist (256 once complete); the nodes above exist as far as it reaches.
 */

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
export const HASH_BYTES = 32;
/** 256 + 128 + … + 2 hashes. */
export const TILE_BYTES = (2 * TILE_WIDTH - 2) * HASH_BYTES;

/** Tile ids: `tile level · 2^40 + tile index` (2^40 leaves and more would overlap; the log is far from it). */
const TILE_LEVEL_STRIDE = 2 ** 40;

export interface TileSlot {
  /** The tile's row id. */
  tile: number;
  /** The byte offset of the node's hash in the tile. */
  offset: number;
  /** The node exists once the tile's width reaches this. */
  needsWidth: number;
  /** The node is one of the tile's bottom nodes: writing it widens the tile to `needsWidth`. */
  bottom: boolean;
}

/** The tile, and the place in it, of the complete subtree (level, index). */
export function tileSlot(level: number, index: number): TileSlot {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const height = level - tileLevel * TILE_HEIGHT;
  const perTile = TILE_WIDTH >> height;
  const tileIndex = Math.floor(index / perTile);
  const inTile = index - tileIndex * perTile;
  // Levels below this one in the tile take 256 + 128 + … = 512 - 2^(9 - height) hashes.
  const before = 2 * TILE_WIDTH - 2 * perTile;
  return {
    tile: tileLevel * TILE_LEVEL_STRIDE + tileIndex,
    offset: (before + inTile) * HASH_BYTES,
    needsWidth: (inTile + 1) << height,
    bottom: height === 0,
  };
}
