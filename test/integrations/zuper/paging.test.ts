import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectAllPages, iteratePagesAhead, toPage } from '../../../integrations/zuper/paging.js';
import type { Page } from '../../../integrations/zuper/schemas.js';

void describe('toPage', () => {
  void it('uses total_pages when Zuper sends it', () => {
    assert.deepEqual(
      toPage({ data: [1, 2], total_pages: 4, total_records: 8 }, 2, 2, (n) => n * 10),
      {
        items: [10, 20],
        page: 2,
        totalPages: 4,
        totalRecords: 8,
      },
    );
  });
  void it('without total_pages, a short page is the last one and a full one may not be', () => {
    assert.equal(toPage({ data: [1] }, 3, 2, (n) => n).totalPages, 3);
    assert.equal(toPage({ data: [1, 2] }, 3, 2, (n) => n).totalPages, 4);
  });
});

void describe('collectAllPages', () => {
  void it('asks for pages until total_pages, in order', async () => {
    const asked: number[] = [];
    const all = await collectAllPages((page) => {
      asked.push(page);
      return Promise.resolve({ items: [page * 2 - 1, page * 2], page, totalPages: 3, totalRecords: 6 });
    });
    assert.deepEqual(all, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(asked, [1, 2, 3]);
  });
  void it('stops on an empty page even if total_pages says more', async () => {
    const all = await collectAllPages((page) => Promise.resolve({ items: [], page, totalPages: 9, totalRecords: 0 }));
    assert.deepEqual(all, []);
  });
});

/** Pages of two numbers each whose answers come only when the test lets them, to see how many are asked at once. */
function heldPages(totalPages: number) {
  const waiting: (() => void)[] = [];
  let mostInFlight = 0;
  const fetchPage = (page: number) =>
    new Promise<Page<number>>((resolve) => {
      const items = [page * 2 - 1, page * 2];
      waiting.push(() => resolve(toPage({ data: items, total_pages: totalPages }, page, 2, (n) => n)));
      mostInFlight = Math.max(mostInFlight, waiting.length);
    });
  /** Answers whatever is asked, newest first (to show pages are still yielded in order), until the read ends. */
  const answerAll = async <T>(read: Promise<T>): Promise<T> => {
    let ended = false;
    read.then(
      () => (ended = true),
      () => (ended = true),
    );
    while (!ended) {
      for (const answer of waiting.splice(0).reverse()) answer();
      await new Promise((r) => setImmediate(r));
    }
    return read;
  };
  return { fetchPage, answerAll, mostInFlight: () => mostInFlight };
}

const readAll = async (pages: AsyncIterable<number[]>) => {
  const seen: number[][] = [];
  for await (const page of pages) seen.push(page);
  return seen;
};

void describe('iteratePagesAhead', () => {
  void it('keeps two pages asked for at once and yields them in page order', async () => {
    const held = heldPages(5);
    const pages = await held.answerAll(readAll(iteratePagesAhead(held.fetchPage, 2)));
    assert.deepEqual(pages, [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    assert.equal(held.mostInFlight(), 2);
  });
  void it('without total_pages, reads on while pages are full and stops at an empty one', async () => {
    const asked: number[] = [];
    const pages = await readAll(
      iteratePagesAhead((page) => {
        asked.push(page);
        return Promise.resolve(toPage({ data: page <= 3 ? [page] : [] }, page, 1, (n) => n));
      }, 2),
    );
    assert.deepEqual(pages, [[1], [2], [3]]);
    assert.deepEqual(asked.slice(0, 4), [1, 2, 3, 4]);
  });
  void it('a page that fails fails the read, and the page asked for ahead fails no one', async () => {
    const read = readAll(
      iteratePagesAhead(
        (page) =>
          page === 2
            ? Promise.reject(new Error('page 2 failed'))
            : page === 3
              ? Promise.reject(new Error('page 3 failed too'))
              : Promise.resolve(toPage({ data: [page], total_pages: 3 }, page, 1, (n) => n)),
        2,
      ),
    );
    await assert.rejects(read, /page 2 failed/);
  });
});
