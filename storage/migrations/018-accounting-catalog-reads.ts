export const name = '018-accounting-catalog-reads';

/**
 * The table of whole-catalog reads serves the accounting side, whichever system sits there (QuickBooks Desktop's
 * reads are queued for its Web Connector), so it is named after the side. A rename: processes of an older version must
 * be stopped first (deploy/README.md, "Data and upgrades").
 */
export const sql = `
ALTER TABLE qbo_catalog_reads RENAME TO accounting_catalog_reads;
`;
