import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meteredMonth, readStretchFactor, readUsage } from '../../domain/metered-reads.js';

const at = (iso: string) => new Date(iso);

void test('a read counts in its UTC calendar month', () => {
  assert.equal(meteredMonth(at('2026-12-31T23:59:59.999Z')), '2026-12');
  assert.equal(meteredMonth(at('2027-01-01T00:00:00.000Z')), '2027-01');
  assert.equal(meteredMonth(at('2026-12-31T20:00:00-05:00')), '2027-01');
});

void test('usage: share, month-end projection at the pace so far, and the warning level', () => {
  const rows: [string, number, string, number, string][] = [
    // now, reads, → level, projected, why
    ['2026-12-31T23:59:59Z', 395_000, 'ok', 395_000, '79 % on the last second: projection stays under 80 %'],
    ['2026-12-31T23:59:59Z', 400_000, 'warning', 400_000, '80 % used'],
    ['2026-12-16T12:00:00Z', 200_000, 'warning', 400_000, '40 % at mid-month projects 80 %'],
    ['2026-12-16T12:00:00Z', 250_000, 'critical', 500_000, '50 % at mid-month projects 100 %'],
    ['2026-12-11T00:00:00Z', 100_000, 'ok', 310_000, 'a third of the month, 20 %: 62 %'],
    ['2026-12-01T00:05:00Z', 1_000, 'ok', 31_000, 'first minutes: projected over one day at least'],
    ['2026-12-20T00:00:00Z', 500_000, 'critical', 815_789, 'allowance spent'],
  ];
  for (const [now, reads, level, projected, why] of rows) {
    const usage = readUsage(reads, 500_000, at(now));
    assert.equal(usage.level, level, why);
    assert.equal(usage.projected, projected, why);
    assert.equal(usage.share, reads / 500_000, why);
    assert.equal(usage.month, '2026-12', why);
  }
});

void test('stretch factor of polling intervals, from usage', () => {
  const rows: [string, number, number, string][] = [
    // now, reads of 500,000, → factor, why
    ['2026-12-16T12:00:00Z', 200_000, 1, 'projected 80 %: warn only'],
    ['2026-12-16T12:00:00Z', 249_999, 1, 'projected just under 100 %'],
    ['2026-12-16T12:00:00Z', 250_000, 1.5, 'projected exactly 100 %: the first step'],
    ['2026-12-16T12:00:00Z', 300_000, 1.5, 'projected 120 %: pace ÷ affordable pace = 1.5'],
    ['2026-12-16T12:00:00Z', 333_333, 2, 'projected 133 %: needs 2'],
    ['2026-12-16T12:00:00Z', 333_334, 3, 'a read more needs just over 2: the next step'],
    ['2026-12-16T12:00:00Z', 400_000, 4, 'projected 160 %: needs 4'],
    ['2026-12-16T12:00:00Z', 450_000, 8, 'projected 180 %: needs 9, capped at 8'],
    ['2026-12-06T00:00:00Z', 250_000, 6, 'half spent in five days: needs 5.2'],
    ['2026-12-25T00:00:00Z', 500_000, 8, 'allowance spent: the largest step until the month turns'],
    ['2027-01-01T00:00:00Z', 0, 1, 'a new month starts at nothing'],
  ];
  for (const [now, reads, factor, why] of rows) {
    assert.equal(readStretchFactor(reads, 500_000, at(now)), factor, why);
  }
});
