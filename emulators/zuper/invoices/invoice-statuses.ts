/** Status-update enum (doc) plus PARTIALLY_PAID, which the list filter adds. */
export const invoiceStatuses = [
  'DRAFT',
  'AWAIT_PAYMENT',
  'PAID',
  'PARTIALLY_PAID',
  'BAD_DEBT',
  'ARCHIVED',
  'CLOSED',
  'CANCELED',
  'READY_TO_INVOICE',
] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
