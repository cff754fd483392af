import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import {
  consumeInZuper,
  deliverQboChange,
  deliverZuperChange,
  linkedInventoryItem,
  movementsOf,
  sellInQbo,
  settledBase,
} from '../support/linked-item.js';

const adjustmentsFor = (stack: SyncStack, qboItemId: string) =>
  stack.qbo.admin
    .requestLog({ method: 'POST', pathIncludes: '/inventoryadjustment' })
    .filter((e) => JSON.stringify(e).includes(`"value":"${qboItemId}"`));

describe('quantity sync under concurrency and faults', () => {
  let stack: SyncStack;
  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
  });
  after(() => stack.stop());

  it('loses nothing when both systems change the same item at the same moment', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 20, 'Both');
    const [invoiceUid] = await Promise.all([
      consumeInZuper(stack, zuperUid, 3, stack.locations.van),
      Promise.resolve(sellInQbo(stack, qboItemId, 2)),
    ]);
    await Promise.all([
      deliverZuperChange(stack, { event: 'invoice.new', invoiceUid }),
      deliverQboChange(stack, 'Item', qboItemId, 'Update'),
    ]);
    await eventually(
      () => settledBase(stack, qboItemId),
      (b) => b === 15,
    );
    assert.equal(stack.qboQty(qboItemId), 15);
    assert.equal(stack.zuperQty(zuperUid), 15);
  });

  it('changes nothing extra for duplicate and reordered deliveries, and our own writes do not loop', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 10, 'Dup');
    const invoiceUid = await consumeInZuper(stack, zuperUid, 4, stack.locations.main);
    const deliveries = [
      { event: 'invoice.new', invoiceUid },
      { event: 'product.update_stock', productUid: zuperUid },
      { event: 'invoice.new', invoiceUid },
      { event: 'invoice.update', invoiceUid },
    ];
    await Promise.all(deliveries.reverse().map((d) => deliverZuperChange(stack, d)));
    await eventually(
      () => settledBase(stack, qboItemId),
      (b) => b === 6,
    );
    // Echoes of our own adjustment: they settle to zero.
    await deliverQboChange(stack, 'Item', qboItemId, 'Update');
    await deliverZuperChange(stack, { event: 'product.update_stock', productUid: zuperUid });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(stack.qboQty(qboItemId), 6);
    assert.equal(stack.zuperQty(zuperUid), 6);
    assert.deepEqual(await movementsOf(stack, qboItemId), [['accounting', -4]]);
    assert.equal(adjustmentsFor(stack, qboItemId).length, 1);
  });

  it('applies a write whose response was lost exactly once (QBO and Zuper)', async () => {
    const { qboItemId, zuperUid } = await linkedInventoryItem(stack, 10, 'Lost');
    stack.qbo.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
    stack.zuper.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
    try {
      const invoiceUid = await consumeInZuper(stack, zuperUid, 1, stack.locations.main).catch(() => null);
      // The invoice itself may have lost its answer too; the consumption landed either way.
      await eventually(
        () => stack.zuperQty(zuperUid),
        (z) => z === 9,
      );
      sellInQbo(stack, qboItemId, 2);
      await deliverQboChange(stack, 'Item', qboItemId, 'Update');
      if (invoiceUid) await deliverZuperChange(stack, { event: 'invoice.new', invoiceUid });
      else await deliverZuperChange(stack, { event: 'product.update_stock', productUid: zuperUid });
      await eventually(
        () => settledBase(stack, qboItemId),
        (b) => b === 7,
        30_000,
      );
    } finally {
      stack.qbo.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
      stack.zuper.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
    }
    assert.equal(stack.qboQty(qboItemId), 7);
    assert.equal(stack.zuperQty(zuperUid), 7);
    const movements = await movementsOf(stack, qboItemId);
    assert.equal(
      movements.reduce((sum, [, q]) => sum + q, 0),
      -3,
    );
  });
});
