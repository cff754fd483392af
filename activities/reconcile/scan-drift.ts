import type { ActivityDeps } from '../deps.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { entriesOf, readCatalog, readCatalogs } from '../catalog/read-catalogs.js';
import { connectionSides } from '../sides.js';
import { withCopySources } from '../catalog/link-catalog.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { planLinking } from '../../domain/catalog/matching.js';
import { sideOfSystem, type System } from '../../domain/systems.js';
import { qboCatalogReadDue } from '../../domain/qbo-catalog-cadence.js';

export interface DriftedItem {
  qboItemId: string;
  zuperProductUid: string;
  base: number;
  /** Null when the run read Zuper only. */
  qbo: number | null;
  zuper: number;
  linkVersion: number;
}

export interface DriftScan {
  checked: number;
  drifted: DriftedItem[];
  definitionChanged: { system: System; id: string }[];
  missing: { qboItemId: string; zuperProductUid: string; side: System }[];
  unlinkedReportId: number | null;
  unlinkedActions: number;
  /** When the scan started, if it read QuickBooks' whole catalog; null when it read Zuper only. */
  qboCatalogReadAt: string | null;
}

/**
 * Reads the catalogs in bulk and compares every linked item with its base. Link versions are read before the
 * catalogs, so a quantity seen here is only used by a settle if no settle committed in between. A scheduled run
 * reads QuickBooks' catalog (metered) only once the last read is a day old, and Zuper's (not metered) every time;
 * without QuickBooks' catalog it cannot plan linking, which waits for the next full run.
 */
export async function scanDrift(
  deps: ActivityDeps,
  input: {
    connectionId: string;
    workflowId: string;
    runId: string;
    scheduled?: boolean;
    /** When the run started (workflow time); absent from scans asked for before it was passed. */
    at?: string;
  },
): Promise<DriftScan> {
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const sides = await connectionSides(deps, connection);
  const masterSide = sideOfSystem(settings.productMaster);
  const startedAt = input.at === undefined ? new Date() : new Date(input.at);
  const readsQbo =
    input.scheduled !== true ||
    qboCatalogReadDue(await deps.store.qboCatalogReads.lastReadAt(input.connectionId), startedAt);
  const links = await deps.store.links.list(input.connectionId);
  const catalogs = readsQbo
    ? await readCatalogs(sides)
    : { accounting: null, field: await readCatalog(sides, 'field') };
  const drifted: DriftedItem[] = [];
  const definitionChanged: DriftScan['definitionChanged'] = [];
  const missing: DriftScan['missing'] = [];
  for (const link of links) {
    const accounting = catalogs.accounting?.get(link.accountingItemId);
    const field = catalogs.field.get(link.fieldItemId);
    if (!field || (catalogs.accounting && !accounting)) {
      missing.push({
        qboItemId: link.accountingItemId,
        zuperProductUid: link.fieldItemId,
        side: (accounting ? sides.field : sides.accounting).system,
      });
      continue;
    }
    const [master, masterId] =
      masterSide === 'accounting' ? [accounting, link.accountingItemId] : [field, link.fieldItemId];
    if (master && definitionFingerprint(master.definition(link.itemKind)) !== link.definitionHash) {
      definitionChanged.push({ system: settings.productMaster, id: masterId });
    }
    if (!link.tracksQuantity || link.baseQty === null) continue;
    const qbo = accounting?.onHand ?? null;
    const zuper = field.onHand;
    if ((qbo !== null && qbo !== link.baseQty) || zuper !== link.baseQty || link.pendingSettle) {
      drifted.push({
        qboItemId: link.accountingItemId,
        zuperProductUid: link.fieldItemId,
        base: link.baseQty,
        qbo,
        zuper,
        linkVersion: link.version,
      });
    }
  }
  const qboCatalog = catalogs.accounting;
  const unlinked = qboCatalog
    ? planLinking({
        master: settings.productMaster,
        qbo: entriesOf(qboCatalog),
        zuper: entriesOf(catalogs.field),
        links: links.map((l) => ({ qboItemId: l.accountingItemId, zuperProductUid: l.fieldItemId })),
      }).filter((a) => a.action === 'link' || a.action === 'create')
    : [];
  const unlinkedReportId =
    unlinked.length === 0 || !qboCatalog
      ? null
      : await deps.store.history.record({
          dedupeKey: `${input.workflowId}:${input.runId}:reconcile-link`,
          connectionId: input.connectionId,
          kind: 'link',
          status: 'started',
          workflowId: input.workflowId,
          runId: input.runId,
          summary: `Reconciliation found ${unlinked.length} unlinked master items to link or create`,
          details: {
            dryRun: false,
            actions: withCopySources(unlinked, { accounting: qboCatalog, field: catalogs.field }),
          },
        });
  return {
    checked: links.length,
    drifted,
    definitionChanged,
    missing,
    unlinkedReportId,
    unlinkedActions: unlinked.length,
    qboCatalogReadAt: readsQbo ? startedAt.toISOString() : null,
  };
}
