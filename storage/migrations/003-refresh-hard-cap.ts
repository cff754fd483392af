export const name = '003-refresh-hard-cap';

/** Whether the stored refresh expiry is Intuit's 5-year cap (only a reconnect renews it) rather than the rolling one. */
export const sql = `
ALTER TABLE connections ADD COLUMN qbo_refresh_hard_capped boolean NOT NULL DEFAULT false;
`;
