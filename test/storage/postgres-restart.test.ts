import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases, withTestStore } from '../support/databases.js';
import type { Store } from '../../integrations/store.js';

const postgres = testDatabases().filter((d) => d.name === 'postgres');

for (const database of postgres) {
  describe('a PostgreSQL server dropping the pool’s idle connections', () => {
    let store: Store;
    withTestStore(database, (opened) => (store = opened));

    it('does not crash the process: the next queries open new connections and succeed', async () => {
      await Promise.all([1, 2, 3].map(() => store.db.query('SELECT pg_sleep(0.05)')));
      // What a server restart or an administrator does to the idle connections left in the pool.
      const [terminated] = await store.db.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      assert.ok((terminated?.n ?? 0) >= 1, 'idle connections were terminated');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answers = [];
      for (let i = 0; i < 5; i++) {
        // A query may still land on a connection whose termination the pool has not seen yet; it fails on its own.
        answers.push(
          await store.db.query<{ ok: number }>('SELECT 1 AS ok').then(
            (rows) => rows[0]?.ok,
            () => 'failed',
          ),
        );
      }
      assert.equal(answers.at(-1), 1, `answers: ${answers.join(', ')}`);
    });
  });
}
