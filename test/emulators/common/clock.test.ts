import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorClock } from '../../../emulators/common/clock.js';

test('starts at startAt and advance() moves simulated time', () => {
  const clock = new EmulatorClock({ startAt: new Date('2025-01-01T00:00:00Z') });
  const before = clock.now().getTime();
  assert.ok(before - Date.parse('2025-01-01T00:00:00Z') < 1000);
  clock.advance(31 * 24 * 3600 * 1000);
  const after = clock.now().getTime();
  assert.ok(after - before >= 31 * 24 * 3600 * 1000);
  assert.ok(after - before < 31 * 24 * 3600 * 1000 + 1000);
});

test('scaled() divides nominal delays by the time scale', () => {
  const clock = new EmulatorClock({ timeScale: 1000 });
  assert.equal(clock.timeScale, 1000);
  assert.equal(clock.scaled(10_000), 10);
  assert.equal(new EmulatorClock().scaled(250), 250);
});

test('advance() rejects negative durations and timeScale must be positive', () => {
  assert.throws(() => new EmulatorClock().advance(-1), RangeError);
  assert.throws(() => new EmulatorClock({ timeScale: 0 }), RangeError);
});

test('nominalElapsedMs() grows with the time scale and with advance()', async () => {
  const clock = new EmulatorClock({ timeScale: 100 });
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(clock.nominalElapsedMs() >= 1900, `${clock.nominalElapsedMs()}`);
  const fresh = new EmulatorClock();
  fresh.advance(60_000);
  assert.ok(fresh.nominalElapsedMs() >= 60_000);
});

test('sleep() waits the scaled duration and can be aborted', async () => {
  const clock = new EmulatorClock({ timeScale: 100 });
  const started = performance.now();
  await clock.sleep(5000);
  const waited = performance.now() - started;
  assert.ok(waited >= 45 && waited < 1000, `waited ${waited}`);
  const ac = new AbortController();
  const pending = clock.sleep(1_000_000, ac.signal);
  ac.abort();
  await assert.rejects(pending, { name: 'AbortError' });
});
