import { faults } from './fault-shapes.js';
import type { OperationContext } from './operation-context.js';
import type { Entity } from './store.js';

/** Finds the record an update or delete names, checking its SyncToken (5010 when stale or missing). */
export function lockForWrite(
  ctx: OperationContext,
  entity: string,
  id: string | undefined,
  syncToken: string | undefined,
): Entity {
  if (id === undefined) throw faults.requiredParam('Required parameter Id is missing in the request', 'Id');
  const existing = ctx.store.get(entity, id);
  if (!existing) throw faults.notFound();
  if (syncToken === undefined || syncToken !== existing.SyncToken) {
    throw faults.staleObject(ctx.store.lastEditor.get(`${entity}:${id}`) ?? 'another user');
  }
  return existing;
}
