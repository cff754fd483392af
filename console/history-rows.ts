import type { HistoryEntry } from '../operator/contract/history.js';
import type { Side } from '../domain/sides.js';

/** The history filters the console offers: the API's (item, kind, status) and a date range applied to its rows. */
export interface HistoryFilters {
  item?: string;
  kind?: string;
  status?: string;
  from?: string;
  to?: string;
}

/**
 * A side's quantity before → after. A settle asked for by the other side alone records no quantity of this one (it
 * was not read, only written: the summary says by how much), which the cell says rather than staying blank.
 */
const quantitiesOf = (e: HistoryEntry, side: Side) => {
  const before = e.qtyBefore?.[side];
  const after = e.qtyAfter?.[side];
  if (before === undefined && after === undefined) return e.qtyBefore?.base === undefined ? '' : 'not read';
  return `${before ?? '?'} → ${after ?? '?'}`;
};

/** One history row as the table and the CSV show it. */
export function historyRow(e: HistoryEntry) {
  return {
    id: e.id,
    time: e.startedAt,
    item: e.itemName ?? '',
    accountingItemId: e.accountingItemId ?? '',
    fieldItemId: e.fieldItemId ?? '',
    kind: e.kind,
    status: e.status,
    accounting: quantitiesOf(e, 'accounting'),
    field: quantitiesOf(e, 'field'),
    summary: e.summary,
    explanation: e.explanation ?? '',
    fix: e.fix ?? '',
  };
}

export const historyColumns = [
  'id',
  'time',
  'item',
  'accountingItemId',
  'fieldItemId',
  'kind',
  'status',
  'accounting',
  'field',
  'summary',
  'explanation',
  'fix',
] as const;

/** The rows within the date range (UTC days, inclusive), newest first as the API lists them. */
export function withinDates(entries: HistoryEntry[], filters: HistoryFilters): HistoryEntry[] {
  const from = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : -Infinity;
  const to = filters.to ? Date.parse(`${filters.to}T23:59:59.999Z`) : Infinity;
  return entries.filter((e) => {
    const at = Date.parse(e.startedAt);
    return at >= from && at <= to;
  });
}
