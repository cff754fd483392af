import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import { parseOrThrow } from '../http/validate.js';
import type { CompanyStore } from '../store/company-store.js';
import type { InvoiceRecord } from '../store/types.js';
import { invoiceInputSchema, invoiceStatusInputSchema, serverOwnedInvoiceFields } from './invoice-input.js';
import { buildLines } from './invoice-lines.js';
import { applyInvoiceStock } from './invoice-stock.js';

const invalid = 'Invalid Data';

function extrasOf(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key]) => !serverOwnedInvoiceFields.has(key)));
}

export function createInvoice(ctx: ZuperContext, company: CompanyStore, raw: Record<string, unknown>): InvoiceRecord {
  const input = parseOrThrow(invoiceInputSchema, raw);
  if (!input.invoice_date) throw badRequest('"invoice_date" is required', invalid);
  const lines = buildLines(ctx, company, input.line_items ?? []);
  const now = ctx.nowIso();
  const status = input.invoice_status ?? 'DRAFT';
  const invoice: InvoiceRecord = {
    seq: company.nextSeq(),
    _id: ctx.ids.objectId(),
    invoice_uid: ctx.ids.uuid(),
    invoice_no: company.nextInvoiceNo(),
    invoice_status: status,
    invoice_date: input.invoice_date,
    line_items: [],
    amount_paid: 0,
    payment_history: [],
    is_active: true,
    is_deleted: false,
    deleted_at: null,
    created_by: company.user,
    created_at: now,
    updated_at: now,
    extra: extrasOf(input),
    stock: { consuming: false, restoredByDelete: false, applied: new Map() },
  };
  applyInvoiceStock(ctx, company, invoice, { kind: 'create', status }, lines);
  invoice.line_items = lines;
  company.invoices.set(invoice.invoice_uid, invoice);
  return invoice;
}

/** PUT: sent fields replace stored ones; `line_items`, when sent, replaces all lines. Status is not set here. */
export function updateInvoice(
  ctx: ZuperContext,
  company: CompanyStore,
  invoice: InvoiceRecord,
  raw: Record<string, unknown>,
): void {
  const input = parseOrThrow(invoiceInputSchema, raw);
  const lines = input.line_items !== undefined ? buildLines(ctx, company, input.line_items) : invoice.line_items;
  applyInvoiceStock(ctx, company, invoice, { kind: 'update' }, lines);
  invoice.line_items = lines;
  if (input.invoice_date) invoice.invoice_date = input.invoice_date;
  Object.assign(invoice.extra, extrasOf(input));
  invoice.updated_at = ctx.nowIso();
}

export function setInvoiceStatus(ctx: ZuperContext, company: CompanyStore, invoice: InvoiceRecord, raw: unknown): void {
  const input = parseOrThrow(invoiceStatusInputSchema, raw);
  if (input.invoice_uid !== invoice.invoice_uid) throw badRequest('invoice_uid does not match the path', invalid);
  applyInvoiceStock(ctx, company, invoice, { kind: 'status', status: input.invoice_status }, invoice.line_items);
  invoice.invoice_status = input.invoice_status;
  if (input.amount_paid !== undefined) {
    invoice.amount_paid += input.amount_paid;
    invoice.payment_history.push({
      amount: input.amount_paid,
      payment_date: input.payment_date ?? ctx.nowIso(),
      payment_mode_uid: input.payment_mode_uid ?? null,
      remarks: input.remarks ?? '',
    });
  }
  invoice.updated_at = ctx.nowIso();
}

export function deleteInvoice(ctx: ZuperContext, company: CompanyStore, invoice: InvoiceRecord): void {
  applyInvoiceStock(ctx, company, invoice, { kind: 'delete' }, invoice.line_items);
  invoice.is_deleted = true;
  invoice.deleted_at = ctx.nowIso();
  invoice.updated_at = invoice.deleted_at;
}

export function recoverInvoice(ctx: ZuperContext, company: CompanyStore, invoice: InvoiceRecord): void {
  applyInvoiceStock(ctx, company, invoice, { kind: 'recover' }, invoice.line_items);
  invoice.is_deleted = false;
  invoice.deleted_at = null;
  invoice.updated_at = ctx.nowIso();
}
