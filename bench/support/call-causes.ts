import type { RequestLogEntry } from '../../emulators/common/admin.js';
import { endpointOf } from './request-tally.js';

/** What an API call is for on a consumption's path, told from its endpoint (and, for some, what came before it). */
export type CallCause =
  | 'delivery: invoice read (names the items)'
  | 'delivery: movement-list read'
  | 'settle: quantity read'
  | 'settle: quantity read again (a later pass)'
  | 'write (the movement)'
  | 'echo of our write: movement-list read'
  | 'watch / reconciliation'
  | 'other';

/** The order causes are printed in, the way the work flows. */
export const callCauses: readonly CallCause[] = [
  'delivery: invoice read (names the items)',
  'delivery: movement-list read',
  'settle: quantity read',
  'settle: quantity read again (a later pass)',
  'write (the movement)',
  'echo of our write: movement-list read',
  'watch / reconciliation',
  'other',
];

type Kind = 'invoice' | 'movement-list' | 'quantity' | 'write' | 'watch' | 'other';

const kinds: readonly [RegExp, Kind][] = [
  [/^GET \/api\/product\/transaction$/, 'movement-list'],
  [/^GET \/api\/invoice\/:id$/, 'invoice'],
  [/^GET \/v3\/company\/:id\/invoice\/:id$/, 'invoice'],
  [/^GET \/api\/product\/:id$/, 'quantity'],
  [/^GET \/v3\/company\/:id\/item\/:id$/, 'quantity'],
  [/^POST \/api\/product\/:id\/(inward|outward)$/, 'write'],
  [/^POST \/v3\/company\/:id\/(inventoryadjustment|item)$/, 'write'],
  [/^(GET|POST) \/v3\/company\/:id\/(query|cdc|batch)$/, 'watch'],
];

const kindOf = (e: RequestLogEntry): Kind => kinds.find(([pattern]) => pattern.test(endpointOf(e)))?.[1] ?? 'other';

/**
 * The causes of the calls one consumption made, both systems' requests merged in the order they were received (the
 * consumption ran alone, so every call is its own). A movement-list read after our write is that write's echo; a
 * quantity read after the first is a later pass of the settle.
 */
export function causesOf(calls: readonly { system: 'qbo' | 'zuper'; entry: RequestLogEntry }[]) {
  const ordered = [...calls].sort(
    (a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.entry.seq - b.entry.seq,
  );
  let wrote = false;
  let quantityReads = 0;
  return ordered.map(({ system, entry }) => {
    const kind = kindOf(entry);
    const cause = ((): CallCause => {
      switch (kind) {
        case 'invoice':
          return 'delivery: invoice read (names the items)';
        case 'movement-list':
          return wrote ? 'echo of our write: movement-list read' : 'delivery: movement-list read';
        case 'quantity':
          return quantityReads++ === 0 ? 'settle: quantity read' : 'settle: quantity read again (a later pass)';
        case 'write':
          wrote = true;
          return 'write (the movement)';
        case 'watch':
          return 'watch / reconciliation';
        case 'other':
          return 'other';
      }
    })();
    return { system, cause, endpoint: endpointOf(entry) };
  });
}

/** One line of a call table: calls per consumption on each side. */
export interface CallRow {
  key: string;
  qbo: number;
  zuper: number;
}

/** Calls per consumption grouped by `keyOf`, in the order `order` gives (unlisted keys after, as first seen). */
export function perConsumption<T extends { system: 'qbo' | 'zuper' }>(
  calls: readonly T[],
  consumptions: number,
  keyOf: (call: T) => string,
  order: readonly string[] = [],
): CallRow[] {
  const rows = new Map<string, CallRow>(order.map((key) => [key, { key, qbo: 0, zuper: 0 }]));
  for (const call of calls) {
    const key = keyOf(call);
    const row = rows.get(key) ?? { key, qbo: 0, zuper: 0 };
    row[call.system] += 1 / consumptions;
    rows.set(key, row);
  }
  return [...rows.values()].filter((r) => r.qbo > 0 || r.zuper > 0);
}
