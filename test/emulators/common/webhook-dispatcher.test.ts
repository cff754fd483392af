import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorClock } from '../../../emulators/common/clock.js';
import { createRng } from '../../../emulators/common/rng.js';
import { FaultCounters } from '../../../emulators/common/fault-counters.js';
import { WebhookDispatcher, type WebhookDeliverySettings } from '../../../emulators/common/webhook-dispatcher.js';
import { WebhookReceiver, type Responder } from './webhook-receiver.js';

const base: WebhookDeliverySettings = {
  retryScheduleMs: [10_000, 20_000, 30_000],
  responseTimeoutMs: 3000,
  duplicateRate: 0,
  dropRate: 0,
  reorderRate: 0,
};

async function withDispatcher(
  settings: Partial<WebhookDeliverySettings>,
  responder: Responder,
  run: (ctx: {
    url: string;
    dispatcher: WebhookDispatcher;
    receiver: WebhookReceiver;
    counters: FaultCounters;
  }) => Promise<void>,
): Promise<void> {
  const receiver = new WebhookReceiver(responder);
  const url = await receiver.start();
  const counters = new FaultCounters();
  const dispatcher = new WebhookDispatcher({
    clock: new EmulatorClock({ timeScale: 1000 }),
    rng: createRng(3),
    settings: () => ({ ...base, ...settings }),
    counters,
  });
  try {
    await run({ url, dispatcher, receiver, counters });
  } finally {
    await dispatcher.close();
    await receiver.close();
  }
}

test('sends the body byte-for-byte with the given headers', async () => {
  await withDispatcher(
    {},
    () => 200,
    async ({ url, dispatcher, receiver }) => {
      const body = Buffer.from('{"b": 1,  "a":"é"}', 'utf8');
      dispatcher.enqueue({ url, body, headers: { 'content-type': 'application/json', 'x-sig': 'abc' } });
      await dispatcher.idle();
      assert.equal(receiver.received.length, 1);
      assert.deepEqual(receiver.received[0]?.body, body);
      assert.equal(receiver.received[0]?.headers['x-sig'], 'abc');
      assert.equal(receiver.received[0]?.headers['content-type'], 'application/json');
      assert.deepEqual(
        dispatcher.history().map((h) => [h.attempt, h.outcome, h.status]),
        [[1, 'delivered', 200]],
      );
    },
  );
});

test('retries on failure and holds later deliveries until the earlier one is acknowledged', async () => {
  await withDispatcher(
    {},
    (n) => (n <= 2 ? 500 : 200),
    async ({ url, dispatcher, receiver }) => {
      dispatcher.enqueue({ url, body: 'first', headers: {} });
      dispatcher.enqueue({ url, body: 'second', headers: {} });
      await dispatcher.idle();
      assert.deepEqual(receiver.bodies(), ['first', 'first', 'first', 'second']);
      const gaps = receiver.received.slice(1).map((r, i) => r.at - (receiver.received[i]?.at ?? 0));
      // 10 s and 20 s nominal at scale 1000 → ~10 ms and ~20 ms real
      assert.ok((gaps[0] ?? 0) >= 9, `gap ${gaps[0]}`);
      assert.ok((gaps[1] ?? 0) >= 19, `gap ${gaps[1]}`);
      assert.deepEqual(
        dispatcher.history().map((h) => [h.attempt, h.outcome, h.status]),
        [
          [1, 'failed', 500],
          [2, 'failed', 500],
          [3, 'delivered', 200],
          [1, 'delivered', 200],
        ],
      );
    },
  );
});

