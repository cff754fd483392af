import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterPoll,
  currentPacing,
  defaultWatchPacing,
  initialWatchState,
  queryEraDefaultPacing,
  readsPerMonth,
  watchMonthMs,
  type WatchState,
} from '../../domain/adjustment-watch.js';

const start = Date.UTC(2026, 11, 1);

test('idle polls stretch to the idle interval, a poll that finds adjustments shortens it', () => {
  let state = initialWatchState(start, defaultWatchPacing);
  state = afterPoll(state, 1, start + 1000, defaultWatchPacing);
  assert.equal(state.intervalMs, 30_000);
  const intervals: number[] = [];
  for (let i = 0; i < 4; i++) {
    state = afterPoll(state, 0, start + 2000 + i * 1000, defaultWatchPacing);
    intervals.push(state.intervalMs);
  }
  assert.deepEqual(intervals, [45_000, 67_500, 101_250, 151_875]);
});

test('the stated cost: idle every 15 minutes is 2,880 reads per connection-month, within the default budget', () => {
  assert.equal(readsPerMonth(defaultWatchPacing.idleMs), 2_880);
  assert.ok(readsPerMonth(defaultWatchPacing.idleMs) < defaultWatchPacing.monthlyReadBudget);
});

test('with its budget nearly spent the watch slows to spread what is left over the rest of the month', () => {
  const pacing = { ...defaultWatchPacing, monthlyReadBudget: 1000 };
  const halfway: WatchState = { intervalMs: 15_000, periodStartMs: start, readsInPeriod: 990 };
  const now = start + watchMonthMs / 2;
  const next = afterPoll(halfway, 3, now, pacing);
  assert.equal(next.readsInPeriod, 991);
  assert.equal(next.intervalMs, Math.ceil(watchMonthMs / 2 / 9));
  const spent = afterPoll({ ...halfway, readsInPeriod: 999 }, 0, now, pacing);
  assert.equal(spent.intervalMs, watchMonthMs / 2, 'nothing left: wait for the next period');
  const renewed = afterPoll(spent, 0, start + watchMonthMs, pacing);
  assert.deepEqual([renewed.periodStartMs, renewed.readsInPeriod], [start + watchMonthMs, 1]);
  assert.equal(renewed.intervalMs, Math.ceil(watchMonthMs / 999), 'a budget below idle polling is spread evenly');
  const ample = afterPoll(initialWatchState(start, defaultWatchPacing), 2, start + 1000, defaultWatchPacing);
  assert.equal(ample.intervalMs, 30_000, 'a budget above idle polling pays for bursts');
});

test('a watch carrying the default of the query era follows the current default; a chosen pacing stays', () => {
  assert.equal(currentPacing(queryEraDefaultPacing), defaultWatchPacing);
  assert.equal(currentPacing(undefined), defaultWatchPacing);
  const chosen = { activeMs: 1000, idleMs: 2000, monthlyReadBudget: 5 };
  assert.equal(currentPacing(chosen), chosen);
});
