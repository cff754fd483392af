import type { ZuperProductType } from './product-schema.js';

/** Definition fields the sync may set; quantities move only through stock transactions. */
export interface ZuperProductPatch {
  name?: string;
  productId?: string | null;
  description?: string;
  type?: ZuperProductType;
  categoryUid?: string;
  price?: number | null;
  purchasePrice?: number | null;
  isAvailable?: boolean;
  trackQuantity?: boolean;
  /** Custom field values by label; other custom fields are kept. */
  metaData?: Record<string, string>;
}

export interface ZuperProductInput extends ZuperProductPatch {
  name: string;
  categoryUid: string;
  type: ZuperProductType;
  trackQuantity: boolean;
  /** Opening stock per location; a location assigned at creation cannot be changed in Zuper later. */
  locations?: { locationUid: string; quantity: number; minQuantity?: number | null }[];
}

type Json = Record<string, unknown>;

const FIELD_NAMES = {
  name: 'product_name',
  productId: 'product_id',
  description: 'product_description',
  type: 'product_type',
  categoryUid: 'product_category',
  price: 'price',
  purchasePrice: 'purchase_price',
  isAvailable: 'is_available',
  trackQuantity: 'track_quantity',
} as const satisfies Record<Exclude<keyof ZuperProductPatch, 'metaData'>, string>;

/** Zuper field values for the patch's scalar fields (custom fields are merged separately). */
export function patchToZuperFields(patch: ZuperProductPatch): Json {
  const fields: Json = {};
  for (const [key, zuperName] of Object.entries(FIELD_NAMES)) {
    const value = patch[key as keyof typeof FIELD_NAMES];
    if (value !== undefined) fields[zuperName] = value;
  }
  return fields;
}

/** Sets the given custom-field values by label, keeping every other row as it is. */
export function mergeMetaData(existing: readonly unknown[], values: Record<string, string>): unknown[] {
  const pending = new Map(Object.entries(values));
  const merged = existing.map((row) => {
    const label = typeof row === 'object' && row !== null ? (row as Json).label : undefined;
    if (typeof label !== 'string' || !pending.has(label)) return row;
    const value = pending.get(label);
    pending.delete(label);
    return { ...(row as Json), value };
  });
  for (const [label, value] of pending) merged.push(newMetaRow(label, value));
  return merged;
}

function newMetaRow(label: string, value: string): Json {
  return { label, value, type: 'SINGLE_LINE', module_name: 'PRODUCT', hide_field: false, hide_to_fe: false };
}

/** The `product` object for POST /product. */
export function productCreateBody(input: ZuperProductInput): Json {
  const locations = input.locations ?? [];
  const minimums = locations.map((l) => l.minQuantity).filter((m): m is number => typeof m === 'number');
  return {
    is_available: true,
    ...patchToZuperFields(input),
    quantity: locations.reduce((sum, l) => sum + l.quantity, 0),
    // The Zuper UI fills the product-level minimum from the location minimums.
    ...(minimums.length > 0 ? { min_quantity: minimums.reduce((a, b) => a + b, 0) } : {}),
    location_availability: locations.map((l) => ({
      location: l.locationUid,
      quantity: l.quantity,
      min_quantity: l.minQuantity ?? null,
      serial_nos: [],
    })),
    meta_data: mergeMetaData([], input.metaData ?? {}),
  };
}
