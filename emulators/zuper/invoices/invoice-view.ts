import type { InvoiceRecord } from '../store/types.js';

export function invoiceView(inv: InvoiceRecord): Record<string, unknown> {
  let subTotal = 0;
  let discount = 0;
  for (const line of inv.line_items) {
    subTotal += line.total;
    discount += line.discount;
  }
  return {
    _id: inv._id,
    invoice_uid: inv.invoice_uid,
    invoice_no: inv.invoice_no,
    prefix: 'INV',
    ...inv.extra,
    invoice_date: inv.invoice_date,
    invoice_status: inv.invoice_status,
    is_paid: inv.invoice_status === 'PAID',
    is_active: inv.is_active,
    is_deleted: inv.is_deleted,
    deleted_at: inv.deleted_at,
    line_items: inv.line_items.map((line) => ({
      line_item_uid: line.line_item_uid,
      ...line.extra,
      product_uid: line.product_uid,
      location_uid: line.location_uid,
      quantity: line.quantity,
      unit_price: line.unit_price,
      discount: line.discount,
      total: line.total,
    })),
    sub_total: subTotal,
    total_discount: discount,
    total: subTotal,
    amount_paid: inv.amount_paid,
    amount_due: subTotal - inv.amount_paid,
    payment_history: inv.payment_history,
    created_by: inv.created_by,
    created_at: inv.created_at,
    updated_at: inv.updated_at,
  };
}
