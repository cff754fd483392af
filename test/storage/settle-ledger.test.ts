import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../storage/index.js';
import { computeSettle } from '../../domain/settle.js';
import { movementId, settlePlanId } from '../../domain/movement-id.js';
import type { SettlePlan } from '../../domain/settle-plan.js';
import { LinkConflictError } from '../../storage/repositories/links.js';
import { migrate } from '../../storage/migrate.js';

const planFor = (link: { version: number; baseQty: number }, accounting: number, field: number): SettlePlan => {
  const math = computeSettle({ base: link.baseQty, accounting, field });
  const id = settlePlanId('c1', '19', link.version);
  return {
    id,
    connectionId: 'c1',
    accountingItemId: '19',
    fieldItemId: 'z-19',
    linkVersion: link.version,
    base: link.baseQty,
    newBase: math.newBase,
    accounting: { seen: accounting, move: math.move.accounting, movementId: movementId(id, 'accounting') },
    field: { seen: field, move: math.move.field, movementId: movementId(id, 'field') },
    reason: 'test',
    plannedAt: new Date(0).toISOString(),
  };
};

for (const database of testDatabases()) {
  describe(`settle ledger on ${database.name}`, () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));
    before(async () => {
      await store.connections.create('c1', 'Test');
      await store.links.create({
        connectionId: 'c1',
        qboItemId: '19',
        zuperProductUid: 'z-19',
        itemKind: 'inventory',
        tracksQuantity: true,
        baseQty: 10,
        definitionHash: null,
      });
    });

    it('commits a plan once: base moves, ledger rows written, a second commit changes nothing', async () => {
      const plan = planFor({ version: 0, baseQty: 10 }, 7, 12);
      assert.equal((await store.links.storePlan(plan)).id, plan.id);
      assert.equal(await store.links.commitPlan(plan, { accounting: 'adj-1', field: 'tx-1' }, 'wf'), true);
      assert.equal(await store.links.commitPlan(plan, { accounting: 'adj-1', field: 'tx-1' }, 'wf'), false);
      const link = await store.links.get('c1', '19');
      assert.equal(link?.baseQty, 9);
      assert.equal(link?.version, 1);
      assert.equal(link?.pendingSettle, null);
      const movements = await store.db.query<{ id: string; target: string; qty_diff: string }>(
        'SELECT id, target, qty_diff FROM movements ORDER BY target',
      );
      assert.deepEqual(
        movements.map((m) => [m.id, m.target, Number(m.qty_diff)]),
        [
          [plan.accounting.movementId, 'qbo', 2],
          [plan.field.movementId, 'zuper', -3],
        ],
      );
    });

    it('returns the pending plan instead of storing a second one, and refuses a plan from a stale version', async () => {
      const first = planFor({ version: 1, baseQty: 9 }, 8, 9);
      await store.links.storePlan(first);
      const second = planFor({ version: 1, baseQty: 9 }, 5, 9);
      assert.equal((await store.links.storePlan(second)).id, first.id);
      assert.equal((await store.links.storePlan(second)).accounting.seen, 8);
      await store.links.commitPlan(first, { accounting: null, field: 'tx-2' }, null);
      await assert.rejects(store.links.storePlan(planFor({ version: 1, baseQty: 9 }, 1, 1)), LinkConflictError);
    });

    it('lets exactly one of many concurrent commits of the same plan move the base', async () => {
      const link = (await store.links.get('c1', '19'))!;
      const plan = planFor({ version: link.version, baseQty: link.baseQty! }, link.baseQty! + 5, link.baseQty!);
      await store.links.storePlan(plan);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.links.commitPlan(plan, { accounting: null, field: 'tx' }, null)),
      );
      assert.equal(results.filter(Boolean).length, 1);
      const after = (await store.links.get('c1', '19'))!;
      assert.equal(after.baseQty, link.baseQty! + 5);
      assert.equal(after.version, link.version + 1);
    });

    it('removes a link only with no settle pending, and a link made again never repeats a settle id', async () => {
      const link = (await store.links.get('c1', '19'))!;
      const pending = planFor({ version: link.version, baseQty: link.baseQty! }, link.baseQty! + 1, link.baseQty!);
      await store.links.storePlan(pending);
      assert.equal(await store.links.remove('c1', '19'), 'settling');
      await store.links.commitPlan(pending, { accounting: null, field: 'tx' }, null);
      const removed = await store.links.remove('c1', '19');
      assert.equal(removed !== 'settling' && removed?.zuperProductUid, 'z-19');
      assert.equal(await store.links.remove('c1', '19'), null);
      const again = await store.links.create({
        connectionId: 'c1',
        qboItemId: '19',
        zuperProductUid: 'z-20',
        itemKind: 'inventory',
        tracksQuantity: true,
        baseQty: 3,
        definitionHash: null,
      });
      const settled = await store.db.query<{ id: string }>('SELECT id FROM settles WHERE qbo_item_id = $1', ['19']);
      assert.equal(again.version, settled.length, 'the new link continues after every settle committed before');
      const next = planFor({ version: again.version, baseQty: 3 }, 4, 3);
      assert.ok(!settled.some((row) => row.id === next.id));
      assert.equal(
        await store.links.commitPlan(await store.links.storePlan(next), { accounting: null, field: 'tx' }, null),
        true,
      );
    });

    it('migrates a plan pending in the flat shape of earlier versions to the side-neutral one', async () => {
      const link = (await store.links.get('c1', '19'))!;
      const plan = planFor({ version: link.version, baseQty: link.baseQty! }, link.baseQty! - 2, link.baseQty! + 1);
      const flat = {
        id: plan.id,
        connectionId: 'c1',
        qboItemId: '19',
        zuperProductUid: 'z-20',
        linkVersion: plan.linkVersion,
        base: plan.base,
        qboSeen: plan.accounting.seen,
        zuperSeen: plan.field.seen,
        toQbo: plan.accounting.move,
        toZuper: plan.field.move,
        newBase: plan.newBase,
        qboMovementId: 'mvq-flat1',
        zuperMovementId: 'mvz-flat1',
        reason: 'written by an earlier version',
        plannedAt: plan.plannedAt,
        qboRequestAttempt: 2,
      };
      await store.db.query(
        "UPDATE item_links SET pending_settle = $1 WHERE connection_id = 'c1' AND qbo_item_id = '19'",
        [JSON.stringify(flat)],
      );
      await store.db.query("DELETE FROM schema_migrations WHERE name = '010-side-neutral-plans'");
      assert.deepEqual(await migrate(store.db), ['010-side-neutral-plans']);
      const [row] = await store.db.query<{ pending_settle: unknown }>(
        "SELECT pending_settle FROM item_links WHERE connection_id = 'c1' AND qbo_item_id = '19'",
      );
      const migrated = {
        id: plan.id,
        connectionId: 'c1',
        accountingItemId: '19',
        fieldItemId: 'z-20',
        linkVersion: plan.linkVersion,
        base: plan.base,
        newBase: plan.newBase,
        accounting: {
          seen: plan.accounting.seen,
          move: plan.accounting.move,
          movementId: 'mvq-flat1',
          requestAttempt: 2,
        },
        field: { seen: plan.field.seen, move: plan.field.move, movementId: 'mvz-flat1' },
        reason: 'written by an earlier version',
        plannedAt: plan.plannedAt,
      };
      assert.deepEqual(row?.pending_settle, migrated);
      assert.deepEqual((await store.links.get('c1', '19'))?.pendingSettle, migrated);
      assert.deepEqual([...(await store.links.ownZuperMovements('c1', ['mvz-flat1', 'mvz-other']))], ['mvz-flat1']);
      assert.equal(await store.links.freshRequest('c1', '19', plan.id, 'accounting'), true);
      assert.equal((await store.links.get('c1', '19'))?.pendingSettle?.accounting.requestAttempt, 3);
      const committed = { ...migrated, accounting: { ...migrated.accounting, requestAttempt: 3 } };
      assert.equal(await store.links.commitPlan(committed, { accounting: 'adj-9', field: 'tx-9' }, null), true);
      const ledger = await store.db.query<{ id: string; target: string; qty_diff: string }>(
        'SELECT id, target, qty_diff FROM movements WHERE settle_id = $1 ORDER BY target',
        [plan.id],
      );
      assert.deepEqual(
        ledger.map((m) => [m.id, m.target, Number(m.qty_diff)]),
        [
          ['mvq-flat1', 'qbo', plan.accounting.move],
          ['mvz-flat1', 'zuper', plan.field.move],
        ],
      );
      assert.equal((await store.links.get('c1', '19'))?.baseQty, plan.newBase);
    });

    it('serialises token refreshes so two workers never both use one refresh token', async () => {
      const tokens = (n: number) => ({
        accessToken: `at-${n}`,
        refreshToken: `rt-${n}`,
        accessTokenExpiresAt: new Date(Date.now() + n * 1000),
        refreshTokenExpiresAt: new Date(Date.now() + 100 * 86400_000),
      });
      await store.connections.saveQbo('c1', 'realm-1', tokens(0));
      let refreshes = 0;
      const refreshIfStale = (current: ReturnType<typeof tokens>) =>
        store.connections.withQboTokenLock('c1', async (stored) => {
          if (stored.refreshToken !== current.refreshToken) return stored;
          refreshes += 1;
          await new Promise((r) => setTimeout(r, 20));
          return tokens(refreshes);
        });
      const seen = tokens(0);
      const [a, b] = await Promise.all([refreshIfStale(seen), refreshIfStale(seen)]);
      assert.equal(refreshes, 1);
      assert.equal(a.refreshToken, 'rt-1');
      assert.equal(b.refreshToken, 'rt-1');
      assert.equal((await store.connections.loadQboTokens('c1')).accessToken, 'at-1');
      const raw = await store.db.query<{ qbo_tokens_sealed: string }>('SELECT qbo_tokens_sealed FROM connections');
      assert.ok(!raw[0]!.qbo_tokens_sealed.includes('rt-1'), 'tokens are sealed at rest');
    });
  });
}
