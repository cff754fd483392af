import type { ProductRecord } from '../store/types.js';

export type ProductPredicate = (product: ProductRecord) => boolean;

export type LowStockValue = boolean | 'out_of_stock';

/** `low_stock`: true = at or under the reorder point (but above 0), false = above it, "out_of_stock" = 0 or less. */
export function lowStockPredicate(value: LowStockValue): ProductPredicate {
  if (value === 'out_of_stock') return (p) => p.quantity <= 0;
  if (value) return (p) => p.quantity > 0 && p.quantity <= p.min_quantity;
  return (p) => p.quantity > p.min_quantity;
}

export function keywordPredicate(keyword: string): ProductPredicate {
  const needle = keyword.toLowerCase();
  return (p) => p.searchText.includes(needle);
}

export function matchesAll(predicates: readonly ProductPredicate[]): ProductPredicate {
  return (p) => predicates.every((predicate) => predicate(p));
}
