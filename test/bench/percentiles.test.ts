import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { peakInWindow, percentile, summarize } from '../../bench/support/percentiles.js';
import { judge, overall } from '../../bench/support/report.js';

describe('percentile (nearest rank)', () => {
  it('picks the smallest value with at least p % of the sample at or below it', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
    assert.equal(percentile(sorted, 0), 1);
    assert.equal(percentile([10, 20, 30, 40], 50), 20);
    assert.equal(percentile([10, 20, 30, 40], 51), 30);
    assert.equal(percentile([7], 99), 7);
  });

  it('is NaN for an empty sample and rejects p outside 0..100', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
    assert.throws(() => percentile([1], 101), RangeError);
    assert.throws(() => percentile([1], -1), RangeError);
  });
});

describe('summarize', () => {
  it('sorts the sample itself and reports min, mean, percentiles and max', () => {
    assert.deepEqual(summarize([5, 1, 4, 2, 3]), { count: 5, min: 1, mean: 3, p50: 3, p90: 5, p99: 5, max: 5 });
  });

  it('p99 of 100 values is the second largest; of 200 values the third largest', () => {
    const hundred = summarize([...Array.from({ length: 98 }, () => 100), 900, 5000]);
    assert.deepEqual([hundred.p50, hundred.p99, hundred.max], [100, 900, 5000]);
    const twoHundred = summarize([...Array.from({ length: 197 }, () => 100), 700, 900, 5000]);
    assert.deepEqual([twoHundred.p50, twoHundred.p99, twoHundred.max], [100, 700, 5000]);
  });
});

describe('peakInWindow', () => {
  it('counts the most timestamps inside any half-open window', () => {
    assert.equal(peakInWindow([0, 10, 20, 59_999, 60_000, 60_020], 60_000), 4);
    assert.equal(peakInWindow([0, 10, 20, 59_999, 60_000, 60_001], 60_000), 5);
    assert.equal(peakInWindow([60_000, 0, 30_000], 60_000), 2);
    assert.equal(peakInWindow([], 60_000), 0);
    assert.equal(peakInWindow([5, 5, 5], 1), 3);
  });
});

describe('judge', () => {
  it('applies each comparison and treats NaN as a miss', () => {
    assert.equal(judge(1000, { op: '<=', value: 1000 }), 'PASS');
    assert.equal(judge(1001, { op: '<=', value: 1000 }), 'MISS');
    assert.equal(judge(500, { op: '<', value: 500 }), 'MISS');
    assert.equal(judge(0.8, { op: '>=', value: 0.8 }), 'PASS');
    assert.equal(judge(0, { op: '==', value: 0 }), 'PASS');
    assert.equal(judge(Number.NaN, { op: '>=', value: 0 }), 'MISS');
  });

  it('a result passes only when every judged figure passes', () => {
    const figure = (value: number) => ({
      key: 'k',
      label: 'l',
      value,
      unit: '',
      target: { op: '<=' as const, value: 1 },
    });
    assert.equal(overall({ name: 'x', description: '', notes: [], figures: [figure(1), figure(0)] }), 'PASS');
    assert.equal(overall({ name: 'x', description: '', notes: [], figures: [figure(1), figure(2)] }), 'MISS');
  });
});
