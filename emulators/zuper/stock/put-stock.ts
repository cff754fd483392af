import type { LocationEntryInput } from '../products/product-input.js';
import type { LocationStock } from '../store/types.js';
import { addDelta } from './location-stock.js';

export interface PutStockRules {
  /** replace: locations missing from the body are removed; merge: they are kept. */
  mode: 'replace' | 'merge';
  /** An entry without `quantity` keeps the stored quantity, or resets it to 0. */
  omittedQuantity: 'keep' | 'reset';
}

/** The location stock a product PUT leads to. `create` makes a fresh entry for a location not stocked yet. */
export function nextStockOnPut(
  current: readonly LocationStock[],
  entries: readonly LocationEntryInput[],
  rules: PutStockRules,
  create: (locationUid: string) => LocationStock,
): LocationStock[] {
  const byLocation = new Map(current.map((entry) => [entry.location_uid, entry]));
  const next: LocationStock[] = rules.mode === 'merge' ? [...current] : [];
  for (const input of entries) {
    const old = byLocation.get(input.location);
    const kept = rules.omittedQuantity === 'keep' ? (old?.quantity ?? 0) : 0;
    const source = old ?? create(input.location);
    const entry: LocationStock = {
      location_uid: source.location_uid,
      quantity: input.quantity ?? kept,
      min_quantity: input.min_quantity !== undefined ? input.min_quantity : (old?.min_quantity ?? null),
      serial_nos: input.serial_nos ?? old?.serial_nos ?? [],
      _id: source._id,
      created_at: source.created_at,
    };
    const at = next.findIndex((e) => e.location_uid === input.location);
    if (at >= 0) next[at] = entry;
    else next.push(entry);
  }
  return next;
}

/** Per-location quantity change from one stock list to another (removed locations count as going to 0). */
export function stockDeltas(before: readonly LocationStock[], after: readonly LocationStock[]): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const entry of before) addDelta(deltas, entry.location_uid, -entry.quantity);
  for (const entry of after) addDelta(deltas, entry.location_uid, entry.quantity);
  return deltas;
}
