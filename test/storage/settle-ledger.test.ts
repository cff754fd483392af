import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';
import { computeSettle } from '../../domain/settle.js';
import { movementId, settlePlanId } from '../../domain/movement-id.js';
import type { SettlePlan } from '../../domain/settle-plan.js';
import { LinkConflictError } from '../../storage/repositories/links.js';
import { storedCredentials } from '../support/stored-credentials.js';

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
        accountingItemId: '19',
        fieldItemId: 'z-19',
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
      const movements = await store.db.query<{ id: string; side: string; qty_diff: string }>(
        'SELECT id, side, qty_diff FROM movements ORDER BY side',
      );
      assert.deepEqual(
        movements.map((m) => [m.id, m.side, Number(m.qty_diff)]),
        [
          [plan.accounting.movementId, 'accounting', 2],
          [plan.field.movementId, 'field', -3],
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
      assert.equal(removed !== 'settling' && removed?.fieldItemId, 'z-19');
      assert.equal(await store.links.remove('c1', '19'), null);
      const again = await store.links.create({
        connectionId: 'c1',
        accountingItemId: '19',
        fieldItemId: 'z-20',
        itemKind: 'inventory',
        tracksQuantity: true,
        baseQty: 3,
        definitionHash: null,
      });
      const settled = await store.db.query<{ id: string }>('SELECT id FROM settles WHERE accounting_item_id = $1', [
        '19',
      ]);
      assert.equal(again.version, settled.length, 'the new link continues after every settle committed before');
      const next = planFor({ version: again.version, baseQty: 3 }, 4, 3);
      assert.ok(!settled.some((row) => row.id === next.id));
      assert.equal(
        await store.links.commitPlan(await store.links.storePlan(next), { accounting: null, field: 'tx' }, null),
        true,
      );
    });

    it('serialises token refreshes so two workers never both use one refresh token', async () => {
      const tokens = (n: number) => ({
        accessToken: `at-${n}`,
        refreshToken: `rt-${n}`,
        accessTokenExpiresAt: new Date(Date.now() + n * 1000),
        refreshTokenExpiresAt: new Date(Date.now() + 100 * 86400_000),
      });
      await storedCredentials(store).saveQbo('c1', 'realm-1', tokens(0));
      let refreshes = 0;
      const refreshIfStale = (current: ReturnType<typeof tokens>) =>
        storedCredentials(store).withQboTokenLock('c1', async (stored) => {
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
      assert.equal((await storedCredentials(store).loadQboTokens('c1')).accessToken, 'at-1');
      const raw = await store.db.query<{ tokens: string }>(
        `SELECT secrets_sealed ->> 'tokens' AS tokens FROM connection_credentials`,
      );
      assert.ok(!raw[0]!.tokens.includes('rt-1'), 'tokens are sealed at rest');
    });
  });
}
