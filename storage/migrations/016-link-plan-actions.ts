export const name = '016-link-plan-actions';

/**
 * A linking plan's actions, one row each in plan order, instead of one array in its report's details: a plan over a
 * 100,000-item catalog is then written and read in pages, never held or serialised whole (docs/big-company.md).
 */
export const sql = `
CREATE TABLE link_plan_actions (
  run_id integer NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  position integer NOT NULL,
  action jsonb NOT NULL,
  PRIMARY KEY (run_id, position)
);
`;
