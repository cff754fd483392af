/**
 * Reconciliation reports and scans as versions before the sides were named recorded them (workflow results and
 * activity results in histories, history rows). Can go once no history row or replayed history holds one.
 */
import type { Side } from '../sides.js';
import type { System } from '../systems.js';
import type {
  DriftCounts,
  DriftedItem,
  DriftReport,
  DriftReportItem,
  DriftScan,
  MissingLinkedItem,
} from '../drift-report.js';

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
