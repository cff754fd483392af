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

/** Yields each page's items, asking for the next page while `total_pages` says there is one. */
export async function* iteratePages<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    yield result.items;
    if (page >= result.totalPages || result.items.length === 0) return;
  }
}

/**
 * Like `iteratePages`, with `inFlight` pages asked for at once, yielded in order: a whole-catalog read then runs at
 * the rate budget's pace rather than one page's latency after the other. The pages to ask for come from the last
 * answer's `total_pages` (with none, from a full page); a page past the end answers empty and ends the read.
 */
export async function* iteratePagesAhead<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  inFlight: number,
): AsyncGenerator<T[]> {
  const asked: Promise<Page<T>>[] = [];
  let next = 1;
  let last = 1;
  const askMore = () => {
    for (; asked.length < inFlight && next <= last; next++) {
      const answer = fetchPage(next);
      // A page asked for ahead that is never awaited (the read failed or ended first) must not fail unobserved.
      answer.catch(() => {});
      asked.push(answer);
    }
  };
  askMore();
  for (let answer = asked.shift(); answer; answer = asked.shift()) {
    const result = await answer;
    if (result.items.length === 0) return;
    last = Math.max(last, result.totalPages);
    askMore();
    yield result.items;
  }
}

/** Yields every item of every page. */
export async function* iterateAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T> {
  for await (const items of iteratePages(fetchPage)) yield* items;
}

export async function collectAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterateAllPages(fetchPage)) all.push(item);
  return all;
}
