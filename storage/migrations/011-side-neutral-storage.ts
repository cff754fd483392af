export const name = '011-side-neutral-storage';

/**
 * Links, the settle ledger and the history name each side and its item id generically (docs/sides.md); each
 * connection names the system on each side. Column renames keep every row, index and key. Processes of an older
 * version must be stopped before the first process of this one starts: they write the old column names.
 */
export const sql = `
ALTER TABLE item_links RENAME COLUMN qbo_item_id TO accounting_item_id;
ALTER TABLE item_links RENAME COLUMN zuper_product_uid TO field_item_id;

ALTER TABLE category_links RENAME COLUMN qbo_category_id TO accounting_category_id;
ALTER TABLE category_links RENAME COLUMN zuper_category_uid TO field_category_id;

ALTER TABLE settles RENAME COLUMN qbo_item_id TO accounting_item_id;
ALTER TABLE settles RENAME COLUMN zuper_product_uid TO field_item_id;
ALTER TABLE settles RENAME COLUMN qbo_seen TO accounting_seen;
ALTER TABLE settles RENAME COLUMN zuper_seen TO field_seen;

ALTER TABLE movements RENAME COLUMN qbo_item_id TO accounting_item_id;
ALTER TABLE movements DROP CONSTRAINT movements_target_check;
UPDATE movements SET target = CASE target WHEN 'qbo' THEN 'accounting' ELSE 'field' END;
ALTER TABLE movements RENAME COLUMN target TO side;
ALTER TABLE movements ADD CONSTRAINT movements_side_check CHECK (side IN ('accounting', 'field'));

ALTER TABLE sync_runs RENAME COLUMN qbo_item_id TO accounting_item_id;
ALTER TABLE sync_runs RENAME COLUMN zuper_product_uid TO field_item_id;

ALTER TABLE connections ADD COLUMN accounting_system text NOT NULL DEFAULT 'qbo';
ALTER TABLE connections ADD COLUMN field_system text NOT NULL DEFAULT 'zuper';
`;
