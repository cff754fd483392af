export const name = '008-history-item-names';

/**
 * The item's name on each history row, so a person reads names beside ids. Rows written before are given the name
 * the linking plans recorded for the items they created (the only names the store held); others stay without one.
 */
export const sql = `
ALTER TABLE sync_runs ADD COLUMN item_name text;

WITH created AS (
  SELECT DISTINCT ON (r.connection_id, a->>'in', a->>'fromId')
    r.connection_id, a->>'in' AS created_in, a->>'fromId' AS from_id, a->>'name' AS item_name
  FROM sync_runs r
  CROSS JOIN LATERAL jsonb_array_elements(r.details->'actions') AS a
  WHERE r.kind = 'link' AND jsonb_typeof(r.details->'actions') = 'array' AND a->>'action' = 'create'
  ORDER BY r.connection_id, a->>'in', a->>'fromId', r.id DESC
)
UPDATE sync_runs s SET item_name = c.item_name
FROM created c
WHERE s.item_name IS NULL AND s.connection_id = c.connection_id AND c.item_name IS NOT NULL
  AND ((c.created_in = 'zuper' AND s.qbo_item_id = c.from_id) OR (c.created_in = 'qbo' AND s.zuper_product_uid = c.from_id));
`;
