import type { Page } from './schemas.js';

interface ListAnswer<R> {
  data: R[];
  total_records?: number | undefined;
  total_pages?: number | undefined;
}

/** Normalizes a list envelope; without `total_pages`, a full page means "maybe more". */
export function toPage<R, T>(answer: ListAnswer<R>, page: number, count: number, map: (raw: R) => T): Page<T> {
  const items = answer.data.map(map);
  const totalPages = answer.total_pages ?? (items.length < count ? page : page + 1);
  return { items, page, totalPages, totalRecords: answer.total_records ?? items.length };
}

/** Yields every item of every page, asking for the next page while `total_pages` says there is one. */
export async function* iterateAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    yield* result.items;
    if (page >= result.totalPages || result.items.length === 0) return;
  }
}

export async function collectAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterateAllPages(fetchPage)) all.push(item);
  return all;
}
