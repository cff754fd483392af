import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import type { CompanyStore } from '../store/company-store.js';
import type { ProductFields, ProductRecord } from '../store/types.js';
import type { LocationEntryInput, ProductInput } from './product-input.js';

/** The definition fields present in an input, normalised (category uid checked, meta_data given fresh _ids). */
export function definitionPatch(ctx: ZuperContext, company: CompanyStore, input: ProductInput): Partial<ProductFields> {
  const patch: Partial<ProductFields> = {};
  const { product_category, markup, meta_data, price, tax, product_id } = input;
  const { min_quantity, ...rest } = input;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && !skipped.has(key)) (patch as Record<string, unknown>)[key] = value;
  }
  if (product_category !== undefined) {
    if (!company.activeCategory(product_category)) throw badRequest('Invalid Product Category', 'Invalid Data');
    patch.category_uid = product_category;
  }
  if (markup !== undefined) {
    patch.markup = markup && {
      markup_type: markup.markup_type,
      markup_value: markup.markup_value ?? markup.markup_price ?? 0,
    };
  }
  if (meta_data !== undefined) patch.meta_data = meta_data.map((field) => ({ ...field, _id: ctx.ids.objectId() }));
  if (price !== undefined) patch.price = price ?? 0;
  if (tax !== undefined) patch.tax = tax ?? {};
  if (product_id !== undefined) patch.product_id = product_id ?? '';
  if (min_quantity !== undefined) patch.min_quantity = min_quantity ?? 0;
  return patch;
}

/** Input keys that are not copied verbatim into the record. */
const skipped = new Set([
  'product_category',
  'markup',
  'meta_data',
  'price',
  'tax',
  'product_id',
  'quantity',
  'location_availability',
]);

/** Every location must exist (and not be deleted) and appear once. */
export function checkLocationEntries(company: CompanyStore, entries: readonly LocationEntryInput[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!company.activeLocation(entry.location)) throw badRequest('Invalid Location', 'Invalid Data');
    if (seen.has(entry.location)) throw badRequest('Duplicate location in location_availability', 'Invalid Data');
    seen.add(entry.location);
  }
}

export function searchTextOf(product: ProductRecord): string {
  return [product.product_name, product.product_id, String(product.product_no), product.product_description]
    .join('\n')
    .toLowerCase();
}

const untrackedTypes = new Set(['SERVICE', 'LABOR SERVICE', 'BUNDLE']);

/**
 * Whether stock moves for this item. SERVICE items and track_quantity:false items never move stock; nor do
 * bundles, whose component model is unconfirmed.
 */
export function tracksStock(product: Pick<ProductRecord, 'product_type' | 'track_quantity'>): boolean {
  return product.track_quantity && !untrackedTypes.has(product.product_type);
}
