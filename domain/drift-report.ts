import type { Side } from './sides.js';

/**
 * The catalogs a drift report names, by their names in reports recorded so far (histories, the operator API): `qbo`
 * the accounting side's, whichever system sits there, `zuper` the field side's (docs/sides.md, "What is still named
 * after a vendor").
 */
export type DriftCatalog = 'qbo' | 'zuper';

export const driftCatalogOf = (side: Side): DriftCatalog => (side === 'accounting' ? 'qbo' : 'zuper');

/** What a reconciliation found and did, per item; the workflow's result and the history's details. */
export interface DriftReport {
  checked: number;
  drifted: number;
  corrected: number;
  failed: number;
  definitionsSynced: number;
  linked: number;
  missing: { qboItemId: string; zuperProductUid: string; side: DriftCatalog }[];
  items: DriftReportItem[];
  /**
   * When the run read QuickBooks' whole catalog; null when it read Zuper only (QuickBooks changes come from the change
   * watch). Absent in reports recorded before runs could skip it.
   */
  qboCatalogReadAt?: string | null;
}

export interface DriftReportItem {
  qboItemId: string;
  zuperProductUid: string;
  base: number;
  /** Null when the run read Zuper only. */
  qbo: number | null;
  zuper: number;
  status: 'corrected' | 'in-sync' | 'failed';
  toQbo?: number;
  toZuper?: number;
  /** Where the drift came from, as far as the quantities tell. */
  cause: string;
  explanation?: string;
}

/** Which side moved away from the base, in words. */
export function driftCause(item: { base: number; qbo: number | null; zuper: number }): string {
  const qboChange = item.qbo === null ? 0 : item.qbo - item.base;
  const zuperChange = item.zuper - item.base;
  if (qboChange && zuperChange)
    return 'both systems changed since the last sync (missed or late webhooks on both sides)';
  if (qboChange) return `QuickBooks changed by ${round(qboChange)} without a sync (missed or late QuickBooks webhook)`;
  if (zuperChange) return `Zuper changed by ${round(zuperChange)} without a sync (missed or late Zuper webhook)`;
  return 'an interrupted settle was resumed';
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
