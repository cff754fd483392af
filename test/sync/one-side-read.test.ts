import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import {
  consumeInZuper,
  deliverZuperChange,
  linkedInventoryItem,
  settledBase,
  settleQboSale,
} from '../support/linked-item.js';
import { adjustStockInQbo } from '../../emulators/qbo/index.js';
import { adjustmentWatchWorkflow } from '../../workflows/adjustment-watch.js';
import { adjustmentWatchWorkflowId } from '../../client/workflow-ids.js';

/** The requests an emulator received since `from`, as `METHOD path` and the query a QuickBooks query sent. */
const since = (log: { method: string; path: string; query: Record<string, string> }[], from: number) =>
  log.slice(from).map((e) => `${e.method} ${e.path}${e.query['query'] === undefined ? '' : ` ${e.query['query']}`}`);

/** A read of an item or its quantity: anything but the connection's one-time lookup of its accounts. */
const itemReads = (calls: string[]) => calls.filter((call) => call.startsWith('GET') && !/from Account/i.test(call));

describe('a settle asked for by one side reads only that side', () => {
  let stack: SyncStack;

  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
  });
  after(() => stack.stop());

  it('moves QuickBooks after a Zuper consumption without reading QuickBooks, and says so in the history', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 20, 'Unread');
    const qboBefore = stack.qbo.admin.requestLog().length;
    const invoiceUid = await consumeInZuper(stack, zuperUid, 3, stack.locations.van);
    await deliverZuperChange(stack, { event: 'invoice.new', invoiceUid });
    await eventually(
      () => settledBase(stack, qboItemId),
      (base) => base === 17,
    );
    assert.equal(stack.qboQty(qboItemId), 17);
    assert.equal(stack.zuperQty(zuperUid), 17);
    const qboCalls = since(stack.qbo.admin.requestLog(), qboBefore);
    assert.deepEqual(
      itemReads(qboCalls),
      [],
      `QuickBooks is only written, never read (metered reads cost money): ${qboCalls.join(', ')}`,
    );
    assert.equal(qboCalls.filter((call) => call.startsWith('POST')).length, 1, 'one adjustment written');
    const [row] = await stack.store.history.list({
      connectionId: stack.connectionId,
      accountingItemId: qboItemId,
      kind: 'quantity',
    });
    assert.deepEqual(row?.qtyBefore, { base: 20, field: 17 }, 'the history shows only what was read');
    assert.deepEqual(row?.qtyAfter, { base: 17, field: 17 });
    assert.match(row?.summary ?? '', /QuickBooks -3; base now 17; QuickBooks was not read/);
  });

  it('leaves a change it did not read to the settle that change asks for: both sides end with every change', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 30, 'Concurrent');
    // A count correction in QuickBooks (never notified) and a consumption in Zuper, before either is settled.
    adjustStockInQbo(stack.qbo.admin, stack.realmId, { itemId: qboItemId, qtyDiff: 5 });
    const invoiceUid = await consumeInZuper(stack, zuperUid, 4, stack.locations.main);
    await deliverZuperChange(stack, { event: 'invoice.new', invoiceUid });
    await eventually(
      () => settledBase(stack, qboItemId),
      (base) => base === 26,
    );
    assert.equal(stack.qboQty(qboItemId), 31, 'QuickBooks got the consumption on top of its unread correction');
    assert.equal(stack.zuperQty(zuperUid), 26, 'Zuper does not know the correction yet');

    // The correction's own trigger: the quantity watch, which finds adjustments QuickBooks never announces.
    const zuperBefore = stack.zuper.admin.requestLog().length;
    const watch = await stack.temporal.workflow.start(adjustmentWatchWorkflow, {
      workflowId: adjustmentWatchWorkflowId(stack.connectionId),
      taskQueue: stack.taskQueue,
      args: [{ connectionId: stack.connectionId, pacing: { activeMs: 200, idleMs: 300, monthlyReadBudget: 1e9 } }],
    });
    try {
      await eventually(
        () => settledBase(stack, qboItemId),
        (base) => base === 31,
      );
    } finally {
      await watch.terminate('test over');
    }
    assert.equal(stack.qboQty(qboItemId), 31);
    assert.equal(stack.zuperQty(zuperUid), 31);
    const zuperCalls = since(stack.zuper.admin.requestLog(), zuperBefore);
    assert.deepEqual(itemReads(zuperCalls), [], `Zuper is only written: ${zuperCalls.join(', ')}`);
    assert.equal(zuperCalls.filter((call) => call.startsWith('POST')).length, 1, 'one inward movement');
  });

  it('moves Zuper after a QuickBooks sale reading QuickBooks only', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 12, 'Sold');
    const zuperBefore = stack.zuper.admin.requestLog().length;
    await settleQboSale(stack, qboItemId, 2, 10);
    assert.equal(stack.zuperQty(zuperUid), 10);
    const zuperCalls = since(stack.zuper.admin.requestLog(), zuperBefore);
    assert.deepEqual(itemReads(zuperCalls), [], `Zuper is only written: ${zuperCalls.join(', ')}`);
  });
});
