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

/** A Zuper movement delivery: Zuper names the movement (`transactionUid`, when the body carries it), not the product. */
const movementDelivery = async (stack: SyncStack, event: string, transactionUid?: string): Promise<IntakeBatchResult> =>
  (
    await deliverZuperChange(stack, { event, ...(transactionUid ? { transactionUid } : {}) })
  ).result() as Promise<IntakeBatchResult>;

/** The transaction uid Zuper answered the item's latest committed Zuper write with, from the ledger. */
async function latestZuperRef(stack: SyncStack, qboItemId: string): Promise<string> {
  const [row] = await stack.store.db.query<{ external_ref: string }>(
    `SELECT external_ref FROM movements WHERE connection_id = $1 AND accounting_item_id = $2 AND side = 'field'
      ORDER BY created_at DESC LIMIT 1`,
    [stack.connectionId, qboItemId],
  );
  assert.ok(row, 'the settle wrote a Zuper movement');
  return row.external_ref;
}

const callsSince = (log: { requestLog(): { method: string; path: string }[] }, from: number) =>
  log
    .requestLog()
    .slice(from)
    .map((e) => `${e.method} ${e.path}`);

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

  it('a QBO consumption costs the invoice read, the settle read and the write: its echo, naming our write, reads nothing', async () => {
    const base = (await settledBase(stack, qboItemId))!;
    const qboBefore = stack.qbo.admin.requestLog().length;
    const zuperBefore = stack.zuper.admin.requestLog().length;
    const invoiceId = sellInQbo(stack, qboItemId, 2);
    await deliverQboChange(stack, 'Invoice', invoiceId);
    await eventually(
      () => settledBase(stack, qboItemId),
      (b) => b === base - 2,
    );

    const echo = await movementDelivery(stack, 'product.transcation_outward', await latestZuperRef(stack, qboItemId));

    assert.deepEqual(echo.settled, []);
    assert.deepEqual(callsSince(stack.qbo.admin, qboBefore), [
      `GET /v3/company/${stack.realmId}/invoice/${invoiceId}`,
      `GET /v3/company/${stack.realmId}/item/${qboItemId}`,
    ]);
    assert.deepEqual(callsSince(stack.zuper.admin, zuperBefore), [`POST /api/product/${zuperUid}/outward`]);
    assert.equal(stack.zuperQty(zuperUid), base - 2);
  });

  it("settles a person's movement that came between our write and its echo: only the delivery naming ours is spared", async () => {
    const base = (await settledBase(stack, qboItemId))!;
    await settleQboSale(stack, qboItemId, 1, base - 1);
    const ours = await latestZuperRef(stack, qboItemId);
    const theirs = (await stack.zuperApi('POST', `/product/${zuperUid}/outward`, {
      transaction: { product_uid: zuperUid, location_uid: stack.locations.main, quantity: 2, remarks: 'lost' },
    })) as { data: { transaction_uid: string } };

    const echo = await movementDelivery(stack, 'product.transcation_outward', ours);
    const person = await movementDelivery(stack, 'product.transcation_outward', theirs.data.transaction_uid);

    assert.deepEqual(echo.settled, []);
    assert.deepEqual(person.settled, [qboItemId]);
    await eventually(
      () => settledBase(stack, qboItemId),
      (b) => b === base - 3,
    );
    assert.equal(stack.qboQty(qboItemId), base - 3);
  });

  it('reads the movement list for a delivery naming one of our writes committed long ago', async () => {
    const base = (await settledBase(stack, qboItemId))!;
    await settleQboSale(stack, qboItemId, 1, base - 1);
    const ours = await latestZuperRef(stack, qboItemId);
    await stack.store.db.query(
      `UPDATE movements SET created_at = now() - interval '1 hour' WHERE connection_id = $1 AND external_ref = $2`,
      [stack.connectionId, ours],
    );
    const zuperBefore = stack.zuper.admin.requestLog().length;

    const late = await movementDelivery(stack, 'product.transcation_outward', ours);

    assert.deepEqual(late.settled, [], 'the list shows our own row only');
    assert.deepEqual(callsSince(stack.zuper.admin, zuperBefore), ['GET /api/product/transaction']);
  });
});
