import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ZuperApiError, type ZuperResponseInfo } from '../../../integrations/zuper/index.js';
import { type EmulatedZuper, startEmulatedZuper, thrown } from './emulator-harness.js';

void describe('Zuper client against the emulator: throttling, server errors, timeouts and hooks', () => {
  let z: EmulatedZuper;
  before(async () => {
    z = await startEmulatedZuper();
  });
  after(() => z.close());

  void it("maps the plan limit's 429 to a throttled error, and reports every response to the hooks", async () => {
    // A one-hour nominal window, so the scaled clock cannot open a new window between the three calls.
    const windowMs = 3_600_000_000;
    z.emu.admin.updateSettings({ rateLimit: { windowMs } });
    z.emu.admin.updateCompanySettings('acme', { rate_limit_per_minute: 2 });
    const seen: Omit<ZuperResponseInfo, 'durationMs'>[] = [];
    let beforeCalls = 0;
    const client = z.clientWith({
      hooks: {
        beforeRequest: () => {
          beforeCalls += 1;
          return Promise.resolve();
        },
        afterResponse: ({ durationMs, ...info }) => {
          assert.ok(durationMs >= 0);
          seen.push(info);
        },
      },
    });
    try {
      await client.listLocations();
      await client.listLocations();
      const error = await thrown(() => client.listLocations());
      assert.ok(error instanceof ZuperApiError);
      assert.deepEqual([error.kind, error.httpStatus, error.retryable], ['throttled', 429, true]);
      assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs % 1000 === 0 && error.retryAfterMs > 0);
      assert.equal(beforeCalls, 3);
      assert.deepEqual(seen, [
        { method: 'GET', status: 200, throttled: false, rateLimitRemaining: 1 },
        { method: 'GET', status: 200, throttled: false, rateLimitRemaining: 0 },
        { method: 'GET', status: 429, throttled: true, rateLimitRemaining: 0 },
      ]);
    } finally {
      z.emu.admin.updateCompanySettings('acme', { rate_limit_per_minute: 500 });
      z.emu.admin.advanceClock(windowMs);
      z.emu.admin.updateSettings({ rateLimit: { windowMs: 60_000 } });
    }
  });

  void it('reads Retry-After into retryAfterMs', async () => {
    z.emu.admin.updateSettings({ faults: { forceThrottle: true } });
    try {
      const error = await thrown(() => z.client.listCategories());
      assert.ok(error instanceof ZuperApiError);
      assert.deepEqual([error.kind, error.retryAfterMs], ['throttled', 1000]);
      assert.match(error.fix, /retried after 1 s/);
    } finally {
      z.emu.admin.updateSettings({ faults: { forceThrottle: false } });
    }
  });

  void it('maps 5xx to retryable server errors, without retrying by itself', async () => {
    const product = await z.createPart('Flaky', 1);
    const since = z.lastSeq();
    z.emu.admin.updateSettings({ faults: { errorRate: 1, errorStatuses: [503] } });
    let error: unknown;
    try {
      error = await thrown(() =>
        z.client.stockInward({ productUid: product, locationUid: z.w1, quantity: 1, remarks: 'mv-5xx' }),
      );
    } finally {
      z.emu.admin.updateSettings({ faults: { errorRate: 0 } });
    }
    assert.ok(error instanceof ZuperApiError);
    assert.deepEqual(
      [error.kind, error.httpStatus, error.retryable, error.writeMayHaveLanded],
      ['server', 503, true, true],
    );
    assert.equal(z.emu.admin.requestLog({ afterSeq: since }).length, 1, 'exactly one attempt');
    assert.equal((await z.client.getProduct(product))?.quantity, 1);
  });

  void it('maps a timeout to a retryable network error', async () => {
    // Latency is nominal and the clock runs 1000x: 300 s nominal is 300 ms real, far beyond the 50 ms timeout.
    z.emu.admin.updateSettings({ faults: { latencyMs: 300_000 } });
    try {
      const error = await thrown(() => z.clientWith({ timeoutMs: 50 }).listLocations());
      assert.ok(error instanceof ZuperApiError);
      assert.deepEqual(
        [error.kind, error.httpStatus, error.retryable, error.writeMayHaveLanded, error.title],
        ['network', undefined, true, false, 'ETIMEDOUT'],
      );
    } finally {
      z.emu.admin.updateSettings({ faults: { latencyMs: 0 } });
    }
  });
});
