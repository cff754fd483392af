import type { Side } from './sides.js';
import type { System } from './systems.js';

/** A linked item one side no longer has: `side` is the side it is gone from. */
export interface MissingLinkedItem {
  accountingItemId: string;
  fieldItemId: string;
  side: Side;
}

/** How many linked items a reconciliation checked, found drifted, corrected or failed, and what else it synced. */
interface DriftCounts {
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

/** The catalogs as reports recorded before the sides were named call them: `qbo` the accounting side's, `zuper` the field side's. */
type OlderCatalog = 'qbo' | 'zuper';

/** A report as versions before the side-neutral report wrote it (workflow results in histories, history rows). */
interface OlderDriftReport extends DriftCounts {
  missing: { qboItemId: string; zuperProductUid: string; side: OlderCatalog }[];
  items: {
    qboItemId: string;
    zuperProductUid: string;
    base: number;
    qbo: number | null;
    zuper: number;
    status: DriftReportItem['status'];
    toQbo?: number;
    toZuper?: number;
    cause: string;
    explanation?: string;
  }[];
  /** Absent in reports recorded before scheduled runs could skip the accounting catalog. */
  qboCatalogReadAt?: string | null;
}

/** A report in either shape. */
export type StoredDriftReport = DriftReport | OlderDriftReport;

const sideOfCatalog = (catalog: OlderCatalog | Side): Side =>
  catalog === 'qbo' ? 'accounting' : catalog === 'zuper' ? 'field' : catalog;

/** A missing item in either shape (older scans recorded in histories name ids and catalogs after the vendors). */
export type StoredMissingLinkedItem = MissingLinkedItem | OlderDriftReport['missing'][number];

export const missingLinkedItemOf = (stored: StoredMissingLinkedItem): MissingLinkedItem =>
  'accountingItemId' in stored
    ? stored
    : { accountingItemId: stored.qboItemId, fieldItemId: stored.zuperProductUid, side: sideOfCatalog(stored.side) };

/** Reads a report in either shape, so reports recorded before the sides were named are shown in the current one. */
export function driftReportOf(stored: StoredDriftReport): DriftReport {
  if ('accountingCatalogReadAt' in stored) return stored;
  const { missing, items, qboCatalogReadAt, ...counts } = stored;
  return {
    ...counts,
    missing: missing.map(missingLinkedItemOf),
    items: items.map((item) => ({
      accountingItemId: item.qboItemId,
      fieldItemId: item.zuperProductUid,
      quantities: { base: item.base, accounting: item.qbo, field: item.zuper },
      status: item.status,
      ...(item.status === 'corrected' ? { moved: { accounting: item.toQbo ?? 0, field: item.toZuper ?? 0 } } : {}),
      cause: item.cause,
      ...(item.explanation === undefined ? {} : { explanation: item.explanation }),
    })),
    accountingCatalogReadAt: qboCatalogReadAt ?? null,
  };
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

/** A drifted item as scans before the side-neutral report named it (recorded in histories, in pending tasks). */
interface OlderDriftedItem {
  qboItemId: string;
  zuperProductUid: string;
  base: number;
  qbo: number | null;
  zuper: number;
  linkVersion: number;
}

export type StoredDriftedItem = DriftedItem | OlderDriftedItem;

export const driftedItemOf = (stored: StoredDriftedItem): DriftedItem =>
  'accountingItemId' in stored
    ? stored
    : {
        accountingItemId: stored.qboItemId,
        fieldItemId: stored.zuperProductUid,
        quantities: { base: stored.base, accounting: stored.qbo, field: stored.zuper },
        linkVersion: stored.linkVersion,
      };

/** A scan as versions before the side-neutral report answered it (recorded in reconciliation histories). */
interface OlderDriftScan {
  checked: number;
  drifted: OlderDriftedItem[];
  definitionChanged: { system: System; id: string }[];
  missing: OlderDriftReport['missing'];
  unlinkedReportId: number | null;
  unlinkedActions: number;
  /** Absent from scans recorded before scheduled runs could skip the accounting catalog. */
  qboCatalogReadAt?: string | null;
}

export type StoredDriftScan = DriftScan | OlderDriftScan;

type ReadScan = Omit<DriftScan, 'systems' | 'definitionChanged'> & {
  systems: DriftScan['systems'] | null;
  definitionChanged: (DriftScan['definitionChanged'][number] | OlderDriftScan['definitionChanged'][number])[];
};

/**
 * Reads a scan in either shape: an older scan did not name its systems (`systems` null) and named a changed
 * definition's master by its system, which the item sync request still reads.
 */
export function driftScanOf(stored: StoredDriftScan): ReadScan {
  if ('accountingCatalogReadAt' in stored) return stored;
  return {
    checked: stored.checked,
    drifted: stored.drifted.map(driftedItemOf),
    definitionChanged: stored.definitionChanged,
    missing: stored.missing.map(missingLinkedItemOf),
    unlinkedReportId: stored.unlinkedReportId,
    unlinkedActions: stored.unlinkedActions,
    accountingCatalogReadAt: stored.qboCatalogReadAt ?? null,
    systems: null,
  };
}

/** How a cause names the sides when the systems on them are not known. */
export const unnamedSides: Record<Side, string> = { accounting: 'the accounting system', field: 'the field system' };

const round = (n: number) => Math.round(n * 1e6) / 1e6;
