import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { sellInQbo } from '../support/linked-item.js';
import { linkCatalogWorkflow } from '../../workflows/link-catalog.js';
import { consumeInZuper, deliverQboChange, deliverZuperChange } from '../support/linked-item.js';

for (const master of ['qbo', 'zuper'] as const) {
  describe(`quantity sync with ${master} as product master`, () => {
    let stack: SyncStack;
    let qboItemId: string;
    let zuperUid: string;

    before(async () => {
      stack = await startSyncStack({ master });
      if (master === 'qbo') {
        [qboItemId] = stack.qbo.admin.seedItems(stack.realmId, { count: 1, namePrefix: 'Widget', qtyOnHand: 10 }) as [
          string,
        ];
      } else {
        const created = await stack.zuperApi('POST', '/product', {
          product: {
            product_name: 'Widget 1',
            product_id: 'WIDGET-1',
            product_type: 'PRODUCT',
            product_category: stack.zuper.admin.listCompanies().find((c) => c.company_name === stack.zuperCompany)!
              .category_uids[0],
            track_quantity: true,
            price: 12,
            location_availability: [
              { location: stack.locations.main, quantity: 6 },
              { location: stack.locations.van, quantity: 4 },
            ],
          },
        });
        zuperUid = (created.data as { product_uid: string }).product_uid;
      }
      const linked = await stack.temporal.workflow.execute(linkCatalogWorkflow, {
        workflowId: `link-${stack.connectionId}`,
        taskQueue: stack.taskQueue,
        args: [{ connectionId: stack.connectionId, dryRun: false }],
      });
      assert.equal(linked.summary.create, 1);
      assert.deepEqual(linked.failed, []);
      const [link] = await stack.store.links.list(stack.connectionId);
      assert.ok(link);
      qboItemId = link.accountingItemId;
      zuperUid = link.fieldItemId;
    });
    after(() => stack.stop());

    it('copies the master item with its quantity to the other system', () => {
      assert.equal(stack.qboQty(qboItemId), 10);
      assert.equal(stack.zuperQty(zuperUid), 10);
    });

    it('moves QBO when a Zuper invoice consumes stock at a location', async () => {
      const invoiceUid = await consumeInZuper(stack, zuperUid, 3, stack.locations.van);
      assert.equal(stack.zuperQty(zuperUid), 7);
      await deliverZuperChange(stack, { event: 'invoice.new', invoiceUid });
      await eventually(
        () => stack.qboQty(qboItemId),
        (q) => q === 7,
      );
      // The base moves in the commit right after the external write.
      await eventually(
        async () => (await stack.store.links.get(stack.connectionId, qboItemId))?.baseQty,
        (b) => b === 7,
      );
    });

    it('moves Zuper (at the default location) when a QBO invoice sells stock, whichever system is master', async () => {
      const invoiceId = sellInQbo(stack, qboItemId, 2);
      assert.equal(stack.qboQty(qboItemId), 5);
      await deliverQboChange(stack, 'Invoice', invoiceId);
      await eventually(
        () => stack.zuperQty(zuperUid),
        (z) => z === 5,
      );
      await eventually(
        async () => (await stack.store.links.get(stack.connectionId, qboItemId))?.baseQty,
        (b) => b === 5,
      );
      const product = stack.zuper.admin.product(stack.zuperCompany, zuperUid) as {
        location_availability: { location: { location_uid: string }; quantity: number }[];
      };
      const main = product.location_availability.find((l) => l.location.location_uid === stack.locations.main);
      assert.equal(main?.quantity, master === 'qbo' ? 8 : 4, 'the QBO sale lands at the default location');
    });

    it('records every movement once in the ledger and the history', async () => {
      const movements = await stack.store.db.query<{ side: string; qty_diff: string }>(
        'SELECT side, qty_diff FROM movements WHERE connection_id = $1 ORDER BY created_at',
        [stack.connectionId],
      );
      assert.deepEqual(
        movements.map((m) => [m.side, Number(m.qty_diff)]),
        [
          ['accounting', -3],
          ['field', -2],
        ],
      );
      const history = await stack.store.history.list({ connectionId: stack.connectionId, kind: 'quantity' });
      assert.equal(history.length, 2);
      assert.ok(history.every((h) => h.status === 'succeeded'));
      // The latest pass was asked for by QuickBooks' sale, so it read QuickBooks only; Zuper's -2 is the write.
      assert.deepEqual(history[0]?.qtyAfter, { base: 5, accounting: 5 });
      assert.match(history[0]?.summary ?? '', /Zuper -2; base now 5; Zuper was not read/);
    });
  });
}
