import type { CompanyStore } from '../store/company-store.js';
import type { ProductRecord } from '../store/types.js';

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The GET shape: category and locations embedded as objects, `quantity` the per-location sum. */
export function productView(company: CompanyStore, p: ProductRecord): Record<string, unknown> {
  const category = company.categories.get(p.category_uid);
  return {
    _id: p._id,
    product_uid: p.product_uid,
    prefix: p.prefix,
    product_id: p.product_id,
    product_no: p.product_no,
    product_category: { category_name: category?.category_name ?? '', category_uid: p.category_uid },
    product_name: p.product_name,
    product_description: p.product_description,
    markdown_description: plainText(p.product_description),
    plain_text_description: plainText(p.product_description),
    product_type: p.product_type,
    product_image: p.product_image,
    product_barcode: p.product_barcode,
    product_manual_link: p.product_manual_link,
    product_files: p.product_files,
    brand: p.brand,
    specification: p.specification,
    uom: p.uom,
    price: p.price,
    purchase_price: p.purchase_price,
    markup: p.markup,
    pricing_level: p.pricing_level,
    currency: p.currency,
    tax: p.tax,
    has_custom_tax: p.has_custom_tax,
    is_available: p.is_available,
    is_billable: p.is_billable,
    consider_profitability: p.consider_profitability,
    is_commissionable: p.is_commissionable,
    track_quantity: p.track_quantity,
    quantity: p.quantity,
    min_quantity: p.min_quantity,
    location_availability: p.stock.map((entry) => {
      const location = company.locations.get(entry.location_uid);
      return {
        location: {
          location_uid: entry.location_uid,
          location_name: location?.location_name ?? '',
          is_deleted: location?.is_deleted ?? true,
        },
        quantity: entry.quantity,
        min_quantity: entry.min_quantity,
        serial_nos: entry.serial_nos,
        _id: entry._id,
        created_at: entry.created_at,
      };
    }),
    meta_data: p.meta_data,
    formula: p.formula,
    bu_uids: p.bu_uids,
    associated_products: p.associated_products,
    option: p.option,
    is_supplier_integrated_product: false,
    is_deleted: p.is_deleted,
    deleted_at: p.deleted_at,
    created_by: p.created_by,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

/** List items also carry `id` (the Mongo id). */
export function productListItemView(company: CompanyStore, p: ProductRecord): Record<string, unknown> {
  return { ...productView(company, p), id: p._id };
}
