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
