import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { itemsMovedByEdit, stockLinesOf } from '../../domain/transaction-lines.js';

const line = (itemId: string, quantity: number | null, siteId: string | null = null) => ({ itemId, siteId, quantity });

describe('the lines of an edited transaction', () => {
  it('sums the lines of one item at one site', () => {
    assert.deepEqual(stockLinesOf([line('a', 1), line('b', 2), line('a', 3), line('a', 1, 's1')]), [
      line('a', 4),
      line('b', 2),
      line('a', 1, 's1'),
    ]);
    assert.deepEqual(stockLinesOf([line('a', 1), line('a', null)]), [line('a', null)]);
  });

  it('moves only the items whose quantity at a site changed, those taken off or put on included', () => {
    assert.deepEqual(itemsMovedByEdit([line('a', 2), line('b', 1)], [line('a', 2), line('b', 1)]), []);
    assert.deepEqual(itemsMovedByEdit([line('a', 2), line('b', 1)], [line('a', 3), line('b', 1)]), ['a']);
    assert.deepEqual(itemsMovedByEdit([line('a', 2)], [line('c', 2)]), ['a', 'c']);
    // Split into two lines of the same total: nothing moved.
    assert.deepEqual(itemsMovedByEdit([line('a', 2)], [line('a', 1), line('a', 1)]), []);
    // Moved to another site: the item moved at both.
    assert.deepEqual(itemsMovedByEdit([line('a', 2, 's1')], [line('a', 2, 's2')]), ['a']);
    // A quantity not stated cannot be compared.
    assert.deepEqual(itemsMovedByEdit([line('a', null)], [line('a', null)]), ['a']);
  });
});
