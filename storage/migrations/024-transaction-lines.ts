export const name = '024-transaction-lines';

/**
 * The quantity watch keeps the lines it last saw of each transaction (per item and site, with their quantities) and
 * the version it saw, so an edit is diffed against them and only the items whose lines changed settle. Rows written
 * before keep only their item ids (lines null).
 */
export const sql = `
ALTER TABLE transaction_items ADD COLUMN lines jsonb;
ALTER TABLE transaction_items ADD COLUMN version text;
`;
