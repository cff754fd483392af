import { badRequest } from '../http/envelope.js';
import { type Query, queryBoolean, queryDateMs, withinRange } from '../http/query.js';
import type { InvoiceRecord } from '../store/types.js';

type InvoicePredicate = (inv: InvoiceRecord) => boolean;

function range(query: Query, fromKey: string, toKey: string, pick: (inv: InvoiceRecord) => unknown): InvoicePredicate {
  const from = queryDateMs(query, fromKey);
  const to = queryDateMs(query, toKey);
  if (from === undefined && to === undefined) return () => true;
  return (inv) => {
    const value = pick(inv);
    return typeof value === 'string' && withinRange(Date.parse(value), from, to);
  };
}

function extraEquals(query: Query, key: string, field: string): InvoicePredicate {
  const value = query[key];
  return value ? (inv) => inv.extra[field] === value : () => true;
}

/** The documented `filter.*` parameters of `GET /invoice` that the emulated fields can answer. */
export function invoiceListPredicate(query: Query): InvoicePredicate {
  const deleted = queryBoolean(query, 'filter.is_deleted') ?? false;
  const paid = queryBoolean(query, 'filter.is_paid');
  const active = queryBoolean(query, 'filter.is_active');
  const status = query['filter.status'];
  const uid = query['filter.invoice_uid'];
  const keyword = query['filter.keyword']?.toLowerCase();
  const checks: InvoicePredicate[] = [
    (inv) => inv.is_deleted === deleted,
    (inv) => paid === undefined || (inv.invoice_status === 'PAID') === paid,
    (inv) => active === undefined || inv.is_active === active,
    (inv) => !status || inv.invoice_status === status,
    (inv) => !uid || inv.invoice_uid === uid,
    (inv) =>
      !keyword ||
      [String(inv.invoice_no), inv.extra.reference_no, inv.extra.description].some(
        (v) => typeof v === 'string' && v.toLowerCase().includes(keyword),
      ),
    extraEquals(query, 'filter.job', 'job'),
    extraEquals(query, 'filter.customer', 'customer'),
    extraEquals(query, 'filter.estimate', 'estimate'),
    range(query, 'filter.created_from_date', 'filter.created_to_date', (inv) => inv.created_at),
    range(query, 'filter.invoice_from_date', 'filter.invoice_to_date', (inv) => inv.invoice_date),
    range(query, 'filter.due_from_date', 'filter.due_to_date', (inv) => inv.extra.due_date),
    range(query, 'filter.updated_at_from', 'filter.updated_at_to', (inv) => inv.updated_at),
  ];
  return (inv) => checks.every((check) => check(inv));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const sortKeys: Record<string, (inv: InvoiceRecord) => string | number> = {
  invoice_no: (inv) => inv.invoice_no,
  reference_no: (inv) => text(inv.extra.reference_no),
  created_at: (inv) => inv.seq,
  invoice_date: (inv) => inv.invoice_date,
  due_date: (inv) => text(inv.extra.due_date),
};

export function sortInvoices(
  items: InvoiceRecord[],
  sortBy: string | undefined,
  direction: 'ASC' | 'DESC',
): InvoiceRecord[] {
  const key = sortKeys[sortBy || 'created_at'];
  if (!key) throw badRequest('Invalid Sort By Value');
  const sign = direction === 'ASC' ? 1 : -1;
  return items.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return sign * (x < y ? -1 : x > y ? 1 : 0) || sign * (a.seq - b.seq);
  });
}
