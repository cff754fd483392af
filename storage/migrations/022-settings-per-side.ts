export const name = '022-settings-per-side';

/**
 * A connection's settings keep each side's own under `accounting` and `field`, naming the side's system
 * (integrations/connection-settings.ts): a QuickBooks Online connection's `qboQuantityWrite` and `accounts` become
 * `accounting: { system: 'qbo', quantityWrite, accounts }`, a QuickBooks Desktop connection's `qbdAccounts` and
 * `qbdSite` become `accounting: { system: 'qbd', accounts, site }`, and `defaultLocationUid` becomes
 * `field: { system: 'zuper', defaultLocationUid }`. The settings of a system the connection does not have (every
 * connection stored `qboQuantityWrite`, which QuickBooks Desktop never read) are dropped; everything else is kept.
 * Settings a process of the older version saves during a rolling upgrade are still read in the older shape.
 */
export const sql = `
UPDATE connections
   SET settings = (settings - 'qboQuantityWrite' - 'accounts' - 'qbdAccounts' - 'qbdSite' - 'defaultLocationUid')
       || jsonb_build_object(
            'accounting',
            CASE accounting_system
              WHEN 'qbd' THEN jsonb_strip_nulls(jsonb_build_object(
                'system', 'qbd',
                'accounts', COALESCE(settings->'qbdAccounts', '{}'::jsonb),
                'site', settings->'qbdSite'))
              ELSE jsonb_build_object(
                'system', accounting_system,
                'quantityWrite', COALESCE(settings->'qboQuantityWrite', '"inventory-adjustment"'::jsonb),
                'accounts', COALESCE(settings->'accounts', '{}'::jsonb))
            END,
            'field',
            jsonb_strip_nulls(jsonb_build_object('system', field_system, 'defaultLocationUid', settings->'defaultLocationUid')))
 WHERE settings ? 'productMaster' AND NOT settings ? 'accounting';
`;