test('abandons after the retry schedule and moves on to the next delivery', async () => {
  await withDispatcher(
    { retryScheduleMs: [1000] },
    (_n, req) => (req.body.toString() === 'bad' ? 503 : 200),
    async (ctx) => {
      ctx.dispatcher.enqueue({ url: ctx.url, body: 'bad', headers: {} });
      ctx.dispatcher.enqueue({ url: ctx.url, body: 'good', headers: {} });
      await ctx.dispatcher.idle();
      assert.deepEqual(ctx.receiver.bodies(), ['bad', 'bad', 'good']);
      assert.deepEqual(
        ctx.dispatcher.history().map((h) => h.outcome),
        ['failed', 'failed', 'abandoned', 'delivered'],
      );
    },
  );
});

test('a receiver slower than the response timeout counts as a failure', async () => {
  await withDispatcher(
    { retryScheduleMs: [] },
    () => 'hang',
    async ({ url, dispatcher, receiver }) => {
      dispatcher.enqueue({ url, body: 'x', headers: {} });
      await dispatcher.idle();
      assert.equal(receiver.received.length, 1);
      const [attempt, abandoned] = dispatcher.history();
      assert.equal(attempt?.outcome, 'failed');
      assert.equal(attempt?.error, 'timeout');
      assert.equal(abandoned?.outcome, 'abandoned');
    },
  );
});

test('duplicateRate 1 delivers the same body twice', async () => {
  await withDispatcher(
    { duplicateRate: 1 },
    () => 200,
    async ({ url, dispatcher, receiver, counters }) => {
      dispatcher.enqueue({ url, body: '[{"id":"e1"}]', headers: {} });
      await dispatcher.idle();
      assert.deepEqual(receiver.bodies(), ['[{"id":"e1"}]', '[{"id":"e1"}]']);
      assert.deepEqual(counters.snapshot(), { webhookDuplicate: 1 });
    },
  );
});

test('dropRate 1 never delivers and records the drop', async () => {
  await withDispatcher(
    { dropRate: 1 },
    () => 200,
    async ({ url, dispatcher, receiver, counters }) => {
      dispatcher.enqueue({ url, body: 'x', headers: {} });
      await dispatcher.idle();
      assert.equal(receiver.received.length, 0);
      assert.deepEqual(
        dispatcher.history().map((h) => h.outcome),
        ['dropped'],
      );
      assert.equal(counters.get('webhookDrop'), 1);
    },
  );
});

test('reorderRate 1 sends the second queued delivery before the first', async () => {
  await withDispatcher(
    { reorderRate: 1 },
    () => 200,
    async ({ url, dispatcher, receiver, counters }) => {
      dispatcher.enqueue({ url, body: 'A', headers: {} });
      dispatcher.enqueue({ url, body: 'B', headers: {} });
      dispatcher.enqueue({ url, body: 'C', headers: {} });
      await dispatcher.idle();
      assert.deepEqual(receiver.bodies(), ['B', 'C', 'A']);
      assert.equal(counters.get('webhookReorder'), 2);
    },
  );
});

test('separate targets do not block each other', async () => {
  const slow = new WebhookReceiver(() => 'hang');
  const slowUrl = await slow.start();
  await withDispatcher(
    { retryScheduleMs: [] },
    () => 200,
    async ({ url, dispatcher, receiver }) => {
      dispatcher.enqueue({ url: slowUrl, body: 'stuck', headers: {} });
      dispatcher.enqueue({ url, body: 'fast', headers: {} });
      while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 1));
      assert.equal(
        dispatcher.history().find((h) => h.url === slowUrl),
        undefined,
      );
      await dispatcher.idle();
    },
  );
  await slow.close();
});

test('idle() resolves immediately when nothing is queued and close() stops retries', async () => {
  await withDispatcher(
    { retryScheduleMs: [10_000_000] },
    () => 500,
    async ({ url, dispatcher, receiver }) => {
      await dispatcher.idle();
      dispatcher.enqueue({ url, body: 'x', headers: {} });
      while (receiver.received.length === 0) await new Promise((r) => setTimeout(r, 1));
      await dispatcher.close();
      assert.equal(receiver.received.length, 1);
      assert.throws(() => dispatcher.enqueue({ url, body: 'y', headers: {} }));
    },
  );
});
