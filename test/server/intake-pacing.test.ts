import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKOFF_MS, createWakeSignal, nextWait } from '../../server/webhooks/intake-pacing.js';

test('the dispatcher pacing table: fail backs off doubling to a ceiling, busy goes on, idle polls unless woken', () => {
  const poll = 10_000;
  const rows: [Parameters<typeof nextWait>, ReturnType<typeof nextWait>][] = [
    [['failing', 200, false, poll], { wait: { kind: 'backoff', ms: 200 }, backoffMs: 400 }],
    [['failing', 4_000, true, poll], { wait: { kind: 'backoff', ms: 4_000 }, backoffMs: BACKOFF_MS.max }],
    [
      ['failing', BACKOFF_MS.max, false, poll],
      { wait: { kind: 'backoff', ms: BACKOFF_MS.max }, backoffMs: BACKOFF_MS.max },
    ],
    [['busy', 3_200, false, poll], { wait: { kind: 'none' }, backoffMs: BACKOFF_MS.first }],
    [['busy', 200, true, poll], { wait: { kind: 'none' }, backoffMs: BACKOFF_MS.first }],
    [['idle', 800, false, poll], { wait: { kind: 'poll', ms: poll }, backoffMs: BACKOFF_MS.first }],
    [['idle', 200, true, poll], { wait: { kind: 'none' }, backoffMs: BACKOFF_MS.first }],
  ];
  for (const [input, expected] of rows) assert.deepEqual(nextWait(...input), expected, `nextWait(${input.join(', ')})`);
});

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

test('a wake-up ends a poll pause at once and is remembered until taken', async () => {
  const signal = createWakeSignal();
  const pause = signal.pause(3_600_000, true);
  assert.equal(await settled(pause), false);
  signal.wake();
  assert.equal(await settled(pause), true);
  assert.equal(signal.takeWoken(), true);
  assert.equal(signal.takeWoken(), false, 'taken once');
});

test('a wake-up does not cut a backoff short; stopping does', async () => {
  const signal = createWakeSignal();
  const pause = signal.pause(3_600_000, false);
  signal.wake();
  assert.equal(await settled(pause), false, 'Temporal refused: new deliveries do not end the backoff');
  signal.interrupt();
  assert.equal(await settled(pause), true);
});
