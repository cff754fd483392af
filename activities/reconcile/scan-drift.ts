import type { ActivityDeps } from '../deps.js';
import type { DriftedItem, DriftScan } from '../../domain/drift-report.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { connectionSides } from '../sides.js';
import { planUnlinked, storeLinkPlan } from '../catalog/link-catalog.js';
import { definitionFingerprint } from '../../domain/catalog/definition.js';
import type { Side } from '../../domain/sides.js';
import { wholeCatalogReadDue } from '../../domain/catalog-read-cadence.js';

/** What the scan keeps of a linked item's side: its quantity, and of the master's whether its definition changed. */
interface SeenItem {
  onHand: number;
  definitionChanged: boolean;
}

/**
 * Reads the catalogs a page at a time and compares every linked item with its base. Each page keeps only what the
 * comparison needs of its linked items (their links read from the store by id) and the unlinked items linking needs;
 * the links are then compared in pages. Link versions are read before the catalogs, so a quantity seen here is only
 * used by a settle if no settle committed in between. A scheduled run reads the accounting side's catalog only as
 * often as its `wholeCatalogEveryMs` asks (daily where reads are metered), and the field side's every
 * time; without the accounting catalog it cannot plan linking, which waits for the next full run.
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
  const masterSide = settings.productMaster;
  const startedAt = input.at === undefined ? new Date() : new Date(input.at);
  const readsAccounting =
    input.scheduled !== true ||
    wholeCatalogReadDue(
      sides.accounting.capabilities.wholeCatalogEveryMs,
      await deps.store.accountingCatalogReads.lastReadAt(input.connectionId),
      startedAt,
    );
  const versions = new Map<string, number>();
  for await (const page of deps.store.links.pages(input.connectionId)) {
    for (const link of page) versions.set(link.accountingItemId, link.version);
  }
  const seen: Record<Side, Map<string, SeenItem>> = { accounting: new Map(), field: new Map() };
  const unlinked = await planUnlinked(
    deps,
    {
      connection,
      master: masterSide,
      sides,
      read: readsAccounting ? ['accounting', 'field'] : ['field'],
    },
    (side, item, link) => {
      const definitionChanged =
        side === masterSide && definitionFingerprint(item.definition(link.itemKind)) !== link.definitionHash;
      seen[side].set(item.entry.id, { onHand: item.onHand, definitionChanged });
    },
  );
  const drifted: DriftedItem[] = [];
  const definitionChanged: DriftScan['definitionChanged'] = [];
  const missing: DriftScan['missing'] = [];
  let checked = 0;
  for await (const page of deps.store.links.pages(input.connectionId)) {
    for (const link of page) {
      const version = versions.get(link.accountingItemId);
      // Linked while the catalogs were read: what was read of it may be from before.
      if (version === undefined) continue;
      checked++;
      const accounting = readsAccounting ? seen.accounting.get(link.accountingItemId) : undefined;
      const field = seen.field.get(link.fieldItemId);
      if (!field || (readsAccounting && !accounting)) {
        missing.push({
          accountingItemId: link.accountingItemId,
          fieldItemId: link.fieldItemId,
          side: accounting ? 'field' : 'accounting',
        });
        continue;
      }
      const [master, masterId] =
        masterSide === 'accounting' ? [accounting, link.accountingItemId] : [field, link.fieldItemId];
      if (master?.definitionChanged) definitionChanged.push({ side: masterSide, id: masterId });
      if (!link.tracksQuantity || link.baseQty === null) continue;
      const quantities = { base: link.baseQty, accounting: accounting?.onHand ?? null, field: field.onHand };
      if (
        (quantities.accounting !== null && quantities.accounting !== link.baseQty) ||
        quantities.field !== link.baseQty ||
        link.pendingSettle
      ) {
        drifted.push({
          accountingItemId: link.accountingItemId,
          fieldItemId: link.fieldItemId,
          quantities,
          linkVersion: version,
        });
      }
    }
  }
  const toLink = readsAccounting ? [...unlinked].filter((a) => a.action === 'link' || a.action === 'create') : [];
  const unlinkedReportId =
    toLink.length === 0
      ? null
      : (
          await storeLinkPlan(
            deps,
            {
              dedupeKey: `${input.workflowId}:${input.runId}:reconcile-link`,
              connectionId: input.connectionId,
              kind: 'link',
              workflowId: input.workflowId,
              runId: input.runId,
            },
            toLink,
            () => ({
              status: 'started',
              summary: `Reconciliation found ${toLink.length} unlinked master items to link or create`,
              details: { dryRun: false },
            }),
          )
        ).reportId;
  return {
    checked,
    drifted,
    definitionChanged,
    missing,
    unlinkedReportId,
    unlinkedActions: toLink.length,
    accountingCatalogReadAt: readsAccounting ? startedAt.toISOString() : null,
    systems: { accounting: connection.accountingSystem, field: connection.fieldSystem },
  };
}
