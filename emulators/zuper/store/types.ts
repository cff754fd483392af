import type { InvoiceStatus } from '../invoices/invoice-statuses.js';

export interface UserRef {
  user_uid: string;
  first_name: string;
  last_name: string;
  email: string;
}

export const locationTypes = ['SITE', 'WAREHOUSE', 'VAN', 'OTHERS'] as const;

export interface LocationRecord {
  _id: string;
  location_uid: string;
  location_name: string;
  location_type: (typeof locationTypes)[number];
  location_description: string;
  can_fe_access: boolean;
  address: Record<string, unknown> | null;
  is_deleted: boolean;
  created_at: string;
  updated_at: string;
}

export interface CategoryRecord {
  _id: string;
  category_uid: string;
  category_name: string;
  category_description: string;
  category_icon: string;
  parent_category_uid: string | null;
  display_order: number;
  is_deleted: boolean;
  created_by: UserRef;
  created_at: string;
  updated_at: string;
}

/** One `location_availability[]` entry as stored: the location is a uid, embedded as an object on read. */
export interface LocationStock {
  location_uid: string;
  quantity: number;
  min_quantity: number | null;
  serial_nos: string[];
  _id: string;
  created_at: string;
}

export const productTypes = ['PRODUCT', 'PARTS', 'SERVICE', 'BUNDLE', 'LABOR SERVICE'] as const;
export type ProductType = (typeof productTypes)[number];

/** Product definition fields a client may write (location stock and system fields excluded). */
export interface ProductFields {
  product_name: string;
  category_uid: string;
  product_type: ProductType;
  product_id: string;
  prefix: string;
  product_description: string;
  product_image: string;
  product_barcode: string;
  product_manual_link: string;
  brand: string;
  specification: string;
  uom: string;
  product_files: Record<string, unknown>[];
  price: number;
  purchase_price: number | null;
  markup: { markup_type: string; markup_value: number } | null;
  pricing_level: string;
  currency: string;
  tax: Record<string, unknown>;
  has_custom_tax: boolean;
  is_available: boolean;
  is_billable: boolean;
  consider_profitability: boolean;
  is_commissionable: boolean;
  track_quantity: boolean;
  min_quantity: number;
  meta_data: Record<string, unknown>[];
  formula: unknown;
  bu_uids: string[];
  associated_products: unknown[];
  option: unknown;
}

export interface ProductRecord extends ProductFields {
  /** Creation order, the tiebreaker of every sort. */
  seq: number;
  _id: string;
  product_uid: string;
  product_no: number;
  stock: LocationStock[];
  /** Always the sum of `stock[].quantity`. */
  quantity: number;
  is_deleted: boolean;
  deleted_at: string | null;
  created_by: UserRef;
  created_at: string;
  updated_at: string;
  /** Lower-cased name, id, number and description for `keyword` filters. */
  searchText: string;
}

export type TransactionType = 'INWARD' | 'OUTWARD' | 'TRANSFER';

export interface TransactionRecord {
  seq: number;
  transaction_uid: string;
  type: TransactionType;
  product_uid: string;
  product_name: string;
  from_location_uid: string | null;
  to_location_uid: string | null;
  quantity: number;
  serial_nos: string[];
  remarks: string;
  purchase_price: number | null;
  is_deleted: boolean;
  created_by: UserRef;
  created_at: string;
}

export interface InvoiceLine {
  line_item_uid: string;
  product_uid: string | null;
  location_uid: string | null;
  quantity: number;
  unit_price: number;
  discount: number;
  total: number;
  /** Every other line field, echoed as sent. */
  extra: Record<string, unknown>;
}

/** What an invoice currently holds out of stock, keyed by `product_uid|location_uid`. */
export interface InvoiceStockState {
  consuming: boolean;
  restoredByDelete: boolean;
  applied: Map<string, number>;
}

export interface InvoiceRecord {
  seq: number;
  _id: string;
  invoice_uid: string;
  invoice_no: number;
  invoice_status: InvoiceStatus;
  invoice_date: string;
  line_items: InvoiceLine[];
  amount_paid: number;
  payment_history: Record<string, unknown>[];
  is_active: boolean;
  is_deleted: boolean;
  deleted_at: string | null;
  created_by: UserRef;
  created_at: string;
  updated_at: string;
  /** Every other top-level invoice field, echoed as sent. */
  extra: Record<string, unknown>;
  stock: InvoiceStockState;
}

export interface WebhookRecord {
  _id: string;
  webhook_uid: string;
  webhook_name: string;
  webhook_module: string | null;
  webhook_event: string;
  webhook_url: string;
  secret_key: string;
  is_active: boolean;
  content_type: string;
  request_method: string;
  /** As Zuper stores it: a JSON string (an object sent as headers) or a double-encoded string, or null. */
  headers: string | null;
  created_at: string;
  updated_at: string;
}
