import { type Query, queryBoolean, queryDateMs } from '../http/query.js';
import { badRequest } from '../http/envelope.js';
import type { ProductRecord } from '../store/types.js';
import { customFieldPredicate } from './custom-field-filter.js';
import { keywordPredicate, lowStockPredicate, type ProductPredicate } from './product-predicates.js';

function equalsFilter(query: Query, key: string, pick: (p: ProductRecord) => string): ProductPredicate | undefined {
  const value = query[key];
  return value === undefined || value === '' ? undefined : (p) => pick(p) === value;
}

function booleanFilter(query: Query, key: string, pick: (p: ProductRecord) => boolean): ProductPredicate | undefined {
  const value = queryBoolean(query, key);
  return value === undefined ? undefined : (p) => pick(p) === value;
}

function dateRange(
  query: Query,
  fromKey: string,
  toKey: string,
  pick: (p: ProductRecord) => string,
): ProductPredicate | undefined {
  const fromMs = queryDateMs(query, fromKey);
  const toMs = queryDateMs(query, toKey);
  if (fromMs === undefined && toMs === undefined) return undefined;
  // Record timestamps are all toISOString() output, whose text order is time order: no parsing per product.
  const from = fromMs === undefined ? undefined : new Date(fromMs).toISOString();
  const to = toMs === undefined ? undefined : new Date(toMs).toISOString();
  return (p) => (from === undefined || pick(p) >= from) && (to === undefined || pick(p) <= to);
}

/** Predicates for the documented `filter.*` query parameters of `GET /product`. Deleted items only on request. */
export function productListPredicates(query: Query): ProductPredicate[] {
  const isDeleted = queryBoolean(query, 'filter.is_deleted') ?? false;
  const predicates: (ProductPredicate | undefined)[] = [
    (p) => p.is_deleted === isDeleted,
    query['filter.keyword'] ? keywordPredicate(query['filter.keyword']) : undefined,
    equalsFilter(query, 'filter.product_uid', (p) => p.product_uid),
    equalsFilter(query, 'filter.product_id', (p) => p.product_id),
    equalsFilter(query, 'filter.product_type', (p) => p.product_type),
    equalsFilter(query, 'filter.product_category', (p) => p.category_uid),
    equalsFilter(query, 'filter.category_uid', (p) => p.category_uid),
    equalsFilter(query, 'filter.brand', (p) => p.brand),
    equalsFilter(query, 'filter.specification', (p) => p.specification),
    equalsFilter(query, 'filter.pricing_level', (p) => p.pricing_level),
    booleanFilter(query, 'filter.is_available', (p) => p.is_available),
    booleanFilter(query, 'filter.is_billable', (p) => p.is_billable),
    dateRange(query, 'filter.from_date', 'filter.to_date', (p) => p.created_at),
    dateRange(query, 'filter.updated_at_from', 'filter.updated_at_to', (p) => p.updated_at),
  ];
  const location = query['filter.location_uid'];
  if (location) predicates.push((p) => p.stock.some((entry) => entry.location_uid === location));
  const serial = query['filter.serial_no'];
  if (serial) predicates.push((p) => p.stock.some((entry) => entry.serial_nos.includes(serial)));
  const lowStock = query['filter.low_stock'];
  if (lowStock) {
    if (lowStock !== 'true' && lowStock !== 'false' && lowStock !== 'out_of_stock') {
      throw badRequest('Invalid value for filter.low_stock');
    }
    predicates.push(lowStockPredicate(lowStock === 'out_of_stock' ? lowStock : lowStock === 'true'));
  }
  const customField = query['filter.custom_field'];
  if (customField) predicates.push(customFieldPredicate(customField));
  return predicates.filter((p): p is ProductPredicate => p !== undefined);
}
