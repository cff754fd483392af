import type { LocationStock } from '../store/types.js';

/** product.quantity: the plain sum of per-location quantities, float drift included, as Zuper reports it. */
export function sumQuantity(stock: readonly Pick<LocationStock, 'quantity'>[]): number {
  let total = 0;
  for (const entry of stock) total += entry.quantity;
  return total;
}

/**
 * The first location that a set of per-location deltas would take below 0. Only decreases count: an inward
 * onto an already negative location is always allowed.
 */
export function locationTakenBelowZero(
  stock: readonly Pick<LocationStock, 'location_uid' | 'quantity'>[],
  deltas: ReadonlyMap<string, number>,
): string | undefined {
  for (const [locationUid, delta] of deltas) {
    if (!(delta < 0)) continue;
    const before = stock.find((entry) => entry.location_uid === locationUid)?.quantity ?? 0;
    if (before + delta < 0) return locationUid;
  }
  return undefined;
}

/** Adds `delta` to the map entry for `key` (creating it), dropping entries that net to exactly 0. */
export function addDelta(deltas: Map<string, number>, key: string, delta: number): void {
  const next = (deltas.get(key) ?? 0) + delta;
  if (next === 0) deltas.delete(key);
  else deltas.set(key, next);
}
