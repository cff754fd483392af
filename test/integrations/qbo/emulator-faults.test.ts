import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createQboClient } from '../../../integrations/qbo/client.js';
import { QboApiError } from '../../../integrations/qbo/errors.js';
import { rejectionOf, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';

let s: EmulatorSetup;
before(async () => {
  s = await startEmulatorSetup();
});
after(() => s.close());

type AfterInfo = { status: number; throttled: boolean; intuitTid?: string };

function observed() {
  const before: string[] = [];
  const afterResponses: AfterInfo[] = [];
  const client = s.clientWith({
    beforeRequest: (info) => {
      before.push(`${info.realmId}:${info.kind}`);
      return Promise.resolve();
    },
    afterResponse: (info) =>
      afterResponses.push({ status: info.status, throttled: info.throttled, intuitTid: info.intuitTid }),
  });
  return { client, before, afterResponses };
}

async function withSettings<T>(
  patch: Parameters<typeof s.emu.admin.updateSettings>[0],
  run: () => Promise<T>,
): Promise<T> {
  const previous = s.emu.admin.getSettings();
  s.emu.admin.updateSettings(patch);
  try {
    return await run();
  } finally {
    s.emu.admin.updateSettings(previous);
  }
}

void test('429 (JSON or XML, with or without Retry-After) is throttled, reported to the hooks, not retried', async () => {
  const { client, afterResponses } = observed();
  const json = await withSettings({ faults: { forceThrottle: true } }, () => rejectionOf(client.getPreferences()));
  assert.ok(json instanceof QboApiError);
  assert.deepEqual([json.kind, json.code, json.httpStatus, json.retryable], ['throttled', '3001', 429, true]);
  assert.equal(json.retryAfterMs, 60_000);

  const xml = await withSettings(
    { faults: { forceThrottle: true }, throttle: { bodyFormat: 'xml', retryAfterSeconds: 7 } },
    () => rejectionOf(client.getPreferences()),
  );
  assert.ok(xml instanceof QboApiError);
  assert.deepEqual([xml.kind, xml.code, xml.faultType], ['throttled', '3001', 'SERVICE']);
  assert.equal(xml.retryAfterMs, 7000);

  assert.deepEqual(
    afterResponses.map((a) => [a.status, a.throttled]),
    [
      [429, true],
      [429, true],
    ],
  );
  assert.ok(afterResponses.every((a) => a.intuitTid?.startsWith('1-')));
});

void test('a 503 is a retryable server error and the client does not retry it itself', async () => {
  const seq = s.emu.admin.requestLog().at(-1)?.seq ?? 0;
  const error = await withSettings({ faults: { errorRate: 1, errorStatuses: [503] } }, () =>
    rejectionOf(s.client.getItem('1')),
  );
  assert.ok(error instanceof QboApiError);
  assert.deepEqual([error.kind, error.httpStatus, error.code, error.retryable], ['server', 503, '10000', true]);
  assert.equal(s.emu.admin.requestLog({ afterSeq: seq }).length, 1);
});

void test('hooks see every attempt, with kind batch for batches', async () => {
  const { client, before, afterResponses } = observed();
  await client.getCompanyInfo();
  await client.batch([{ bId: 'q', query: { entity: 'Account', sql: 'select * from Account' } }]);
  assert.deepEqual(before, [`${s.realmId}:request`, `${s.realmId}:batch`]);
  assert.deepEqual(
    afterResponses.map((a) => [a.status, a.throttled]),
    [
      [200, false],
      [200, false],
    ],
  );
});

void test('a gateway-format 401 triggers the forced refresh and a single retry', async () => {
  const { store, client: connect } = s.newConnection({ believedExpiry: new Date('2100-01-01T00:00:00Z') });
  const client = connect();
  s.emu.admin.advanceClock({ ms: 2 * 3600_000 });
  const seq = s.emu.admin.requestLog().at(-1)?.seq ?? 0;
  const info = await withSettings({ auth: { gatewayFaultFormat: true } }, () => client.getCompanyInfo());
  assert.equal(info.id, '1');
  assert.deepEqual(
    s.emu.admin.requestLog({ afterSeq: seq }).map((e) => e.status),
    [401, 200],
  );
  assert.equal(store.writes, 1);
  // The store's tokens were refreshed before the retry; the provider's own clock agrees with the emulator again.
  assert.ok(store.tokens.accessTokenExpiresAt.getTime() > s.emu.admin.now().getTime());
});

void test('a token for another company is forbidden (403) and not retryable', async () => {
  const { realmId: other } = s.emu.admin.createRealm();
  const client = createQboClient({ config: s.config, realmId: other, tokens: s.tokens });
  const error = await rejectionOf(client.getCompanyInfo());
  assert.ok(error instanceof QboApiError);
  assert.deepEqual([error.kind, error.httpStatus, error.code, error.retryable], ['forbidden', 403, '3100', false]);
  assert.match(error.fix, /Reconnect QuickBooks/);
});

void test('malformed and oversized queries are validation errors naming the query', async () => {
  const parse = await rejectionOf(s.client.query({ entity: 'Item', sql: "select * from Item where Name = 'Joe's'" }));
  assert.ok(parse instanceof QboApiError);
  assert.deepEqual([parse.kind, parse.code], ['validation', '4000']);
  assert.match(parse.operation, /^GET query \[select \* from Item where Name = 'Joe's'\]$/);
  const tooMany = await rejectionOf(s.client.query({ entity: 'Item', sql: 'select * from Item MAXRESULTS 1500' }));
  assert.ok(tooMany instanceof QboApiError);
  assert.deepEqual([tooMany.kind, tooMany.code], ['validation', '4001']);
  assert.match(tooMany.detail ?? '', /Max allowed value is 1000/);
});

void test('a response slower than the configured timeout is a network error', async () => {
  const client = createQboClient({
    config: { ...s.config, requestTimeoutMs: 100 },
    realmId: s.realmId,
    tokens: s.tokens,
  });
  // 1,000 nominal seconds of latency at time scale 1000: one real second.
  const error = await withSettings({ faults: { latencyMs: 1_000_000 } }, () => rejectionOf(client.getPreferences()));
  assert.ok(error instanceof QboApiError);
  assert.deepEqual([error.kind, error.retryable], ['network', true]);
});
