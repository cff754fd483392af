import { uidOf } from './uid-of.js';

// Fields PUT accepts. Server-derived ones (_id, product_no, created_*, updated_at, *_description copies) are left
// out: the only live-proven round trip (reference §2.5) sends exactly this set.
const WRITABLE_FIELDS = [
  'product_uid',
  'product_name',
  'product_id',
  'prefix',
  'product_category',
  'product_type',
  'product_description',
  'product_image',
  'product_barcode',
  'product_manual_link',
  'brand',
  'specification',
  'uom',
  'price',
  'purchase_price',
  'markup',
  'pricing_level',
  'currency',
  'tax',
  'has_custom_tax',
  'is_available',
  'is_billable',
  'consider_profitability',
  'is_commissionable',
  'track_quantity',
  'quantity',
  'min_quantity',
  'location_availability',
  'meta_data',
  'formula',
  'bu_uids',
  'product_files',
  'option',
] as const;

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/**
 * Turns a product as GET returns it into the body PUT accepts: PUT rejects GET's embedded objects with
 * "Error in Updating Product Details", so references become uids, `uom` a string, `formula` its write shape, and
 * custom-field rows lose their server `_id`.
 */
export function productRecordToPutBody(record: Json): Json {
  const body: Json = {};
  for (const field of WRITABLE_FIELDS) if (record[field] !== undefined) body[field] = record[field];
  if (record.product_category != null) body.product_category = uidOf(record.product_category, 'category_uid');
  if (asObject(record.uom)) body.uom = uidOf(record.uom, 'uom_uid', 'uid', 'uom_name', 'name');
  if (Array.isArray(record.location_availability)) {
    body.location_availability = record.location_availability.map(flattenLocationEntry);
  }
  if (Array.isArray(record.meta_data)) body.meta_data = record.meta_data.map(withoutServerId);
  if (Array.isArray(record.bu_uids))
    body.bu_uids = record.bu_uids.map((bu) => uidOf(bu, 'bu_uid', 'uid')).filter((uid) => uid !== '');
  const formula = formulaWriteShape(record.formula);
  if (formula === undefined) delete body.formula;
  else body.formula = formula;
  return body;
}

function flattenLocationEntry(entry: unknown): Json {
  const o = asObject(entry) ?? {};
  return {
    location: uidOf(o.location, 'location_uid'),
    quantity: o.quantity,
    min_quantity: o.min_quantity ?? null,
    serial_nos: Array.isArray(o.serial_nos) ? o.serial_nos : [],
  };
}

function withoutServerId(row: unknown): unknown {
  const o = asObject(row);
  if (!o) return row;
  const { _id: _ignored, ...rest } = o;
  return rest;
}

function formulaWriteShape(formula: unknown): unknown {
  if (typeof formula === 'string') return formula === '' ? undefined : formula;
  const o = asObject(formula);
  if (!o || typeof o.formula_uid !== 'string') return undefined;
  const inner = asObject(o.formula);
  return {
    formula_uid: o.formula_uid,
    formula_name: o.formula_name,
    formula_key: o.formula_key,
    ...(inner
      ? {
          formula: {
            expression: inner.expression,
            expression_map: inner.expression_map,
            rounding_mechanism: inner.rounding_mechanism,
          },
        }
      : {}),
  };
}
