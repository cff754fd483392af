export const name = '017-side-neutral-link-plans';

/**
 * Linking plans name the sides (`accountingItemId`/`fieldItemId`, a create's `in` and a skip's `side` as
 * `accounting`/`field`, a quantity change's `side`) rather than the two catalogs `qbo`/`zuper`: the plan actions
 * stored in pages (016) and the plans stored whole in link reports' details before them are rewritten in place. What
 * an action carries besides (a create's copy source) is kept. Readers still take the older shape (`linkActionOf`),
 * for plans a worker of the older version writes during a rolling upgrade and for activity results recorded in
 * workflow histories.
 */
export const sql = `
CREATE FUNCTION pg_temp.side_of_catalog(catalog text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE catalog WHEN 'qbo' THEN 'accounting' WHEN 'zuper' THEN 'field' ELSE catalog END
$$;

CREATE FUNCTION pg_temp.side_neutral_link_action(a jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN a ? 'qboItemId' THEN
      (a - 'qboItemId' - 'zuperProductUid' - 'quantityChange')
        || jsonb_build_object('accountingItemId', a->'qboItemId', 'fieldItemId', a->'zuperProductUid')
        || CASE
             WHEN NOT a ? 'quantityChange' THEN '{}'::jsonb
             WHEN jsonb_typeof(a->'quantityChange') = 'object' THEN jsonb_build_object(
               'quantityChange',
               ((a->'quantityChange') - 'system')
                 || jsonb_build_object('side', pg_temp.side_of_catalog(a->'quantityChange'->>'system')))
             ELSE jsonb_build_object('quantityChange', a->'quantityChange')
           END
    WHEN a->>'action' = 'create' THEN jsonb_set(a, '{in}', to_jsonb(pg_temp.side_of_catalog(a->>'in')))
    WHEN a ? 'system' THEN (a - 'system') || jsonb_build_object('side', pg_temp.side_of_catalog(a->>'system'))
    ELSE a
  END
$$;

UPDATE link_plan_actions SET action = pg_temp.side_neutral_link_action(action)
  WHERE action ? 'qboItemId' OR action ? 'system' OR action->>'in' IN ('qbo', 'zuper');

UPDATE sync_runs SET details = jsonb_set(
    details,
    '{actions}',
    (SELECT coalesce(jsonb_agg(pg_temp.side_neutral_link_action(e.action) ORDER BY e.position), '[]'::jsonb)
       FROM jsonb_array_elements(details->'actions') WITH ORDINALITY AS e(action, position)))
  WHERE kind = 'link' AND jsonb_typeof(details->'actions') = 'array';

DROP FUNCTION pg_temp.side_neutral_link_action(jsonb);
DROP FUNCTION pg_temp.side_of_catalog(text);
`;
