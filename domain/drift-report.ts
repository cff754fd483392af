import type { Side } from './sides.js';
import type { System } from './systems.js';

/** A linked item one side no longer has: `side` is the side it is gone from. */
export interface MissingLinkedItem {
  accountingItemId: string;
  fieldItemId: string;
  side: Side;
}

/** How many linked items a reconciliation checked, found drifted, corrected or failed, and what else it synced. */
export interface DriftCounts {
  checked: number;
  drifted: number;
  corrected: number;
  failed: number;
  definitionsSynced: number;
  linked: number;
}

/** What a reconciliation found and did, per item; the workflow's result and the history's details. */
export interface DriftReport extends DriftCounts {
  missing: MissingLinkedItem[];
  items: DriftReportItem[];
  /**
   * When the run read the accounting side's whole catalog; null when it read the field side only (the accounting
   * side's changes come from the change watch).
   */
  accountingCatalogReadAt: string | null;
}

/** Quantities a reconciliation compared: the base and what each side showed (null: the side was not read). */
export interface DriftQuantities {
  base: number;
  accounting: number | null;
  field: number;
}

export interface DriftReportItem {
  accountingItemId: string;
  fieldItemId: string;
  quantities: DriftQuantities;
  status: 'corrected' | 'in-sync' | 'failed';
  /** The relative movement each side received, when corrected. */
  moved?: Record<Side, number>;
  /** Where the drift came from, as far as the quantities tell. */
  cause: string;
  explanation?: string;
}

/**
 * Which side moved away from the base, in words naming each side's system as users know it (`systemLabel`); a report
 * whose systems are not known (a scan recorded before it named them) speaks of the sides.
 */
export function driftCause(quantities: DriftQuantities, systems: Record<Side, string>): string {
  const accountingChange = quantities.accounting === null ? 0 : quantities.accounting - quantities.base;
  const fieldChange = quantities.field - quantities.base;
  if (accountingChange && fieldChange)
    return 'both systems changed since the last sync (changes on both sides were missed or heard of late)';
  if (accountingChange) return sideChanged(systems.accounting, accountingChange);
  if (fieldChange) return sideChanged(systems.field, fieldChange);
  return 'an interrupted settle was resumed';
}

const sideChanged = (system: string, change: number) =>
  `${system} changed by ${round(change)} without a sync (the change was missed or heard of late)`;

/** A linked item whose quantities left its base, as the scan found it and hands it to the settle. */
export interface DriftedItem {
  accountingItemId: string;
  fieldItemId: string;
  quantities: DriftQuantities;
  linkVersion: number;
}

/** What a reconciliation's scan found (the `scanDrift` activity's result). */
export interface DriftScan {
  checked: number;
  drifted: DriftedItem[];
  /** The product master's items whose definition changed, by the master's side. */
  definitionChanged: { side: Side; id: string }[];
  missing: MissingLinkedItem[];
  unlinkedReportId: number | null;
  unlinkedActions: number;
  /** When the scan started, if it read the accounting side's whole catalog; null when it read the field side only. */
  accountingCatalogReadAt: string | null;
  /** The system on each side, which the report's causes name. */
  systems: Record<Side, System>;
}

/** How a cause names the sides when the systems on them are not known. */
export const unnamedSides: Record<Side, string> = { accounting: 'the accounting system', field: 'the field system' };

const round = (n: number) => Math.round(n * 1e6) / 1e6;
