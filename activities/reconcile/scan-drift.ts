import type { ActivityDeps } from '../deps.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { readCatalogs } from '../catalog/read-catalogs.js';
import { qboDefinition, zuperDefinition } from '../catalog/definitions.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import { planLinking } from '../../domain/catalog/matching.js';
import { roundQty } from '../../domain/quantity.js';
import type { System } from '../../domain/catalog/matching.js';

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
  const { settings } = await requireConfiguredConnection(deps, input.connectionId);
  const links = await deps.store.links.list(input.connectionId);
  const catalogs = await readCatalogs(deps, input.connectionId);
  const drifted: DriftedItem[] = [];
  const definitionChanged: DriftScan['definitionChanged'] = [];
  const missing: DriftScan['missing'] = [];
  for (const link of links) {
    const item = catalogs.qboItems.get(link.accountingItemId);
    const product = catalogs.zuperProducts.get(link.fieldItemId);
    if (!item || !product) {
      missing.push({
        qboItemId: link.accountingItemId,
        zuperProductUid: link.fieldItemId,
        side: item ? 'zuper' : 'qbo',
      });
      continue;
    }
    const masterDef =
      settings.productMaster === 'qbo' ? qboDefinition(item, link.itemKind) : zuperDefinition(product, link.itemKind);
    if (definitionFingerprint(masterDef) !== link.definitionHash) {
      definitionChanged.push(
        settings.productMaster === 'qbo' ? { system: 'qbo', id: item.Id } : { system: 'zuper', id: product.uid },
      );
    }
    if (!link.tracksQuantity || link.baseQty === null) continue;
    const qbo = roundQty(item.QtyOnHand ?? 0);
    const zuper = roundQty(product.quantity);
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
    qbo: catalogs.qbo,
    zuper: catalogs.zuper,
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
          details: { dryRun: false, actions: unlinked },
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
