import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '../../config/env.js';
import { connectTemporal } from '../../client/temporal.js';
import { startIntakeBatch } from '../../client/intake.js';
import { dataConverterFromEnv } from '../../security/data-converter.js';
import type { IntakeBatchResult } from '../../workflows/intake-batch.js';
import { freePort } from '../../scripts/free-port.js';
import { serviceProcessEnv } from '../server/support.js';

const mainScript = fileURLToPath(new URL('../../app/worker-main.js', import.meta.url));

/** The entry as a child process; both its outputs are read, so a full pipe can never block it. */
function startWorkerMain(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [mainScript], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, output, exited };
}

/** The samples of a Prometheus text page whose name is `name` and whose labels include `labels`. */
function samples(page: string, name: string, labels: Record<string, string>): number[] {
  return page
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

test(
  'the worker entry runs the workflows of its task queue, serves Temporal worker metrics at ' +
    'TEMPORAL_METRICS_ADDRESS, and exits 0 on SIGTERM after draining',
  { timeout: 180_000 },
  async () => {
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    const env = {
      ...serviceProcessEnv(),
      TEMPORAL_TASK_QUEUE: `worker-main-test-${randomUUID()}`,
      TEMPORAL_METRICS_ADDRESS: metricsAddress,
    };
    const appEnv = loadEnv(env);
    // The same keys as the worker, so the client can read the result its codec sealed.
    const client = await connectTemporal({
      address: appEnv.TEMPORAL_ADDRESS,
      namespace: appEnv.TEMPORAL_NAMESPACE,
      dataConverter: dataConverterFromEnv(appEnv),
    });
    const worker = startWorkerMain(env);
    try {
      // A batch of no stored deliveries: the worker's local activity reads the (empty) outbox of its own store.
      const batchId = `worker-main-test-${randomUUID()}`;
      await startIntakeBatch({ client, taskQueue: env.TEMPORAL_TASK_QUEUE }, { batchId, connectionId: 'c1' }, 30_000);
      const result = (await client.workflow.getHandle(batchId).result()) as IntakeBatchResult;
      assert.deepEqual(result, { deliveries: 0, settled: [], unlinked: [] });
      // The SDK's own metrics for the run it just completed, on the runtime's endpoint (not the service's /metrics).
      const page = await (await fetch(`http://${metricsAddress}/metrics`)).text();
      const ofThisQueue = { task_queue: env.TEMPORAL_TASK_QUEUE };
      assert.deepEqual(
        samples(page, 'temporal_workflow_completed', { ...ofThisQueue, workflow_type: 'intakeBatchWorkflow' }),
        [1],
        page,
      );
      assert.deepEqual(
        samples(page, 'temporal_local_activity_execution_latency_count', {
          ...ofThisQueue,
          activity_type: 'loadIntakeBatch',
        }),
        [1],
        page,
      );
    } finally {
      worker.child.kill('SIGTERM');
      await client.connection.close();
    }
    const [code, signal] = await worker.exited;
    assert.deepEqual([code, signal], [0, null], worker.output.stderr);
    // The JSON runtime log: this worker ran on its queue and stopped after draining.
    const states = worker.output.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; taskQueue?: string; state?: string })
      .filter((l) => l.msg === 'Worker state changed' && l.taskQueue === env.TEMPORAL_TASK_QUEUE)
      .map((l) => l.state);
    assert.deepEqual([states[0], states.at(-1)], ['RUNNING', 'STOPPED']);
  },
);

test('the worker entry names a start-up error on stderr and exits 1', { timeout: 60_000 }, async () => {
  const worker = startWorkerMain({ PATH: process.env.PATH, NODE_ENV: 'production', HTTP_PORT: 'eighty' });
  const [code] = await worker.exited;
  assert.equal(code, 1);
  assert.match(worker.output.stderr, /^Invalid configuration:\n {2}HTTP_PORT: /);
  assert.equal(worker.output.stderr.includes('    at '), false, 'no stack trace');
});
