/** What a reconciliation found and did, per item; the workflow's result and the history's details. */
export interface DriftReport {
  checked: number;
  drifted: number;
  corrected: number;
  failed: number;
  definitionsSynced: number;
  linked: number;
  missing: { qboItemId: string; zuperProductUid: string; side: 'qbo' | 'zuper' }[];
  items: DriftReportItem[];
}

export interface DriftReportItem {
  qboItemId: string;
  zuperProductUid: string;
  base: number;
  qbo: number;
  zuper: number;
  status: 'corrected' | 'in-sync' | 'failed';
  toQbo?: number;
  toZuper?: number;
  /** Where the drift came from, as far as the quantities tell. */
  cause: string;
  explanation?: string;
}

/** Which side moved away from the base, in words. */
export function driftCause(item: { base: number; qbo: number; zuper: number }): string {
  const q = item.qbo !== item.base;
  const z = item.zuper !== item.base;
  if (q && z) return 'both systems changed since the last sync (missed or late webhooks on both sides)';
  if (q)
    return `QuickBooks changed by ${round(item.qbo - item.base)} without a sync (missed or late QuickBooks webhook)`;
  if (z) return `Zuper changed by ${round(item.zuper - item.base)} without a sync (missed or late Zuper webhook)`;
  return 'an interrupted settle was resumed';
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
