import type { ZuperEmulatorSettings } from '../settings.js';
import { badRequest, type ListEnvelope } from './envelope.js';
import type { Query } from './query.js';

export interface PageRequest {
  page: number;
  count: number;
}

function positiveInt(raw: string | number | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid ${name} value`);
  return n;
}

/** `page` (default 1) and `count` (route default; 10 almost everywhere, 20 for categories). */
export function parsePaging(query: Query, defaultCount: number, paging: ZuperEmulatorSettings['paging']): PageRequest {
  const page = positiveInt(query.page, 1, 'page');
  let count = positiveInt(query.count, defaultCount, 'count');
  if (paging.maxCount !== null && count > paging.maxCount) {
    if (paging.overMaxCount === 'reject') throw badRequest(`"count" must be less than or equal to ${paging.maxCount}`);
    count = paging.maxCount;
  }
  return { page, count };
}

/** Rule-engine paging from a request body: `page` and `limit`, limit capped at 1000 (larger rejected). */
export function parseBodyPaging(page: unknown, limit: unknown): PageRequest {
  const p = positiveInt(page as number | undefined, 1, 'page');
  const l = positiveInt(limit as number | undefined, 10, 'limit');
  if (l > 1000) throw badRequest('"limit" must be less than or equal to 1000', 'Invalid Limit Value');
  return { page: p, count: l };
}

/** One page of already filtered and sorted items, mapped for output only for the page itself. */
export function pageOf<T, U>(items: readonly T[], req: PageRequest, view: (item: T) => U): ListEnvelope<U> {
  const start = (req.page - 1) * req.count;
  return {
    type: 'success',
    data: items.slice(start, start + req.count).map(view),
    total_records: items.length,
    current_page: req.page,
    total_pages: Math.ceil(items.length / req.count),
  };
}
