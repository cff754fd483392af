/**
 * The item of a definition sync as runs started before the side-neutral item sync name it, and the catalog word their
 * workflow ids carry. Can go once no such run is open and no replayed history holds one.
 */
import type { Side } from '../sides.js';
import { sideOfSystem, type System } from '../systems.js';
import type { ItemSyncTarget } from '../item-sync-catalog.js';

/**
 * The same item as runs started before the side-neutral item sync name it, in their inputs and in the activity tasks
 * they scheduled: `system` is `qbo` for the accounting side (whichever system sits there), `zuper` for the field side.
 */
interface OlderItemSyncTarget {
  system: System;
  id: string;
}

export type ItemSyncTargetInput = ItemSyncTarget | OlderItemSyncTarget;

/** Reads the item in either naming, so item syncs started before go on after an upgrade. */
export const itemSyncTargetOf = (input: ItemSyncTargetInput): ItemSyncTarget =>
  'side' in input ? { side: input.side, itemId: input.itemId } : { side: sideOfSystem(input.system), itemId: input.id };

/** The catalog a side's item syncs were named after in their workflow ids before the side-neutral ids. */
export const olderItemSyncCatalogOf = (side: Side): 'qbo' | 'zuper' => (side === 'accounting' ? 'qbo' : 'zuper');
