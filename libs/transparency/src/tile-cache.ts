/**
 * Complete tiles of the tree file, kept in memory with a bound (least recently used out first).
 * A complete tile (all 16 bottom nodes there) never changes again: leaves are only ever appended,
 * so a complete subtree's hash is final, and any process sharing the file may cache it. Tiles
 * still growing at the right edge are never kept. Proofs of a cycle's events touch the same
 * tiles bundle after bundle, and the tiles left of the right edge are most of any proof.
 */
import { TILE_WIDTH } from './tiles.js';

export class TileCache {
  private readonly tiles = new Map<number, Buffer>();

  constructor(private readonly limit: number) {}

  get(id: number): Buffer | undefined {
    const hashes = this.tiles.get(id);
    if (hashes) {
      // Map keeps insertion order: moving the tile to the end makes the first one the oldest.
      this.tiles.delete(id);
      this.tiles.set(id, hashes);
    }
    return hashes;
  }

  /** Keeps the tile if it is complete (`width` 16); answers whether it did. */
  offer(id: number, width: number, hashes: Buffer): boolean {
    if (width < TILE_WIDTH || this.limit <= 0) return false;
    this.tiles.delete(id);
    this.tiles.set(id, hashes);
    if (this.tiles.size > this.limit) this.tiles.delete(this.tiles.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.tiles.size;
  }
}
