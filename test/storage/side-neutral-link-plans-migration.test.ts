import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../support/databases.js';
import { migrate, migrationsFrom, createStore } from '../../integrations/store.js';
import { testSecretBox } from '../support/secrets.js';
import { olderLinkActions } from '../support/older-link-actions.js';

const olderActions = olderLinkActions.map(([, older]) => older);
const currentActions = olderLinkActions.map(([, , current]) => current);

for (const database of testDatabases()) {
  describe(`side-neutral link plans (migration 017) on ${database.name}`, () => {
    it('migrates plans written by the schema before it: every action, paged or in a report, reads by side', async () => {
      const { db, drop } = await database.open({ migrateUpTo: '016-link-plan-actions' });
      try {
        await db.exec(`INSERT INTO connections (id, display_name) VALUES ('c1', 'Acme')`);
        const report = async (kind: string, details: unknown) => {
          const [row] = await db.query<{ id: number }>(
            `INSERT INTO sync_runs (connection_id, kind, status, summary, details)
             VALUES ('c1', $1, 'succeeded', 'written by an earlier version', $2::jsonb) RETURNING id`,
            [kind, JSON.stringify(details)],
          );
          return row!.id;
        };
        // A plan stored in pages (016), a plan stored whole in its report (before 016), a link made by hand, and a
        // reconciliation whose details hold no plan.
        const paged = await report('link', { dryRun: false, summary: { link: 3 }, actionCount: olderActions.length });
        await db.query(
          `INSERT INTO link_plan_actions (run_id, position, action)
           SELECT $1, n - 1, action FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(action, n)`,
          [paged, JSON.stringify(olderActions)],
        );
        const whole = await report('link', { dryRun: true, actions: olderActions });
        const byHand = await report('link', { byHand: true, kind: 'inventory', quantityChange: null });
        const reconcile = await report('reconcile', { checked: 2, missing: [{ qboItemId: '9', side: 'zuper' }] });
        const empty = await report('link', { dryRun: true, actions: [] });

        assert.deepEqual(await migrate(db), migrationsFrom('017-side-neutral-link-plans'));
        const store = createStore(db, testSecretBox());

        assert.equal(await store.linkPlans.count(paged), currentActions.length, 'no paged action is lost');
        assert.deepEqual(await store.linkPlans.range(paged, 0, currentActions.length), currentActions);
        assert.deepEqual(
          (await store.history.get(paged))?.details,
          { dryRun: false, summary: { link: 3 }, actionCount: olderActions.length },
          'a paged plan report keeps its details',
        );
        assert.deepEqual((await store.history.get(whole))?.details, { dryRun: true, actions: currentActions });
        assert.deepEqual((await store.history.get(byHand))?.details, {
          byHand: true,
          kind: 'inventory',
          quantityChange: null,
        });
        assert.deepEqual((await store.history.get(reconcile))?.details, {
          checked: 2,
          missing: [{ qboItemId: '9', side: 'zuper' }],
        });
        assert.deepEqual((await store.history.get(empty))?.details, { dryRun: true, actions: [] });

        // Plans written after it are stored as written.
        await store.linkPlans.write(whole, currentActions);
        assert.deepEqual(await store.linkPlans.range(whole, 0, 100), currentActions);
      } finally {
        await drop();
      }
    });
  });
}
