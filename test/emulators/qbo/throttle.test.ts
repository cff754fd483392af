import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness.js';

// Real time (scale 1): the one-minute windows must not slide away while the test sends its requests.
let h: Harness;
before(async () => {
  h = await startHarness({ timeScale: 1 });
});
after(() => h.close());

function companyWithToken(): { realmId: string; get: (path: string) => Promise<Response> } {
  const { realmId } = h.emu.admin.createRealm();
  const token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId }).access_token;
  return {
    realmId,
    get: (path) =>
      fetch(`${h.emu.baseUrl}/v3/company/${realmId}/${path}`, { headers: { authorization: `Bearer ${token}` } }),
  };
}

test('500 requests per minute per company and app, then 429 with the 3001 fault and no Retry-After', async () => {
  const c = companyWithToken();
  const statuses: number[] = [];
  for (let i = 0; i < 500; i++) statuses.push((await c.get('companyinfo/1')).status);
  assert.ok(statuses.every((s) => s === 200));
  const over = await c.get('companyinfo/1');
  assert.equal(over.status, 429);
  assert.equal(over.headers.get('retry-after'), null);
  assert.equal(over.headers.get('content-type'), 'application/json;charset=UTF-8');
  const body = (await over.json()) as { Fault: unknown; time: string };
  assert.deepEqual(body.Fault, {
    Error: [
      {
        Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
        Detail: 'The request limit was reached.  Try again later',
        code: '3001',
      },
    ],
    type: 'SERVICE',
  });
  // Another company (same app) has its own budget.
  const other = companyWithToken();
  assert.equal((await other.get('companyinfo/1')).status, 200);
  // The window slides: a minute later requests go through again.
  h.emu.admin.advanceClock({ ms: 60_000 });
  assert.equal((await c.get('companyinfo/1')).status, 200);
  assert.equal(h.emu.admin.counters().throttled.perMinute, 1);
});

test('more than 10 concurrent requests per company and app are throttled', async () => {
  const c = companyWithToken();
  // Long enough that all 14 are in flight together even on a loaded machine (150 ms let early ones finish first).
  h.emu.admin.updateSettings({ faults: { latencyMs: 2_000 } });
  try {
    const statuses = await Promise.all(Array.from({ length: 14 }, () => c.get('companyinfo/1').then((r) => r.status)));
    assert.equal(statuses.filter((s) => s === 200).length, 10);
    assert.equal(statuses.filter((s) => s === 429).length, 4);
  } finally {
    h.emu.admin.updateSettings({ faults: { latencyMs: 0 } });
  }
  // Slots are released when responses finish.
  const after = await Promise.all(Array.from({ length: 10 }, () => c.get('companyinfo/1').then((r) => r.status)));
  assert.deepEqual(after, Array(10).fill(200));
});

test('40 batch requests per minute per company and app', async () => {
  const { realmId } = h.emu.admin.createRealm();
  const token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId }).access_token;
  const send = () =>
    fetch(`${h.emu.baseUrl}/v3/company/${realmId}/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < 41; i++) statuses.push((await send()).status);
  assert.deepEqual(statuses.slice(0, 40), Array(40).fill(200));
  assert.equal(statuses[40], 429);
  const plain = await fetch(`${h.emu.baseUrl}/v3/company/${realmId}/companyinfo/1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(plain.status, 200);
  h.emu.admin.advanceClock({ ms: 60_000 });
  assert.equal((await send()).status, 200);
});

test('switches: Retry-After, XML body, forced throttle, per-second mode', async () => {
  const c = companyWithToken();
  h.emu.admin.updateSettings({
    faults: { forceThrottle: true },
    throttle: { retryAfterSeconds: 60, bodyFormat: 'xml' },
  });
  try {
    const res = await c.get('companyinfo/1');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '60');
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
    const xml = await res.text();
    assert.match(xml, /<Fault type="SERVICE"><Error code="3001">/);
    assert.match(xml, /<Detail>The request limit was reached\. {2}Try again later<\/Detail>/);
    assert.ok((h.emu.admin.counters().faults.forcedThrottle ?? 0) >= 1);
  } finally {
    h.emu.admin.updateSettings({
      faults: { forceThrottle: false },
      throttle: { retryAfterSeconds: null, bodyFormat: 'json' },
    });
  }
  h.emu.admin.updateSettings({ throttle: { concurrencyMode: 'perSecond', concurrentLimit: 3 } });
  h.emu.admin.advanceClock({ ms: 1000 });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.get('companyinfo/1')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    h.emu.admin.advanceClock({ ms: 1000 });
    assert.equal((await c.get('companyinfo/1')).status, 200);
  } finally {
    h.emu.admin.updateSettings({ throttle: { concurrencyMode: 'inFlight', concurrentLimit: 10 } });
  }
});

test('throttling can be switched off', async () => {
  const c = companyWithToken();
  h.emu.admin.updateSettings({ throttle: { enabled: false } });
  try {
    const statuses = await Promise.all(Array.from({ length: 30 }, () => c.get('companyinfo/1').then((r) => r.status)));
    assert.ok(statuses.every((s) => s === 200));
  } finally {
    h.emu.admin.updateSettings({ throttle: { enabled: true } });
  }
});
