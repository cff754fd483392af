import { addDelta } from '../stock/location-stock.js';
import type { StockPlan } from '../stock/stock-changes.js';
import type { InvoiceLine } from '../store/types.js';

const separator = '|';

/**
 * What an invoice's lines hold out of stock, keyed by `product_uid|location_uid`: tracked lines only; a line
 * without a location consumes at the fallback location, or nowhere when there is none.
 */
export function consumptionOf(
  lines: readonly Pick<InvoiceLine, 'product_uid' | 'location_uid' | 'quantity'>[],
  isTracked: (productUid: string) => boolean,
  fallbackLocation: string | null,
): Map<string, number> {
  const held = new Map<string, number>();
  for (const line of lines) {
    if (line.product_uid === null || !isTracked(line.product_uid)) continue;
    const location = line.location_uid ?? fallbackLocation;
    if (location === null) continue;
    addDelta(held, `${line.product_uid}${separator}${location}`, line.quantity);
  }
  return held;
}

/** The stock movements that take an invoice from holding `applied` to holding `target`. */
export function planBetween(applied: ReadonlyMap<string, number>, target: ReadonlyMap<string, number>): StockPlan {
  const plan: StockPlan = new Map();
  const add = (key: string, delta: number) => {
    const [productUid = '', locationUid = ''] = key.split(separator);
    const deltas = plan.get(productUid) ?? new Map<string, number>();
    addDelta(deltas, locationUid, delta);
    if (deltas.size > 0) plan.set(productUid, deltas);
    else plan.delete(productUid);
  };
  for (const [key, qty] of applied) add(key, qty);
  for (const [key, qty] of target) add(key, -qty);
  return plan;
}
