import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';
import type { QboChange } from '../../integrations/qbo/announced-change.js';

const change = (connectionId: string, entityId: string): QboChange => ({
  connectionId,
  entity: 'Invoice',
  entityId,
  operation: 'Create',
});
const delivery = (connectionId: string, id: string) => ({
  deliveryId: id,
  connectionId,
  change: change(connectionId, id),
});
const claimOptions = {
  limit: 100,
  batchSize: 100,
  leaseMs: 60_000,
  batchIdFor: (s: string, c: string, f: string) => `${s}:${c}:${f}`,
};

for (const database of testDatabases()) {
  describe(`intake outbox on ${database.name}`, () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));

    it('stores each delivery id once, within a request and across requests', async () => {
      const first = await store.webhookDeliveries.accept('qbo', [
        delivery('c1', 'd1'),
        delivery('c1', 'd2'),
        delivery('c1', 'd1'),
      ]);
      const again = await store.webhookDeliveries.accept('qbo', [delivery('c1', 'd2'), delivery('c1', 'd3')]);
      const otherSource = await store.webhookDeliveries.accept('zuper', [delivery('c1', 'd1')]);
      assert.deepEqual([[...first].sort(), [...again], [...otherSource]], [['d1', 'd2'], ['d3'], ['d1']]);
      assert.equal(await store.webhookDeliveries.waiting(), 4);
    });

    it('claims each waiting delivery for one dispatcher only, and a batch carries exactly its deliveries', async () => {
      const [mine, theirs] = await Promise.all([
        store.webhookDeliveries.claim(claimOptions),
        store.webhookDeliveries.claim(claimOptions),
      ]);
      const claimed = [...mine, ...theirs];
      assert.equal(
        claimed.reduce((n, b) => n + b.size, 0),
        4,
        'every waiting delivery, once',
      );
      const qbo = claimed.find((b) => b.batchId === 'qbo:c1:d1');
      assert.ok(qbo);
      assert.deepEqual(
        (await store.webhookDeliveries.batch('qbo:c1:d1')).map((d) => [d.source, d.deliveryId, d.change]),
        [
          ['qbo', 'd1', change('c1', 'd1')],
          ['qbo', 'd2', change('c1', 'd2')],
          ['qbo', 'd3', change('c1', 'd3')],
        ],
      );
      assert.deepEqual(await store.webhookDeliveries.claim(claimOptions), [], 'nothing left while the claims hold');
    });

    it('a released batch is claimed again whole, under the same id, with later deliveries in a batch of their own', async () => {
      await store.webhookDeliveries.release('qbo:c1:d1');
      await store.webhookDeliveries.accept('qbo', [delivery('c1', 'd4')]);
      const again = await store.webhookDeliveries.claim(claimOptions);
      assert.deepEqual(
        again.map((b) => [b.batchId, b.size]),
        [
          ['qbo:c1:d1', 3],
          ['qbo:c1:d4', 1],
        ],
      );
      await store.webhookDeliveries.handedOff('qbo:c1:d1');
      assert.equal(await store.webhookDeliveries.handedOffIn('qbo', 'd2'), 'qbo:c1:d1');
      assert.equal(await store.webhookDeliveries.handedOffIn('qbo', 'd4'), null);
    });

    it('a claim whose holder died is taken over once its lease ends', async () => {
      await store.webhookDeliveries.accept('qbo', [delivery('c2', 'e1')]);
      const [held] = await store.webhookDeliveries.claim({ ...claimOptions, leaseMs: 1 });
      assert.equal(held?.batchId, 'qbo:c2:e1');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const takenOver = await store.webhookDeliveries.claim(claimOptions);
      assert.ok(takenOver.some((b) => b.batchId === 'qbo:c2:e1' && b.size === 1));
    });

    it('prunes only deliveries handed off before the cut-off', async () => {
      for (const b of ['qbo:c1:d4', 'qbo:c2:e1', 'zuper:c1:d1']) await store.webhookDeliveries.handedOff(b);
      assert.equal(await store.webhookDeliveries.waiting(), 0);
      assert.equal(await store.webhookDeliveries.prune(new Date(Date.now() - 60_000)), 0);
      assert.equal(await store.webhookDeliveries.prune(new Date(Date.now() + 60_000)), 6);
      assert.deepEqual(await store.webhookDeliveries.accept('qbo', [delivery('c1', 'd1')]), new Set(['d1']));
    });

    it("a claimed batch names the trace of each request its deliveries came in, once, and its oldest delivery's arrival", async () => {
      const first = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const second = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const before = new Date(Date.now() - 1000); // the database's clock, not this process's, stamps arrivals
      await store.webhookDeliveries.accept('qbo', [
        { ...delivery('c3', 't1'), traceParent: first },
        { ...delivery('c3', 't2'), traceParent: first },
      ]);
      await store.webhookDeliveries.accept('qbo', [
        { ...delivery('c3', 't3'), traceParent: second },
        delivery('c3', 't4'),
      ]);
      const batch = (await store.webhookDeliveries.claim(claimOptions)).find((b) => b.batchId === 'qbo:c3:t1');
      assert.equal(batch?.size, 4);
      assert.deepEqual(batch.traceParents, [first, second]);
      assert.ok(batch.waitingSince > before && batch.waitingSince <= new Date(Date.now() + 1000));
    });
  });
}
