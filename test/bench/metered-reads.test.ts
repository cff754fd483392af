import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dayMs, simulateMeteredReads } from '../../bench/support/metered-reads-simulation.js';
import { quietMeteredReads } from '../../domain/metered-reads.js';
import { qboWholeCatalogEveryMs } from '../../integrations/qbo/catalog-cadence.js';
import { qboMaxPageSize } from '../../integrations/qbo/query-builder.js';
import { linkCatalogWorkflow } from '../../workflows/link-catalog.js';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';

/** A QuickBooks Online catalog of `items`, read as the reconciliation reads it. */
const qboCatalog = (items: number) => ({ items, pageSize: qboMaxPageSize, wholeReadEveryMs: qboWholeCatalogEveryMs });

describe('metered QuickBooks reads at the default settings', () => {
  let stack: SyncStack;
  let qboItemIds: string[];

  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    stack.qbo.admin.seedItems(stack.realmId, { count: 3, namePrefix: 'Gasket', qtyOnHand: 40 });
    await stack.temporal.workflow.execute(linkCatalogWorkflow, {
      workflowId: `link-${stack.connectionId}`,
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, dryRun: false }],
    });
    qboItemIds = (await stack.store.links.list(stack.connectionId)).map((l) => l.accountingItemId);
    assert.equal(qboItemIds.length, 3);
    // Steady state: every link has its base, so the watch takes the items the linking wrote for what they are (a
    // loaded machine otherwise starts the day before the first settles commit, and the watch settles them again).
    await eventually(
      async () => (await stack.store.links.list(stack.connectionId)).map((l) => l.baseQty),
      (bases) => bases.every((base) => base === 40),
    );
  });
  after(() => stack.stop());

  it('a simulated day costs what the arithmetic says: the idle watch polls and one catalog read', async () => {
    const tally = await simulateMeteredReads({
      deps: stack.deps,
      connectionId: stack.connectionId,
      qbo: stack.qbo.admin,
      realmId: stack.realmId,
      qboItemIds,
      periodMs: dayMs,
      consumptionsPerDay: 200,
    });
    assert.deepEqual(
      { watchPolls: tally.watchPolls, reconciliations: tally.reconciliations, qboCatalogReads: tally.qboCatalogReads },
      { watchPolls: 96, reconciliations: 95, qboCatalogReads: 1 },
    );
    assert.equal(tally.reads, quietMeteredReads(dayMs, qboCatalog(qboItemIds.length)));
    assert.equal(tally.reads, 96 + 2, 'one change-data-capture call per poll; a count and one page');
  });

  it('a typical company stays within 10,000 reads a connection-month', () => {
    const perMonth = quietMeteredReads(30 * dayMs, qboCatalog(5000));
    assert.equal(perMonth, 2880 + 30 * 6);
    assert.ok(perMonth <= 10_000);
  });
});
