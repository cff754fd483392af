import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities/index.js';
import { workflowBundle } from '../../worker/create-worker.js';

/**
 * Workflow logic in isolation: the production workflow bundle on the real Temporal dev server that `npm test` starts
 * (through @temporalio/testing, which downloads nothing when pointed at an existing server), with stub activities.
 */
export interface WorkflowHarness {
  client: Client;
  /** Runs `body` while a worker with these activities serves a private task queue. */
  withWorker<T>(activities: Partial<Activities>, body: (taskQueue: string) => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

// Workers log state changes, and the failures these tests provoke on purpose; only errors of their own matter.
Runtime.install({ logger: new DefaultLogger('ERROR') });

export async function startWorkflowHarness(): Promise<WorkflowHarness> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests with `npm test`');
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address });
  const bundle = await workflowBundle();
  return {
    client: env.client,
    async withWorker(activities, body) {
      const taskQueue = `wf-${randomBytes(6).toString('hex')}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle: bundle,
        activities,
      });
      return worker.runUntil(body(taskQueue));
    },
    teardown: () => env.teardown(),
  };
}

/** Workflow ids are unique per test run: the server is shared by every test file. */
export const uniqueId = (name: string) => `${name}-${randomBytes(4).toString('hex')}`;

/** An activity stub whose calls wait until the test lets each one finish, so a test can act while one is running. */
export function gatedStub<A extends unknown[], R>(answer: (...args: A) => R | Promise<R>) {
  const calls: A[] = [];
  const waiting: (() => void)[] = [];
  let onCall: (() => void) | undefined;
  return {
    calls,
    fn: async (...args: A): Promise<R> => {
      calls.push(args);
      onCall?.();
      await new Promise<void>((resolve) => waiting.push(resolve));
      return answer(...args);
    },
    /** Resolves once the stub has been called `count` times in all. */
    async called(count: number): Promise<void> {
      while (calls.length < count) await new Promise<void>((resolve) => (onCall = resolve));
    },
    /** Lets the oldest waiting call finish. */
    release(): void {
      const next = waiting.shift();
      if (!next) throw new Error('no call is waiting');
      next();
    },
  };
}
