import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import { parseOrThrow } from '../http/validate.js';
import { sumQuantity } from '../stock/location-stock.js';
import { negativeStockError } from '../stock/stock-changes.js';
import type { CompanyStore } from '../store/company-store.js';
import type { LocationStock, ProductFields, ProductRecord, ProductType } from '../store/types.js';
import { checkLocationEntries, definitionPatch, searchTextOf } from './product-fields.js';
import { productRecord } from './product-record.js';
import { hasGetShapedFields, productInputSchema } from './product-input.js';

const createError = 'Error in Creating Product';

function defaultsFor(type: ProductType, company: CompanyStore): ProductFields {
  return {
    product_name: '',
    category_uid: '',
    product_type: type,
    product_id: '',
    prefix: company.settings.part_prefix,
    product_description: '',
    product_image: '',
    product_barcode: '',
    product_manual_link: '',
    brand: '',
    specification: '',
    uom: '',
    product_files: [],
    price: 0,
    purchase_price: null,
    markup: null,
    pricing_level: '',
    currency: '',
    tax: { tax_exempt: false, tax_name: '', tax_rate: '' },
    has_custom_tax: false,
    is_available: true,
    is_billable: true,
    consider_profitability: false,
    is_commissionable: false,
    // Emulator default when the body omits it: physical items track quantity, the rest do not.
    track_quantity: type === 'PRODUCT' || type === 'PARTS',
    min_quantity: 0,
    meta_data: [],
    formula: null,
    bu_uids: [],
    associated_products: [],
    option: null,
  };
}

/** Validates a create body (`product` object) and stores the new product. Fires no webhook. */
export function createProduct(ctx: ZuperContext, company: CompanyStore, raw: Record<string, unknown>): ProductRecord {
  if (hasGetShapedFields(raw)) throw badRequest(createError);
  const input = parseOrThrow(productInputSchema, raw, createError);
  if (input.product_name === undefined) throw badRequest('"product_name" is required', createError);
  if (input.product_category === undefined) throw badRequest('"product_category" is required', createError);
  const fields = definitionPatch(ctx, company, input);
  const entries = input.location_availability ?? [];
  checkLocationEntries(company, entries);
  if (entries.length === 0 && (input.quantity ?? 0) !== 0) {
    throw badRequest('Quantity must be assigned to a location', createError);
  }
  const now = ctx.nowIso();
  const stock: LocationStock[] = entries.map((entry) => ({
    location_uid: entry.location,
    quantity: entry.quantity ?? 0,
    min_quantity: entry.min_quantity ?? null,
    serial_nos: entry.serial_nos ?? [],
    _id: ctx.ids.objectId(),
    created_at: now,
  }));
  if (!company.settings.allow_negative_stock && stock.some((entry) => entry.quantity < 0)) {
    throw negativeStockError(ctx);
  }
  // Assigning onto the complete defaults object keeps one object shape (see productRecord).
  const definition = Object.assign(defaultsFor(fields.product_type ?? 'PRODUCT', company), fields, {
    product_name: input.product_name,
    category_uid: input.product_category,
  });
  const record = productRecord(definition, {
    seq: company.nextSeq(),
    _id: ctx.ids.objectId(),
    product_uid: ctx.ids.uuid(),
    product_no: company.nextProductNo(),
    stock,
    quantity: sumQuantity(stock),
    is_deleted: false,
    deleted_at: null,
    created_by: company.user,
    created_at: now,
    updated_at: now,
    searchText: '',
  });
  record.searchText = searchTextOf(record);
  company.products.set(record.product_uid, record);
  return record;
}
