import type { Side } from './sides.js';
import { isSystem, sideOfSystem } from './systems.js';

/** A settle's quantities as its history row keeps them: the base and each side the settle read (absent: not read). */
export type HistoryQuantities = Partial<Record<Side | 'base', number>>;

const isKept = (key: string): key is Side | 'base' => key === 'base' || key === 'accounting' || key === 'field';

/**
 * Reads a history row's quantities in either shape: rows written before the side-neutral history key each side by
 * its system (its folder name under integrations/), which names its side.
 */
export function historyQuantitiesOf(stored: Record<string, number> | null): HistoryQuantities | null {
  if (stored === null) return null;
  const read: HistoryQuantities = {};
  for (const [key, quantity] of Object.entries(stored)) {
    const kept = isSystem(key) ? sideOfSystem(key) : key;
    if (isKept(kept)) read[kept] = quantity;
  }
  return read;
}
