import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorAfter, firstPageFor, freshRows, type MovementCursor } from '../../domain/movement-cursor.js';

const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ uid: `t${from + i}` }));
const page = (n: number, items: { uid: string }[], totalPages = n) => ({ page: n, totalPages, items });

test('reads from the page holding the last row seen, and takes only the rows after it', () => {
  const cursor: MovementCursor = { seen: 12, lastUid: 't12' };
  assert.equal(firstPageFor(cursor, 5), 3);
  assert.deepEqual(freshRows(cursor, 5, page(3, rows(11, 15))), rows(13, 15));
  assert.deepEqual(cursorAfter(cursor, 5, page(3, rows(11, 15))), { seen: 15, lastUid: 't15' });
  // A cursor at the end of a page checks that page, and the next page is all new.
  const full: MovementCursor = { seen: 15, lastUid: 't15' };
  assert.equal(firstPageFor(full, 5), 3);
  assert.deepEqual(freshRows(full, 5, page(3, rows(11, 15))), []);
  assert.deepEqual(freshRows(full, 5, page(4, rows(16, 17))), rows(16, 17));
});

test('without a cursor every row read is new; a list that changed under the cursor counts its whole page', () => {
  assert.equal(firstPageFor(null, 100), 1);
  assert.deepEqual(freshRows(null, 5, page(1, rows(1, 3))), rows(1, 3));
  assert.deepEqual(freshRows({ seen: 2, lastUid: 'gone' }, 5, page(1, rows(1, 4))), rows(1, 4));
  assert.deepEqual(cursorAfter({ seen: 4, lastUid: 't4' }, 5, page(1, [])), { seen: 4, lastUid: 't4' });
});
