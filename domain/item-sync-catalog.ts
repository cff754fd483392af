import type { Side } from './sides.js';

/** The item an item's definition sync is for: the side it changed on and its id there. */
export interface ItemSyncTarget {
  side: Side;
  itemId: string;
}
