/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, type Harness, startHarness } from './harness.js';

let h: Harness;
before(async () => {
  // timeScale 1: the rate-limit window is only moved by advanceClock, never by the test's own speed.
  h = await startHarness({ timeScale: 1, company: { settings: { rate_limit_per_minute: 3 } } });
});
after(() => h.close());

test('the per-company plan limit answers 429 with Retry-After and the rate headers', async () => {
  const seen: [number, string | null, string | null][] = [];
  for (let i = 0; i < 4; i++) {
    const res = await h.api('GET', '/api/product');
    seen.push([res.status, res.headers.get('x-rate-limit'), res.headers.get('x-rate-limit-remaining')]);
    if (res.status === 429) {
      assert.deepEqual(res.body, {
        type: 'error',
        title: 'Too Many Requests',
        message: 'Rate limit exceeded. Please retry after some time',
      });
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    }
  }
  assert.deepEqual(seen, [
    [200, '3', '2'],
    [200, '3', '1'],
    [200, '3', '0'],
    [429, '3', '0'],
  ]);

  const other = h.emu.admin.createCompany({
    company_name: 'other',
    api_key: 'other-full-key',
    read_only_api_key: 'other-read-key',
  });
  const otherRes = await call(h.emu.baseUrl, 'GET', '/api/product', undefined, { 'x-api-key': other.api_key });
  assert.deepEqual([otherRes.status, otherRes.headers.get('x-rate-limit')], [200, '500'], 'limits are per company');
  const readKey = await h.api('GET', '/api/product', undefined, h.company.read_only_api_key);
  assert.equal(readKey.status, 429, 'both keys of a company share its limit');
  // Per-company budgets are checked from the log, so each request names its company, refused ones too.
  assert.deepEqual(
    h.emu.admin.requestLog().map((e) => [e.company, e.status]),
    [
      ['acme', 200],
      ['acme', 200],
      ['acme', 200],
      ['acme', 429],
      ['other', 200],
      ['acme', 429],
    ],
  );

  h.emu.admin.advanceClock(60_000);
  const fresh = await h.api('GET', '/api/product');
  assert.deepEqual([fresh.status, fresh.headers.get('x-rate-limit-remaining')], [200, '2'], 'a new window opens');

  h.emu.admin.updateSettings({ rateLimit: { enabled: false } });
  try {
    const unlimited = await h.api('GET', '/api/product');
    assert.deepEqual([unlimited.status, unlimited.headers.get('x-rate-limit')], [200, null]);
  } finally {
    h.emu.admin.updateSettings({ rateLimit: { enabled: true } });
  }
});

test('fault injection: forced throttle, random errors before the write, dropped responses after it', async () => {
  h.emu.admin.updateCompanySettings('acme', { rate_limit_per_minute: 10_000 });
  h.emu.admin.updateSettings({ faults: { forceThrottle: true } });
  try {
    const throttled = await h.api('GET', '/api/product');
    assert.deepEqual(
      [throttled.status, throttled.headers.get('retry-after'), throttled.body.type],
      [429, '1', 'error'],
    );
    const discovery = await call(h.emu.baseUrl, 'POST', '/api/config', { company_name: 'acme' });
    assert.equal(discovery.status, 200, 'discovery is not an API route');
  } finally {
    h.emu.admin.updateSettings({ faults: { forceThrottle: false } });
  }

  const product = { product: { product_name: 'Faulty', product_category: h.category } };
  h.emu.admin.updateSettings({ faults: { errorRate: 1, errorStatuses: [503] } });
  try {
    const failed = await h.api('POST', '/api/product', product);
    assert.deepEqual(
      [failed.status, failed.body],
      [503, { type: 'error', title: 'Service Unavailable', message: 'Something went wrong' }],
    );
  } finally {
    h.emu.admin.updateSettings({ faults: { errorRate: 0 } });
  }
  assert.equal((await h.api('GET', '/api/product?filter.keyword=faulty')).body.total_records, 0, 'not applied');

  h.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
  try {
    await assert.rejects(h.api('POST', '/api/product', product));
  } finally {
    h.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
  }
  assert.equal((await h.api('GET', '/api/product?filter.keyword=faulty')).body.total_records, 1, 'committed');
  const faults = h.emu.admin.counters().faults;
  assert.deepEqual([faults.forcedThrottle, faults.http503, faults.dropAfterCommit], [1, 1, 1]);
});
