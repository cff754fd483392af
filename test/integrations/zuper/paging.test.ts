import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectAllPages, toPage } from '../../../integrations/zuper/paging.js';

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
