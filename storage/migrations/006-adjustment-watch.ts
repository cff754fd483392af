export const name = '006-adjustment-watch';

/**
 * Where each connection's QuickBooks quantity watch stands: adjustments changed at or after `changed_since` are read
 * next time; `seen_ids` are those already handled at exactly that instant (the query's bound is inclusive).
 */
export const sql = `
CREATE TABLE qbo_adjustment_cursors (
  connection_id text PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  changed_since timestamptz NOT NULL,
  seen_ids text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
