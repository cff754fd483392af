import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';

/** A plan as versions before the side-neutral settle stored it on a link. */
const flatPlan = {
  id: 'st-flat',
  connectionId: 'c1',
  qboItemId: '19',
  zuperProductUid: 'z-19',
  linkVersion: 0,
  base: 10,
  qboSeen: 8,
  zuperSeen: 11,
  toQbo: 1,
  toZuper: -2,
  newBase: 9,
  qboMovementId: 'mvq-flat1',
  zuperMovementId: 'mvz-flat1',
  reason: 'written by an earlier version',
  plannedAt: '2026-11-30T10:00:00.000Z',
  qboRequestAttempt: 2,
};

for (const database of testDatabases()) {
  describe(`side-neutral storage (migrations 010 and 011) on ${database.name}`, () => {
    it('migrates a database written by the schema before them: every link, base, plan, ledger and history row survives', async () => {
      const { db, drop } = await database.open({ migrateUpTo: '009-qbo-metered-reads' });
      try {
        await db.exec(`
          INSERT INTO connections (id, display_name) VALUES ('c1', 'Acme');
          INSERT INTO item_links (connection_id, qbo_item_id, zuper_product_uid, item_kind, tracks_quantity, base_qty, version, pending_settle)
            VALUES ('c1', '19', 'z-19', 'inventory', true, 10, 0, '${JSON.stringify(flatPlan)}'),
                   ('c1', '20', 'z-20', 'inventory', true, 5, 1, NULL),
                   ('c1', '21', 'z-21', 'service', false, NULL, 0, NULL);
          INSERT INTO settles (id, connection_id, qbo_item_id, zuper_product_uid, base_before, qbo_seen, zuper_seen, base_after, reason)
            VALUES ('st-old', 'c1', '20', 'z-20', 7, 4, 8, 5, 'invoice');
          INSERT INTO movements (id, settle_id, connection_id, qbo_item_id, target, qty_diff, external_ref)
            VALUES ('mvq-old', 'st-old', 'c1', '20', 'qbo', 1, 'adj-1'), ('mvz-old', 'st-old', 'c1', '20', 'zuper', -3, 'tx-1');
          INSERT INTO sync_runs (connection_id, kind, status, qbo_item_id, zuper_product_uid, summary)
            VALUES ('c1', 'quantity', 'succeeded', '20', 'z-20', 'Quantity settled');
          INSERT INTO category_links (connection_id, qbo_category_id, zuper_category_uid) VALUES ('c1', '7', 'zc-7');
        `);
        assert.deepEqual(await migrate(db), migrationsFrom('010-side-neutral-plans'));
        const store = createStore(db, testSecretBox());

        const links = await store.links.list('c1');
        assert.deepEqual(
          links.map((l) => [l.accountingItemId, l.fieldItemId, l.itemKind, l.tracksQuantity, l.baseQty, l.version]),
          [
            ['19', 'z-19', 'inventory', true, 10, 0],
            ['20', 'z-20', 'inventory', true, 5, 1],
            ['21', 'z-21', 'service', false, null, 0],
          ],
        );
        assert.equal((await store.links.getByFieldItem('c1', 'z-20'))?.accountingItemId, '20');
        const pending = links[0]?.pendingSettle;
        assert.deepEqual(pending, {
          id: 'st-flat',
          connectionId: 'c1',
          accountingItemId: '19',
          fieldItemId: 'z-19',
          linkVersion: 0,
          base: 10,
          newBase: 9,
          accounting: { seen: 8, move: 1, movementId: 'mvq-flat1', requestAttempt: 2 },
          field: { seen: 11, move: -2, movementId: 'mvz-flat1' },
          reason: 'written by an earlier version',
          plannedAt: '2026-11-30T10:00:00.000Z',
        });
        const [stored] = await db.query<{ pending_settle: unknown }>(
          "SELECT pending_settle FROM item_links WHERE accounting_item_id = '19'",
        );
        assert.deepEqual(stored?.pending_settle, pending, 'the stored plan itself has the side-neutral shape');

        const ledger = await db.query<{ id: string; side: string; accounting_item_id: string; qty_diff: string }>(
          'SELECT id, side, accounting_item_id, qty_diff FROM movements ORDER BY id',
        );
        assert.deepEqual(
          ledger.map((m) => [m.id, m.side, m.accounting_item_id, Number(m.qty_diff)]),
          [
            ['mvq-old', 'accounting', '20', 1],
            ['mvz-old', 'field', '20', -3],
          ],
        );
        await assert.rejects(
          db.query("UPDATE movements SET side = 'qbo' WHERE id = 'mvq-old'"),
          /movements_side_check/,
          'a movement names a side, not a system',
        );
        assert.deepEqual(
          [...(await store.links.ownFieldMovements('c1', ['mvz-old', 'mvz-flat1', 'mvq-old', 'mvz-other']))].sort(),
          ['mvz-flat1', 'mvz-old'],
        );
        const history = await store.history.list({ connectionId: 'c1', accountingItemId: '20' });
        assert.deepEqual(
          history.map((h) => [h.accountingItemId, h.fieldItemId, h.summary]),
          [['20', 'z-20', 'Quantity settled']],
        );
        assert.equal(await store.categoryLinks.fieldFor('c1', '7'), 'zc-7');
        assert.equal(await store.categoryLinks.accountingFor('c1', 'zc-7'), '7');
        const [systems] = await db.query<{ accounting_system: string; field_system: string }>(
          "SELECT accounting_system, field_system FROM connections WHERE id = 'c1'",
        );
        assert.deepEqual(systems, { accounting_system: 'qbo', field_system: 'zuper' });

        // The migrated plan goes on: a fresh request id for its accounting write, then its commit.
        assert.equal(await store.links.freshRequest('c1', '19', 'st-flat', 'accounting'), true);
        const resumed = (await store.links.get('c1', '19'))!.pendingSettle!;
        assert.equal(resumed.accounting.requestAttempt, 3);
        assert.equal(await store.links.commitPlan(resumed, { accounting: 'adj-9', field: 'tx-9' }, null), true);
        const after = await store.links.get('c1', '19');
        assert.deepEqual([after?.baseQty, after?.version, after?.pendingSettle], [9, 1, null]);
        const committed = await db.query<{ id: string; side: string; qty_diff: string }>(
          "SELECT id, side, qty_diff FROM movements WHERE settle_id = 'st-flat' ORDER BY side",
        );
        assert.deepEqual(
          committed.map((m) => [m.id, m.side, Number(m.qty_diff)]),
          [
            ['mvq-flat1', 'accounting', 1],
            ['mvz-flat1', 'field', -2],
          ],
        );
        // A link made again continues after every settle its item committed, under either schema.
        assert.equal(await store.links.remove('c1', '20').then((l) => l !== 'settling' && l?.version), 1);
        const again = await store.links.create({
          connectionId: 'c1',
          accountingItemId: '20',
          fieldItemId: 'z-22',
          itemKind: 'inventory',
          tracksQuantity: true,
          baseQty: 0,
          definitionHash: null,
        });
        assert.equal(again.version, 1);
      } finally {
        await drop();
      }
    });
  });
}
