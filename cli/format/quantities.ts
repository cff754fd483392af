import type { HistoryEntry } from '../../operator/contract/history.js';
import type { SideNamesView } from '../../operator/contract/runs.js';

const order = ['accounting', 'field', 'base'] as const;

type Quantities = HistoryEntry['qtyBefore'];

/**
 * Before → after per side, named after the connection's systems, e.g. "<accounting> 5 → 8, <field> 8 → 8, base 5 → 8";
 * empty when nothing was recorded.
 */
export function formatQuantities(before: Quantities, after: Quantities, names: SideNamesView): string {
  return order
    .filter((key) => before?.[key] !== undefined || after?.[key] !== undefined)
    .map((key) => `${key === 'base' ? 'base' : names[key].system} ${before?.[key] ?? '–'} → ${after?.[key] ?? '–'}`)
    .join(', ');
}
