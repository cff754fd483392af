import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import {
  deliverQboChange,
  deliverZuperChange,
  linkedInventoryItem,
  sellInQbo,
  settledBase,
  settleQboSale,
} from '../support/linked-item.js';
import type { IntakeBatchResult } from '../../workflows/intake-batch.js';

/** A Zuper movement delivery: Zuper names the movement, not the product. */
const movementDelivery = async (stack: SyncStack, event: string): Promise<IntakeBatchResult> =>
  (await deliverZuperChange(stack, { event })).result() as Promise<IntakeBatchResult>;

describe('our own Zuper movement coming back as a webhook', () => {
  let stack: SyncStack;
  let qboItemId: string;
  let zuperUid: string;

  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    ({ qboItemId, zuperUid } = await linkedInventoryItem(stack, 20, 'Echo'));
    // Read the movement list once, so the cursor stands after the rows the linking wrote.
    await movementDelivery(stack, 'product.transcation_inward');
  });
  after(() => stack.stop());

  it('settles nothing again and reads no quantity: the settle that wrote it planned what it leads to', async () => {
    await settleQboSale(stack, qboItemId, 3, 17);
    assert.equal(stack.zuperQty(zuperUid), 17);
    const qboBefore = stack.qbo.admin.requestLog().length;
    const zuperBefore = stack.zuper.admin.requestLog().length;

    const echo = await movementDelivery(stack, 'product.transcation_outward');

    assert.deepEqual(echo.settled, [], 'the echo of our own movement asks no item to settle');
    assert.deepEqual(
      stack.qbo.admin
        .requestLog()
        .slice(qboBefore)
        .map((e) => `${e.method} ${e.path}`),
      [],
      'QuickBooks is not read for it',
    );
    assert.deepEqual(
      stack.zuper.admin
        .requestLog()
        .slice(zuperBefore)
        .map((e) => `${e.method} ${e.path}`),
      ['GET /api/product/transaction'],
      'Zuper is read once: the movement list',
    );
    assert.equal(await settledBase(stack, qboItemId), 17);
  });

  it('still settles a product when a person moved it beside our movement', async () => {
    const invoiceId = sellInQbo(stack, qboItemId, 2);
    await deliverQboChange(stack, 'Invoice', invoiceId);
    await eventually(
      () => settledBase(stack, qboItemId),
      (base) => base === 15,
    );
    // A person takes 4 out in Zuper before our movement's webhook is processed: one list read sees both rows.
    await stack.zuperApi('POST', `/product/${zuperUid}/outward`, {
      transaction: { product_uid: zuperUid, location_uid: stack.locations.main, quantity: 4, remarks: 'broken' },
    });

    const both = await movementDelivery(stack, 'product.transcation_outward');

    assert.deepEqual(both.settled, [qboItemId]);
    await eventually(
      () => stack.qboQty(qboItemId),
      (q) => q === 11,
    );
    await eventually(
      () => settledBase(stack, qboItemId),
      (base) => base === 11,
    );
  });

  it('does not take a remark that only looks like ours for our movement', async () => {
    await stack.zuperApi('POST', `/product/${zuperUid}/inward`, {
      transaction: {
        product_uid: zuperUid,
        location_uid: stack.locations.main,
        quantity: 5,
        remarks: '[qzsync mvz-notinourledger] typed by a person',
      },
    });

    const forged = await movementDelivery(stack, 'product.transcation_inward');

    assert.deepEqual(forged.settled, [qboItemId]);
    await eventually(
      () => stack.qboQty(qboItemId),
      (q) => q === 16,
    );
  });
});
