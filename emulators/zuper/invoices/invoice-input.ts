import { z } from 'zod';
import { numeric } from '../products/product-input.js';
import { invoiceStatuses } from './invoice-statuses.js';

export const invoiceLineInputSchema = z.looseObject({
  product_uid: z.string().min(1).nullable().optional(),
  location_uid: z.string().min(1).nullable().optional(),
  quantity: numeric.optional(),
  unit_price: numeric.nullable().optional(),
  discount: numeric.nullable().optional(),
  total: numeric.nullable().optional(),
});
export type InvoiceLineInput = z.infer<typeof invoiceLineInputSchema>;

/** `{"invoice":{...}}` for create and update; unknown fields are kept and echoed. */
export const invoiceInputSchema = z.looseObject({
  invoice_date: z.string().min(1).optional(),
  invoice_status: z.enum(invoiceStatuses).optional(),
  line_items: z.array(invoiceLineInputSchema).optional(),
});
export type InvoiceInput = z.infer<typeof invoiceInputSchema>;

/** Flat body of `PUT /invoice/{uid}/status`. */
export const invoiceStatusInputSchema = z.looseObject({
  invoice_status: z.enum(invoiceStatuses),
  invoice_uid: z.string().min(1),
  amount_paid: numeric.optional(),
  payment_date: z.string().optional(),
  payment_mode_uid: z.string().optional(),
  remarks: z.string().optional(),
});

export const recoverInputSchema = z.object({ entity_uids: z.array(z.string().min(1)).min(1) });

/** Fields the server owns: never taken from a body into the echoed extras. */
export const serverOwnedInvoiceFields = new Set([
  '_id',
  'invoice_uid',
  'invoice_no',
  'invoice_date',
  'invoice_status',
  'line_items',
  'is_paid',
  'is_active',
  'is_deleted',
  'deleted_at',
  'amount_paid',
  'amount_due',
  'payment_history',
  'sub_total',
  'total',
  'total_discount',
  'created_by',
  'created_at',
  'updated_at',
]);
