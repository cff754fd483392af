import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../storage/db.js';
import { createStore, type Store } from '../../integrations/store.js';
import type { AppContext } from '../../service/context.js';
import { listHistory } from '../../operator/list-history.js';
import { getHistoryEntry } from '../../operator/get-history-entry.js';
import { openFailures } from '../../operator/open-failures.js';
import { testDatabases } from '../support/databases.js';
import { testSecretBox } from '../support/secrets.js';

/** A settle's row as versions before the side-neutral history wrote it: quantities keyed by system. */
async function olderSettleRow(db: Db, connectionId: string, before: object, after: object): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO sync_runs (connection_id, kind, status, accounting_item_id, field_item_id, summary, qty_before,
       qty_after, finished_at)
     VALUES ($1, 'quantity', 'succeeded', '19', 'zp-1', 'Quantity settled (older)', $2, $3, now()) RETURNING id`,
    [connectionId, JSON.stringify(before), JSON.stringify(after)],
  );
  return rows[0]!.id;
}

for (const database of testDatabases()) {
  describe(`the operator API's history by side on ${database.name}`, () => {
    let db: Db;
    let store: Store;
    let drop: () => Promise<void>;
    let ctx: AppContext;
    before(async () => {
      ({ db, drop } = await database.open());
      store = createStore(db, testSecretBox());
      ctx = { store } as unknown as AppContext;
      await store.connections.create('books', 'Online books');
      await store.connections.create('desktop', 'Desktop books');
      await db.query(`UPDATE connections SET accounting_system = 'qbd' WHERE id = 'desktop'`);
    });
    after(() => drop());

    it("lists rows of both shapes by side, with the names of the connection's systems", async () => {
      await olderSettleRow(db, 'books', { base: 10, qbo: 10, zuper: 8 }, { base: 8, qbo: 8, zuper: 8 });
      await store.history.record({
        connectionId: 'books',
        kind: 'quantity',
        status: 'succeeded',
        accountingItemId: '19',
        fieldItemId: 'zp-1',
        summary: 'Quantity settled (newer)',
        qtyBefore: { base: 8, field: 5 },
        qtyAfter: { base: 5, field: 5 },
      });
      const list = await listHistory(ctx, 'books', { item: 'zp-1', limit: 10 });
      assert.deepEqual(list.names, {
        accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
        field: { system: 'Zuper', record: 'Zuper product' },
      });
      assert.deepEqual(
        list.entries.map((e) => [e.summary, e.accountingItemId, e.fieldItemId, e.qtyBefore, e.qtyAfter]),
        [
          ['Quantity settled (newer)', '19', 'zp-1', { base: 8, field: 5 }, { base: 5, field: 5 }],
          [
            'Quantity settled (older)',
            '19',
            'zp-1',
            { base: 10, accounting: 10, field: 8 },
            { base: 8, accounting: 8, field: 8 },
          ],
        ],
      );
      assert.equal(JSON.stringify(list).includes('qbo'), false, 'no field or key names a vendor');
    });

    it('shows an older QuickBooks Desktop row by side, named after QuickBooks Desktop', async () => {
      const id = await olderSettleRow(db, 'desktop', { base: 5, qbd: 5, zuper: 4 }, { base: 4, qbd: 4, zuper: 4 });
      const shown = await getHistoryEntry(ctx, id);
      assert.deepEqual(
        [shown.qtyBefore, shown.qtyAfter],
        [
          { base: 5, accounting: 5, field: 4 },
          { base: 4, accounting: 4, field: 4 },
        ],
      );
      assert.deepEqual(shown.names.accounting, { system: 'QuickBooks Desktop', record: 'QuickBooks Desktop item' });
      assert.deepEqual([shown.accountingItemId, shown.fieldItemId], ['19', 'zp-1']);
    });

    it("keeps an item's failure open until that item's own later sync succeeds, not another item's", async () => {
      const failed = await store.history.record({
        connectionId: 'desktop',
        kind: 'quantity',
        status: 'needs_attention',
        accountingItemId: '31',
        fieldItemId: 'zp-31',
        summary: 'refused',
      });
      const otherItemSettled = {
        connectionId: 'desktop',
        kind: 'quantity' as const,
        status: 'succeeded' as const,
        accountingItemId: '32',
        fieldItemId: 'zp-32',
        summary: 'settled',
      };
      await store.history.record(otherItemSettled);
      assert.deepEqual(
        (await openFailures(store.history, 'desktop')).map((r) => r.id),
        [failed],
      );
      await store.history.record({ ...otherItemSettled, accountingItemId: '31', fieldItemId: 'zp-31' });
      assert.deepEqual(await openFailures(store.history, 'desktop'), []);
    });
  });
}
