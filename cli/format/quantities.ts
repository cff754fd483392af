import { systemName } from './words.js';

const order = ['qbo', 'zuper', 'base'];

/** Before → after per side, e.g. "QuickBooks 5 → 8, Zuper 8 → 8, base 5 → 8"; empty when nothing was recorded. */
export function formatQuantities(before: Record<string, number> | null, after: Record<string, number> | null): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );
  return keys.map((k) => `${systemName(k)} ${before?.[k] ?? '–'} → ${after?.[k] ?? '–'}`).join(', ');
}
