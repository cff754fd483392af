import type { ZuperContext } from '../context.js';
import { ApiError } from './envelope.js';

/** Unknown uid: status configurable (404 is UNCONFIRMED), envelope `"<Entity> Not Found"`. */
export function notFound(ctx: ZuperContext, entity: string): ApiError {
  return new ApiError(ctx.settings().notFoundStatus, `${entity} Not Found`, `${entity} not found`);
}

/**
 * Finds a soft-deletable record: writes never see deleted records; reads see them unless the
 * `deletedRecordGet` switch says otherwise.
 */
export function findLive<T extends { is_deleted: boolean }>(
  ctx: ZuperContext,
  map: ReadonlyMap<string, T>,
  uid: string,
  entity: string,
  purpose: 'read' | 'write',
): T {
  const record = map.get(uid);
  if (!record) throw notFound(ctx, entity);
  if (record.is_deleted && (purpose === 'write' || ctx.settings().deletedRecordGet === 'not_found')) {
    throw notFound(ctx, entity);
  }
  return record;
}
