export const name = '019-product-master-side';

/**
 * A connection's product master names a side (`accounting`, `field`) rather than a system: settings stored with
 * `qbo` (written for QuickBooks Desktop connections too, the accounting side then being named so) or `qbd` become
 * `accounting`, and `zuper` becomes `field`. Everything else in the settings is kept. Settings a process of the older
 * version saves during a rolling upgrade are still read by the settings schema, which takes the older words.
 */
export const sql = `
UPDATE connections
   SET settings = jsonb_set(
         settings,
         '{productMaster}',
         to_jsonb(CASE settings->>'productMaster' WHEN 'zuper' THEN 'field' ELSE 'accounting' END))
 WHERE settings->>'productMaster' IN ('qbo', 'qbd', 'zuper');
`;
