import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { linkedInventoryItem } from '../support/linked-item.js';
import { recordedZuperBody } from '../support/zuper-deliveries.js';
import {
  intakeBatchOf,
  openTestContext,
  seedZuperConnection,
  startTestServer,
  type TestServer,
} from '../server/support.js';
import { zuperDeliveryId } from '../../integrations/zuper/webhook.js';

let ctx: AppContext;
let server: TestServer;
let stack: SyncStack;

before(async () => {
  ctx = await openTestContext();
  server = await startTestServer(ctx);
  // Activities and API calls run in this process too, so the server's /metrics shows them.
  stack = await startSyncStack({ master: 'qbo' });
});
after(async () => {
  await stack.stop();
  await server.app.close();
  await ctx.close();
});

type Labels = Record<string, string>;

interface Scrape {
  page: string;
  samples: { name: string; labels: Labels; value: number }[];
}

async function scrape(): Promise<Scrape> {
  const response = await fetch(`${server.url}/metrics`, {
    headers: { authorization: `Bearer ${ctx.env.OPERATOR_TOKEN}` },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const page = await response.text();
  const samples = page
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      assert.ok(match, `not a sample line: ${line}`);
      const labels: Labels = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
  return { page, samples };
}

/** The sum of the samples named `name` whose labels include `labels`. */
const total = (at: Scrape, name: string, labels: Labels = {}) =>
  at.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

/** How much `name` (with `labels`) grew between two scrapes. */
const grown = (from: Scrape, to: Scrape, name: string, labels: Labels = {}) =>
  total(to, name, labels) - total(from, name, labels);

test('every family of the hand-written registry keeps its name, type and help, beside Node process metrics', async () => {
  const { page, samples } = await scrape();
  const families: [string, 'counter' | 'gauge', string][] = [
    [
      'qzsync_webhooks_total',
      'counter',
      'Webhook deliveries by source and outcome (accepted, duplicate, or the rejection reason).',
    ],
    [
      'qzsync_zuper_webhook_ignored_total',
      'counter',
      'Zuper deliveries acknowledged and not acted on because the sync does not need their event, by event key.',
    ],
    [
      'qzsync_intake_handed_off_total',
      'counter',
      'Stored webhook changes handed to Temporal by the intake dispatcher, by source.',
    ],
    [
      'qzsync_intake_waiting',
      'gauge',
      'Webhook changes stored by this deployment and not yet handed to Temporal (grows while Temporal is unavailable).',
    ],
    ['qzsync_settles_total', 'counter', 'Settle passes by connection and result.'],
    ['qzsync_movements_total', 'counter', 'Quantity movements applied by connection and target system.'],
    ['qzsync_drift_corrected_total', 'counter', 'Items whose drift a reconciliation corrected, by connection.'],
    ['qzsync_api_calls_total', 'counter', 'API calls by connection, system and HTTP status class.'],
    [
      'qzsync_qbo_metered_reads_total',
      'counter',
      'QuickBooks reads and queries (metered per app per month by Intuit), by connection, counted by this process.',
    ],
    [
      'qzsync_qbo_metered_reads_share',
      'gauge',
      'Share of the monthly QuickBooks read allowance the whole app has used (basis="used") or will have used at ' +
        'month-end at the current pace (basis="projected"); 0.8 and above is a warning, 1 and above stretches polling.',
    ],
    ['qzsync_api_throttled_total', 'counter', 'API calls answered 429, by connection and system.'],
    [
      'qzsync_qbo_refresh_token_expires_in_seconds',
      'gauge',
      'Seconds until the QBO refresh token expires, by connection.',
    ],
  ];
  const lines = page.split('\n');
  for (const [name, type, help] of families) {
    assert.ok(lines.includes(`# HELP ${name} ${help}`), `# HELP ${name}`);
    assert.ok(lines.includes(`# TYPE ${name} ${type}`), `# TYPE ${name}`);
  }
  for (const name of ['qzsync_process_cpu_user_seconds_total', 'qzsync_nodejs_eventloop_lag_seconds']) {
    assert.equal(samples.filter((s) => s.name === name).length, 1, name);
  }
});

test('a handled and a refused webhook are counted and timed, and the hand-off of the stored one is timed', async () => {
  const connectionId = `mc-${randomUUID()}`;
  const secret = `secret-${randomUUID()}`;
  await seedZuperConnection(ctx, connectionId, secret);
  const body = JSON.stringify(recordedZuperBody('product.update', { product_uid: 'p-1', product_name: 'Valve' }));
  const post = (withSecret: string) =>
    fetch(`${server.url}/webhooks/zuper/${connectionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qzsync-webhook-secret': withSecret },
      body,
    });
  const before = await scrape();

  assert.equal((await post(secret)).status, 200);
  assert.equal((await post('wrong')).status, 401);
  await intakeBatchOf(ctx, 'zuper', zuperDeliveryId(connectionId, Buffer.from(body)));
  const afterwards = await scrape();

  const zuper = { source: 'zuper' };
  const grew = (name: string, labels: Labels) => grown(before, afterwards, name, labels);
  assert.equal(grew('qzsync_webhooks_total', { ...zuper, outcome: 'accepted' }), 1);
  assert.equal(grew('qzsync_webhooks_total', { ...zuper, outcome: 'bad_secret' }), 1);
  for (const outcome of ['handled', 'refused']) {
    const request = { ...zuper, outcome };
    assert.equal(grew('qzsync_webhook_request_duration_seconds_count', request), 1, outcome);
    assert.equal(grew('qzsync_webhook_request_duration_seconds_bucket', { ...request, le: '+Inf' }), 1, outcome);
    assert.equal(grew('qzsync_webhook_request_duration_seconds_bucket', { ...request, le: '30' }), 1, outcome);
  }
  assert.equal(grew('qzsync_intake_handed_off_total', zuper), 1);
  assert.equal(grew('qzsync_intake_wait_seconds_count', zuper), 1);
  assert.equal(grew('qzsync_intake_start_duration_seconds_count', { ...zuper, outcome: 'started' }), 1);
  assert.ok(total(afterwards, 'qzsync_intake_wait_seconds_sum', zuper) > 0, 'a wait is never zero seconds');
});

test('linking an item times each activity by type and outcome and each API call as the call counter counts it', async () => {
  const before = await scrape();

  await linkedInventoryItem(stack, 5);
  const afterwards = await scrape();

  const grew = (name: string, labels: Labels = {}) => grown(before, afterwards, name, labels);
  // One item: one plan, one chunk of actions, one report, each completing at its first attempt.
  for (const activity of ['planCatalogLinking', 'applyLinkActions', 'finishLinkReport']) {
    const completed = { activity, outcome: 'completed' };
    assert.equal(grew('qzsync_activity_duration_seconds_count', completed), 1, activity);
    assert.equal(grew('qzsync_activity_duration_seconds_bucket', { ...completed, le: '+Inf' }), 1, activity);
    assert.equal(grew('qzsync_activity_duration_seconds_count', { activity, outcome: 'failed' }), 0, activity);
  }
  // QuickBooks reads its catalog in batch requests (docs/initial-sync.md), Zuper in list pages.
  for (const [system, catalogRead] of <const>[
    ['qbo', 'batch'],
    ['zuper', 'read'],
  ]) {
    const calls = grew('qzsync_api_calls_total', { system, connection: stack.connectionId });
    assert.ok(calls > 0, `${system} was called`);
    assert.equal(grew('qzsync_api_call_duration_seconds_count', { system }), calls, `${system}: every call timed`);
    assert.equal(grew('qzsync_api_call_duration_seconds_bucket', { system, le: '+Inf' }), calls, system);
    assert.ok(grew('qzsync_api_call_duration_seconds_count', { system, operation: catalogRead, status: '2xx' }) > 0);
  }
  // The new Zuper product is a write.
  assert.ok(grew('qzsync_api_call_duration_seconds_count', { system: 'zuper', operation: 'write', status: '2xx' }) > 0);
  assert.match(
    afterwards.page,
    /^qzsync_api_call_duration_seconds_bucket\{le="0\.005",system="zuper",operation="write",status="2xx"\} \d+$/m,
  );
});
