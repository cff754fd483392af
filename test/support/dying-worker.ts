import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { workflowBundle } from '../../worker/create-worker.js';
import type { SyncStack } from './sync-stack.js';

export interface DyingWorker {
  /** QBO writes whose answer reached this worker. */
  qboWrites(): number;
  /** Commits begun: the crash point, after every external write of the settle has answered. */
  commitsStarted(): number;
  /** The process dies: the hanging commit fails, then the worker and its connection close. */
  kill(): Promise<void>;
}

/** A worker on the stack's task queue whose commit never finishes, as if its process died right there. */
export async function startDyingWorker(stack: SyncStack): Promise<DyingWorker> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_TEST_ADDRESS! });
  const activities = createActivities(stack.deps);
  const killed = new AbortController();
  let qboWrites = 0;
  let commitsStarted = 0;
  const worker = await Worker.create({
    connection,
    taskQueue: stack.taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: stack.temporal.options.dataConverter,
    activities: {
      ...activities,
      // A plan that moves QBO only is written by planSettle itself (the fold-one-sided-apply patch).
      planSettle: async (input: Parameters<typeof activities.planSettle>[0]) => {
        const planned = await activities.planSettle(input);
        if (planned.kind === 'plan' && planned.applied?.side === 'accounting') qboWrites += 1;
        return planned;
      },
      applyMovement: async (input: Parameters<typeof activities.applyMovement>[0]) => {
        const ref = await activities.applyMovement(input);
        if (input.side === 'accounting') qboWrites += 1;
        return ref;
      },
      commitSettle: () => {
        commitsStarted += 1;
        return new Promise<never>((_, reject) => {
          if (killed.signal.aborted) reject(new Error('worker killed'));
          killed.signal.addEventListener('abort', () => reject(new Error('worker killed')));
        });
      },
    },
    // Bounds the shutdown: past the force time run() fails rather than waiting on a stuck activity.
    shutdownGraceTime: '100ms',
    shutdownForceTime: '1s',
  });
  const running = worker.run().catch(() => undefined);
  return {
    qboWrites: () => qboWrites,
    commitsStarted: () => commitsStarted,
    async kill() {
      killed.abort();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
