import type { ZuperProduct, ZuperProductRecord } from './product-schema.js';
import { uidOf } from './uid-of.js';

export function normalizeProduct(record: ZuperProductRecord): ZuperProduct {
  const locations = (record.location_availability ?? []).map((entry) => ({
    locationUid: uidOf(entry.location, 'location_uid'),
    quantity: entry.quantity ?? 0,
    minQuantity: entry.min_quantity ?? null,
  }));
  return {
    uid: record.product_uid,
    productId: record.product_id ?? null,
    name: record.product_name,
    description: record.product_description ?? '',
    type: record.product_type,
    categoryUid: record.product_category == null ? null : uidOf(record.product_category, 'category_uid'),
    price: record.price ?? null,
    purchasePrice: record.purchase_price ?? null,
    isAvailable: record.is_available ?? true,
    isDeleted: record.is_deleted ?? false,
    trackQuantity: record.track_quantity ?? false,
    // Zuper keeps the total equal to the sum of locations; fall back to that sum when the total is missing.
    quantity: record.quantity ?? locations.reduce((sum, l) => sum + l.quantity, 0),
    locations,
    updatedAt: record.updated_at ?? null,
    metaData: Object.fromEntries((record.meta_data ?? []).map((field) => [field.label, field.value])),
  };
}
