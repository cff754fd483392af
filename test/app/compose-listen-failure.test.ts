import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { serviceProcessEnv } from '../server/support.js';

const composeModule = new URL('../../app/compose.js', import.meta.url).href;
const envModule = new URL('../../config/env.js', import.meta.url).href;

test(
  'a service whose HTTP port is taken stops what it started, so its process can end by itself',
  { timeout: 60_000 },
  async () => {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = (holder.address() as { port: number }).port;
    try {
      const script = `
      const { composeService } = await import(${JSON.stringify(composeModule)});
      const { loadEnv } = await import(${JSON.stringify(envModule)});
      const env = loadEnv(process.env);
      try {
        await composeService({ env, lazyTemporal: true, http: { host: '127.0.0.1', port: ${port} } });
        console.log('listening');
      } catch (error) {
        console.log('refused ' + error.code);
      }`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        env: serviceProcessEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      // Nothing kills the child: it only exits once nothing it started is left running.
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(stdout.trim(), 'refused EADDRINUSE', stderr);
      assert.equal(code, 0, stderr);
    } finally {
      holder.close();
    }
  },
);
