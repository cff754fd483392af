import { z } from 'zod';
import { productTypes } from '../store/types.js';

/** Numbers may arrive as numeric strings (the create example sends `"price":"26.0000"`). */
export const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
    .transform(Number),
]);

/** Free text that a GET→PUT round trip may send back as null. */
const text = z
  .string()
  .nullable()
  .transform((v) => v ?? '');

export const locationEntryInputSchema = z.object({
  location: z.string().min(1),
  quantity: numeric.optional(),
  min_quantity: numeric.nullable().optional(),
  serial_nos: z.array(z.string()).optional(),
});
export type LocationEntryInput = z.infer<typeof locationEntryInputSchema>;

/** The write shape of `{"product":{...}}`, every field optional (create checks its required ones). */
export const productInputSchema = z
  .object({
    product_name: z.string().trim().min(1),
    product_category: z.string().min(1),
    product_type: z.enum(productTypes),
    product_id: z.union([z.string(), z.number().transform(String)]).nullable(),
    prefix: text,
    product_description: text,
    product_image: text,
    product_barcode: text,
    product_manual_link: text,
    brand: text,
    specification: text,
    uom: text,
    product_files: z.array(z.record(z.string(), z.unknown())),
    price: numeric.nullable(),
    purchase_price: numeric.nullable(),
    markup: z
      .object({
        markup_type: z.enum(['FLAT', 'PERCENTAGE', 'MULTIPLIER']),
        markup_value: numeric.optional(),
        markup_price: numeric.optional(),
      })
      .nullable(),
    pricing_level: text,
    currency: text,
    tax: z.record(z.string(), z.unknown()).nullable(),
    has_custom_tax: z.boolean(),
    is_available: z.boolean(),
    is_billable: z.boolean(),
    consider_profitability: z.boolean(),
    is_commissionable: z.boolean(),
    track_quantity: z.boolean(),
    quantity: numeric.nullable(),
    min_quantity: numeric.nullable(),
    location_availability: z.array(locationEntryInputSchema),
    meta_data: z.array(z.looseObject({ label: z.string(), value: z.unknown().optional() })),
    formula: z.unknown(),
    bu_uids: z.array(z.string()),
    associated_products: z.array(z.unknown()),
    option: z.unknown(),
  })
  .partial();
export type ProductInput = z.infer<typeof productInputSchema>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when the body carries nested objects exactly as GET returns them, which the live PUT rejects with
 * "Error in Updating Product Details": an embedded category or location object, an object `uom`, or
 * `meta_data[]._id`.
 */
export function hasGetShapedFields(product: Record<string, unknown>): boolean {
  if (isObject(product.product_category) || isObject(product.uom)) return true;
  const locations = product.location_availability;
  if (Array.isArray(locations) && locations.some((entry) => isObject(entry) && isObject(entry.location))) return true;
  const meta = product.meta_data;
  return Array.isArray(meta) && meta.some((entry) => isObject(entry) && '_id' in entry);
}
