import type { ActivityDeps } from '../deps.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { entriesOf, readCatalogs } from '../catalog/read-catalogs.js';
import { connectionSides } from '../sides.js';
import { withCopySources } from '../catalog/link-catalog.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { planLinking } from '../../domain/catalog/matching.js';
import { sideOfSystem, type System } from '../../domain/systems.js';

export interface DriftedItem {
  qboItemId: string;
  zuperProductUid: string;
  base: number;
  qbo: number;
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
}

/**
 * Reads both catalogs in bulk and compares every linked item with its base. Link versions are read before the
 * catalogs, so a quantity seen here is only used by a settle if no settle committed in between.
 */
export async function scanDrift(
  deps: ActivityDeps,
  input: { connectionId: string; workflowId: string; runId: string },
): Promise<DriftScan> {
  const { connection, settings } = await requireConfiguredConnection(deps, input.connectionId);
  const sides = await connectionSides(deps, connection);
  const masterSide = sideOfSystem(settings.productMaster);
  const links = await deps.store.links.list(input.connectionId);
  const catalogs = await readCatalogs(sides);
  const drifted: DriftedItem[] = [];
  const definitionChanged: DriftScan['definitionChanged'] = [];
  const missing: DriftScan['missing'] = [];
  for (const link of links) {
    const accounting = catalogs.accounting.get(link.accountingItemId);
    const field = catalogs.field.get(link.fieldItemId);
    if (!accounting || !field) {
      missing.push({
        qboItemId: link.accountingItemId,
        zuperProductUid: link.fieldItemId,
        side: (accounting ? sides.field : sides.accounting).system,
      });
      continue;
    }
    const [master, masterId] =
      masterSide === 'accounting' ? [accounting, link.accountingItemId] : [field, link.fieldItemId];
    if (definitionFingerprint(master.definition(link.itemKind)) !== link.definitionHash) {
      definitionChanged.push({ system: settings.productMaster, id: masterId });
    }
    if (!link.tracksQuantity || link.baseQty === null) continue;
    const qbo = accounting.onHand;
    const zuper = field.onHand;
    if (qbo !== link.baseQty || zuper !== link.baseQty || link.pendingSettle) {
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
  const unlinked = planLinking({
    master: settings.productMaster,
    qbo: entriesOf(catalogs.accounting),
    zuper: entriesOf(catalogs.field),
    links: links.map((l) => ({ qboItemId: l.accountingItemId, zuperProductUid: l.fieldItemId })),
  }).filter((a) => a.action === 'link' || a.action === 'create');
  const unlinkedReportId =
    unlinked.length === 0
      ? null
      : await deps.store.history.record({
          dedupeKey: `${input.workflowId}:${input.runId}:reconcile-link`,
          connectionId: input.connectionId,
          kind: 'link',
          status: 'started',
          workflowId: input.workflowId,
          runId: input.runId,
          summary: `Reconciliation found ${unlinked.length} unlinked master items to link or create`,
          details: { dryRun: false, actions: withCopySources(unlinked, catalogs) },
        });
  return {
    checked: links.length,
    drifted,
    definitionChanged,
    missing,
    unlinkedReportId,
    unlinkedActions: unlinked.length,
  };
}
