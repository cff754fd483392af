import { badRequest } from '../http/envelope.js';
import type { ProductRecord } from '../store/types.js';

type Compare = (a: ProductRecord, b: ProductRecord) => number;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
/** Case-insensitive code-point order: cheap enough to sort a 10,000-item catalog per request. */
const byText =
  (pick: (p: ProductRecord) => string): Compare =>
  (a, b) =>
    compareStrings(pick(a).toLowerCase(), pick(b).toLowerCase());
const byNumber =
  (pick: (p: ProductRecord) => number): Compare =>
  (a, b) =>
    pick(a) - pick(b);

/** sort_by values; `created_at` follows creation order, which the store already keeps. */
const comparators: Record<string, Compare | null> = {
  product_id: byText((p) => p.product_id),
  product_no: byNumber((p) => p.product_no),
  product_name: byText((p) => p.product_name),
  quantity: byNumber((p) => p.quantity),
  created_at: null,
};

/** The documented rule-engine sort keys, plus `updated_at` on the plain list. */
export const filterSortKeys = Object.keys(comparators);
export const listSortKeys = [...filterSortKeys, 'updated_at'];
const updatedAt: Compare = (a, b) => compareStrings(a.updated_at, b.updated_at);

export function parseSortDirection(raw: unknown, fallback: 'ASC' | 'DESC'): 'ASC' | 'DESC' {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'ASC' || raw === 'DESC') return raw;
  throw badRequest('Invalid Sort Value');
}

/** Sorts products already in creation order; ties keep creation order. Throws "Invalid Sort By Value". */
export function sortProducts(
  items: ProductRecord[],
  sortBy: unknown,
  direction: 'ASC' | 'DESC',
  allowed: readonly string[],
): ProductRecord[] {
  const key = sortBy === undefined || sortBy === '' ? 'created_at' : sortBy;
  if (typeof key !== 'string' || !allowed.includes(key)) throw badRequest('Invalid Sort By Value');
  const compare = key === 'updated_at' ? updatedAt : comparators[key];
  const sign = direction === 'ASC' ? 1 : -1;
  if (!compare) return direction === 'ASC' ? items : items.reverse();
  return items.sort((a, b) => sign * compare(a, b) || sign * (a.seq - b.seq));
}
