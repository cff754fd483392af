import type { Db } from '../db.js';

/** Rows a plan is written in per statement. */
const WRITE_PAGE = 1000;

/** The items in pages of `size`, each made as the items come. */
function* pagesOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let page: T[] = [];
  for (const item of items) {
    page.push(item);
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/**
 * The actions of linking plans, by the report (sync run) they belong to and their position in the plan. What an
 * action holds is the activities' business: it is stored as written.
 */
export function linkPlansRepository(db: Db) {
  return {
    /**
     * Stores the plan's actions in order, replacing whatever an earlier attempt at the same plan stored, and answers
     * how many there were. They are taken as they are decided: each page is written while the next is being decided,
     * so a big plan is neither held whole nor made and written one after the other.
     */
    async write(runId: number, actions: Iterable<unknown>): Promise<number> {
      await db.query('DELETE FROM link_plan_actions WHERE run_id = $1', [runId]);
      let written = 0;
      let writing: Promise<unknown> = Promise.resolve();
      for (const page of pagesOf(actions, WRITE_PAGE)) {
        await writing;
        writing = db.query(
          `INSERT INTO link_plan_actions (run_id, position, action)
           SELECT $1, $2::int + n - 1, action FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS a(action, n)`,
          [runId, written, JSON.stringify(page)],
        );
        // A page that fails while the next is decided is reported by the await above, not left unobserved.
        writing.catch(() => {});
        written += page.length;
      }
      await writing;
      return written;
    },

    /** Actions [from, to) of the plan, in order; fewer where the plan is shorter. */
    async range<Action>(runId: number, from: number, to: number): Promise<Action[]> {
      const rows = await db.query<{ action: Action }>(
        'SELECT action FROM link_plan_actions WHERE run_id = $1 AND position >= $2 AND position < $3 ORDER BY position',
        [runId, from, to],
      );
      return rows.map((r) => r.action);
    },

    /** How many actions the plan has; 0 for a report whose plan is kept in its details (stored before 016). */
    async count(runId: number): Promise<number> {
      const rows = await db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM link_plan_actions WHERE run_id = $1',
        [runId],
      );
      return rows[0]?.count ?? 0;
    },
  };
}
