import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';

/** Item ids whose text order differs from their number order, so the pages must follow the store's own order. */
const accountingIds = ['1', '10', '11', '2', '20', '3', '300'];

for (const database of testDatabases()) {
  describe(`paged reads of links and linking plans on ${database.name}`, () => {
    let store: Store;
    let reportId: number;
    withTestStore(database, (opened) => (store = opened));
    before(async () => {
      for (const connectionId of ['c1', 'c2']) await store.connections.create(connectionId, connectionId);
      for (const id of accountingIds) {
        await store.links.create({
          connectionId: 'c1',
          accountingItemId: id,
          fieldItemId: `z-${id}`,
          itemKind: 'inventory',
          tracksQuantity: true,
          baseQty: Number(id),
          definitionHash: null,
        });
      }
      await store.links.create({
        connectionId: 'c2',
        accountingItemId: '5',
        fieldItemId: 'z-5',
        itemKind: 'service',
        tracksQuantity: false,
        baseQty: null,
        definitionHash: null,
      });
      reportId = await store.history.record({ connectionId: 'c1', kind: 'link', status: 'started', summary: 'plan' });
    });

    it("reads a connection's links page by page, each once, in the store's order", async () => {
      const pages: string[][] = [];
      for await (const page of store.links.pages('c1', 3)) pages.push(page.map((l) => l.accountingItemId));
      assert.deepEqual(
        pages.map((p) => p.length),
        [3, 3, 1],
      );
      assert.deepEqual(
        pages.flat(),
        (await store.links.list('c1')).map((l) => l.accountingItemId),
      );
      assert.deepEqual(pages.flat().sort(), [...accountingIds].sort());
      assert.equal(await store.links.count('c1'), accountingIds.length);
    });

    it('a connection whose links fill whole pages ends without an empty page', async () => {
      const pages: number[] = [];
      for await (const page of store.links.pages('c2', 1)) pages.push(page.length);
      assert.deepEqual(pages, [1]);
    });

    it("finds the links of a catalog page's items on either side, and none of another connection", async () => {
      const field = await store.links.onSide('c1', 'field', ['z-2', 'z-300', 'z-404', 'z-5']);
      assert.deepEqual([...field.keys()].sort(), ['z-2', 'z-300']);
      assert.equal(field.get('z-300')?.accountingItemId, '300');
      assert.equal(field.get('z-300')?.baseQty, 300);
      const accounting = await store.links.onSide('c2', 'accounting', ['5', '10']);
      assert.deepEqual([...accounting.keys()], ['5']);
      assert.equal(accounting.get('5')?.itemKind, 'service');
    });

    it('stores a plan of several write pages in order as it is decided, and reads any range of it', async () => {
      const actions = Array.from({ length: 2500 }, (_, n) => ({ action: 'create', fromId: String(n) }));
      function* decided() {
        yield* actions;
      }
      assert.equal(await store.linkPlans.write(reportId, decided()), 2500);
      assert.equal(await store.linkPlans.count(reportId), 2500);
      assert.deepEqual(await store.linkPlans.range(reportId, 998, 1002), actions.slice(998, 1002));
      assert.deepEqual(await store.linkPlans.range(reportId, 2490, 2600), actions.slice(2490));
      const rows = await store.db.query<{ position: number }>(
        'SELECT position FROM link_plan_actions WHERE run_id = $1 ORDER BY position',
        [reportId],
      );
      assert.deepEqual(
        rows.map((r) => r.position),
        actions.map((_, n) => n),
      );
    });

    it('a page that cannot be stored fails the write, whichever page is being decided meanwhile', async () => {
      const actions = Array.from({ length: 2500 }, (_, n) => ({ action: 'skip', id: String(n) }));
      await assert.rejects(store.linkPlans.write(reportId + 1000, actions), /foreign key/);
      assert.equal(await store.linkPlans.count(reportId + 1000), 0);
    });

    it("a retried plan replaces what the earlier attempt stored, and a report's rows go with it", async () => {
      await store.linkPlans.write(reportId, [{ action: 'skip', id: 'a' }]);
      assert.equal(await store.linkPlans.count(reportId), 1);
      assert.deepEqual(await store.linkPlans.range(reportId, 0, 10), [{ action: 'skip', id: 'a' }]);
      await store.db.query('DELETE FROM sync_runs WHERE id = $1', [reportId]);
      assert.equal(await store.linkPlans.count(reportId), 0);
    });
  });
}
