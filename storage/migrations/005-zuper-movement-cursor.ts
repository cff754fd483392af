export const name = '005-zuper-movement-cursor';

/**
 * How far each connection has read Zuper's stock-movement list (oldest first): a movement delivery names the
 * movement, not the product, so the products moved are found by reading the list past this point.
 */
export const sql = `
CREATE TABLE zuper_movement_cursors (
  connection_id text PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  seen integer NOT NULL,
  last_transaction_uid text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
