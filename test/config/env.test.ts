import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadEnv, usesEmulators } from '../../config/env.js';
import { assertConfigRefused } from '../support/config-refusal.js';

describe('configuration', () => {
  it('runs on defaults with the emulators when nothing is set', () => {
    const env = loadEnv({});
    assert.equal(env.HTTP_PORT, 3000);
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(usesEmulators(env), true);
  });

  it('names every bad variable and what it expects, one per line', () => {
    assert.throws(
      () => loadEnv({ HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://x', SECRETS_KEY: 'short' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const lines = error.message
          .split('\n')
          .slice(1)
          .map((l) => l.trim());
        assert.equal(lines.length, 3);
        assert.ok(lines.some((l) => l.startsWith('HTTP_PORT: expected')));
        assert.ok(lines.some((l) => l === 'DATABASE_URL: expected a postgres:// connection URL'));
        assert.ok(lines.some((l) => l.startsWith('SECRETS_KEY: expected base64 of exactly 32 random bytes')));
        return true;
      },
    );
  });

  it('refuses to start in production without a secrets key or operator token, naming both at once', () => {
    assert.throws(
      () => loadEnv({ NODE_ENV: 'production', HTTP_PORT: 'x' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.message.split('\n').map((l) => l.trim().split(':')[0]),
          ['Invalid configuration', 'HTTP_PORT', 'SECRETS_KEY', 'OPERATOR_TOKEN'],
        );
        return true;
      },
    );
  });

  it('takes an IP and port for the Temporal worker metrics, and names anything else', () => {
    for (const address of ['0.0.0.0:9464', '127.0.0.1:1', '[::]:9464', '[::1]:65535']) {
      assert.equal(loadEnv({ TEMPORAL_METRICS_ADDRESS: address }).TEMPORAL_METRICS_ADDRESS, address);
    }
    assert.equal(loadEnv({}).TEMPORAL_METRICS_ADDRESS, undefined);
    for (const address of ['localhost:9464', '9464', '127.0.0.1', '127.0.0.1:0', '127.0.0.1:65536', '::1:9464']) {
      assertConfigRefused(
        { TEMPORAL_METRICS_ADDRESS: address },
        'Invalid configuration:\n  TEMPORAL_METRICS_ADDRESS: expected an IP address and port, such as ' +
          '0.0.0.0:9464, 127.0.0.1:9464 or [::]:9464',
        address,
      );
    }
  });

  it('runs the demo on QuickBooks Online unless DEMO_ACCOUNTING names QuickBooks Desktop, and names both otherwise', () => {
    assert.equal(loadEnv({}).DEMO_ACCOUNTING, 'qbo');
    assert.equal(loadEnv({ DEMO_ACCOUNTING: 'qbd' }).DEMO_ACCOUNTING, 'qbd');
    assertConfigRefused(
      { DEMO_ACCOUNTING: 'desktop' },
      'Invalid configuration:\n  DEMO_ACCOUNTING: expected qbo (QuickBooks Online, the default) or qbd (QuickBooks Desktop)',
    );
  });

  it('uses the real QBO when credentials are configured', () => {
    assert.equal(
      usesEmulators(loadEnv({ QBO_ENVIRONMENT: 'sandbox', QBO_CLIENT_ID: 'id', QBO_CLIENT_SECRET: 's' })),
      false,
    );
  });
});
