export const name = '014-qbo-catalog-reads';

/**
 * When reconciliation last read each connection's whole QuickBooks catalog: scheduled runs read it again only once
 * it is a day old, because every page is a metered read (docs/adr/0010-metered-reads-change-watch.md).
 */
export const sql = `
CREATE TABLE qbo_catalog_reads (
  connection_id text PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  read_at timestamptz NOT NULL
);
`;
