import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/free-port.js';
import { serviceProcessEnv } from './support.js';

const mainScript = fileURLToPath(new URL('../../app/server-main.js', import.meta.url));

test(
  'main listens on HTTP_HOST:HTTP_PORT, logs JSON, and exits 0 on SIGTERM after closing',
  { timeout: 90_000 },
  async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [mainScript], {
      env: {
        ...serviceProcessEnv(),
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        QBO_WEBHOOK_VERIFIER_TOKEN: 'main-test-verifier',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = once(child, 'exit');
    try {
      while (!stdout.includes('Server listening')) {
        if (child.exitCode !== null) assert.fail(`main exited early with ${child.exitCode}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
      // The web console is served by this process too; a page needs a sign-in.
      const consolePage = await fetch(`http://127.0.0.1:${port}/console`, { redirect: 'manual' });
      assert.deepEqual([consolePage.status, consolePage.headers.get('location')], [303, '/console/login']);
      assert.equal((await fetch(`http://127.0.0.1:${port}/console/login`)).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    const lines = stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; signal?: string });
    assert.ok(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
    assert.equal(stdout.includes('main-test-verifier'), false);
  },
);

test('main with a bad production configuration prints one line per problem, no stack trace, and exits 2', async () => {
  const child = spawn(process.execPath, [mainScript], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HTTP_PORT: 'eighty' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 2);
  assert.deepEqual(
    stderr
      .trim()
      .split('\n')
      .map((l) => l.trim().split(':')[0]),
    ['Invalid configuration', 'HTTP_PORT', 'SECRETS_KEY', 'OPERATOR_TOKEN'],
  );
});
