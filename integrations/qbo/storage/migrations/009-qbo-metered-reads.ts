export const name = '009-qbo-metered-reads';

/**
 * QuickBooks reads and queries (metered per app per calendar month, UTC) counted per connection and month. No
 * foreign key: a removed connection's reads still count against the app's allowance for the month.
 */
export const sql = `
CREATE TABLE qbo_metered_reads (
  connection_id text NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  reads bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (month, connection_id)
);
`;
