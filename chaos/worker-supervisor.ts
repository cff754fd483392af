import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkerChild } from '../harness/worker-children.js';

export interface WorkerSupervisor {
  /** SIGKILL the worker process (no shutdown of any kind, activities die mid-call), then start a fresh one. */
  killAndRestart(): Promise<void>;
  /** Waits until a worker is up (after a kill or an exit of its own). */
  ready(): Promise<void>;
  /** Exits the worker took on its own (e.g. the Temporal server went away) and was restarted after. */
  unexpectedExits(): number;
  /** The current worker's last stderr lines. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Keeps one worker process running: started again whenever it dies, whether killed on purpose or not. */
export async function superviseWorker(
  start: () => Promise<WorkerChild>,
  log: (line: string) => void,
  startAttempts = 60,
): Promise<WorkerSupervisor> {
  let current: WorkerChild | null = null;
  let stopping = false;
  let exits = 0;
  const killed = new WeakSet<WorkerChild>();

  const launch = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        current = await start();
        break;
      } catch (error) {
        // The Temporal server may be restarting: the child exits before it is ready; try again shortly.
        if (stopping || attempt >= startAttempts) throw error;
        await sleep(1000);
      }
    }
    const child = current;
    child.process.once('exit', (code, signal) => {
      if (stopping || killed.has(child)) return;
      exits += 1;
      log(`worker process exited on its own (${signal ?? code}); starting another`);
      starting = launch();
      // Whoever waits for the worker next sees a failure to start; nothing is left unhandled meanwhile.
      starting.catch(() => undefined);
    });
  };

  let starting = launch();
  await starting;
  return {
    async killAndRestart() {
      await starting;
      const child = current!;
      killed.add(child);
      const gone = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
      child.process.kill('SIGKILL');
      await gone;
      starting = launch();
      await starting;
    },
    ready: () => starting,
    unexpectedExits: () => exits,
    stderr: () => current?.stderr() ?? '',
    async stop() {
      stopping = true;
      await starting.catch(() => undefined);
      await current?.stop();
    },
  };
}

/**
 * Several supervised workers on one task queue, as a scaled-out deployment runs them. A kill takes the workers in
 * turn, so each kill stops one of them while the others keep polling.
 */
export async function superviseWorkers(
  count: number,
  start: () => Promise<WorkerChild>,
  log: (line: string) => void,
): Promise<WorkerSupervisor> {
  const workers: WorkerSupervisor[] = [];
  try {
    for (let i = 0; i < count; i++)
      workers.push(await superviseWorker(start, (line) => log(`worker ${i + 1}: ${line}`)));
  } catch (error) {
    await Promise.all(workers.map((w) => w.stop()));
    throw error;
  }
  if (workers.length === 1) return workers[0]!;
  let nextToKill = 0;
  return {
    async killAndRestart() {
      const victim = nextToKill;
      nextToKill = (nextToKill + 1) % workers.length;
      log(`killing worker ${victim + 1} of ${workers.length}`);
      await workers[victim]!.killAndRestart();
    },
    ready: async () => {
      await Promise.all(workers.map((w) => w.ready()));
    },
    unexpectedExits: () => workers.reduce((n, w) => n + w.unexpectedExits(), 0),
    stderr: () => workers.map((w, i) => `worker ${i + 1}:\n${w.stderr()}`).join('\n'),
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
