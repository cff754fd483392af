import type { ZuperContext } from '../context.js';
import { ApiError } from './envelope.js';

/**
 * Unknown uid: status configurable (UNCONFIRMED). A product answers Zuper's recorded "Invalid Product UID"; other
 * entities `"<Entity> Not Found"`.
 */
export function notFound(ctx: ZuperContext, entity: string): ApiError {
  const status = ctx.settings().notFoundStatus;
  if (entity === 'Product') return new ApiError(status, 'Invalid Product UID', 'Invalid Product UID');
  return new ApiError(status, `${entity} Not Found`, `${entity} not found`);
}

/** What Zuper's Express front answers for a path it has no route for: an HTML page, not a JSON envelope. */
export function cannotGet(method: string, path: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${path}</pre>\n</body>\n</html>\n`;
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
  const settings = ctx.settings();
  const deletedGet = entity === 'Product' ? settings.deletedProductGet : settings.deletedRecordGet;
  if (record.is_deleted && (purpose === 'write' || deletedGet === 'not_found')) {
    throw notFound(ctx, entity);
  }
  return record;
}
