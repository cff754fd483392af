export const name = '010-side-neutral-plans';

/**
 * Pending settle plans stored before the settle spoke of sides (flat `toQbo`, `qboMovementId`, … fields) take the
 * side-neutral shape of domain/settle-plan.ts, so queries into the plan (the field side's movement id) see one shape.
 * Reading still accepts the old one (`settlePlanOf`), for plans an older worker writes during a rolling upgrade.
 */
export const sql = `
UPDATE item_links SET pending_settle = jsonb_strip_nulls(jsonb_build_object(
    'id', pending_settle->'id',
    'connectionId', pending_settle->'connectionId',
    'accountingItemId', pending_settle->'qboItemId',
    'fieldItemId', pending_settle->'zuperProductUid',
    'linkVersion', pending_settle->'linkVersion',
    'base', pending_settle->'base',
    'newBase', pending_settle->'newBase',
    'reason', pending_settle->'reason',
    'plannedAt', pending_settle->'plannedAt',
    'itemName', pending_settle->'itemName'))
  || jsonb_build_object(
    'accounting', jsonb_strip_nulls(jsonb_build_object(
      'seen', pending_settle->'qboSeen',
      'move', pending_settle->'toQbo',
      'movementId', pending_settle->'qboMovementId',
      'requestAttempt', pending_settle->'qboRequestAttempt')),
    'field', jsonb_build_object(
      'seen', pending_settle->'zuperSeen',
      'move', pending_settle->'toZuper',
      'movementId', pending_settle->'zuperMovementId'))
WHERE pending_settle ? 'toQbo';
`;
