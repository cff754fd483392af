export const name = '021-side-named-cursors';

/**
 * The two change cursors serve a side, whichever system sits there: the accounting side's watch of changes it does not
 * announce (QuickBooks Online's adjustments, everything in QuickBooks Desktop) and the field side's movement list. They
 * are named after what they hold. A rename: processes of an older version must be stopped first (deploy/README.md,
 * "Data and upgrades").
 */
export const sql = `
ALTER TABLE qbo_adjustment_cursors RENAME TO unannounced_change_cursors;
ALTER TABLE zuper_movement_cursors RENAME TO movement_list_cursors;
`;
