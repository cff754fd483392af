import { z } from 'zod';
import { embeddedRef, flag, numeric } from './schemas.js';

export const ZUPER_PRODUCT_TYPES = ['PRODUCT', 'PARTS', 'SERVICE', 'BUNDLE', 'LABOR SERVICE'] as const;
export type ZuperProductType = (typeof ZUPER_PRODUCT_TYPES)[number];

const locationAvailabilityRecord = z.looseObject({
  location: embeddedRef('location_uid'),
  quantity: numeric.nullish(),
  min_quantity: numeric.nullish(),
});

/** A product as GET returns it. Loose: every field we do not read is kept for the GET→PUT round trip. */
export const productRecord = z.looseObject({
  product_uid: z.string().min(1),
  product_id: z.union([z.string(), z.number().transform(String)]).nullish(),
  product_name: z.string(),
  product_description: z.string().nullish(),
  product_type: z.enum(ZUPER_PRODUCT_TYPES),
  product_category: embeddedRef('category_uid').nullish(),
  price: numeric.nullish(),
  purchase_price: numeric.nullish(),
  is_available: flag.optional(),
  is_deleted: flag.optional(),
  track_quantity: flag.optional(),
  quantity: numeric.nullish(),
  location_availability: z.array(locationAvailabilityRecord).nullish(),
  meta_data: z.array(z.looseObject({ label: z.string(), value: z.unknown() })).nullish(),
  updated_at: z.string().nullish(),
});

export type ZuperProductRecord = z.output<typeof productRecord>;

export interface ZuperProductLocation {
  locationUid: string;
  quantity: number;
  minQuantity: number | null;
}

export interface ZuperProduct {
  uid: string;
  /** The user-facing code, matched against the QuickBooks SKU. */
  productId: string | null;
  name: string;
  /** As stored: Zuper keeps HTML here. */
  description: string;
  type: ZuperProductType;
  categoryUid: string | null;
  price: number | null;
  purchasePrice: number | null;
  isAvailable: boolean;
  isDeleted: boolean;
  trackQuantity: boolean;
  /** Total over all locations. */
  quantity: number;
  locations: ZuperProductLocation[];
  updatedAt: string | null;
  /** Custom field values by label, e.g. `"QB Product ID"`. */
  metaData: Record<string, unknown>;
}
