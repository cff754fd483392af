import { Connection } from '@temporalio/client';

export interface KeeperOptions {
  /** Resolves when the server answers as the tests need it; rejects otherwise. */
  check: () => Promise<void>;
  /** Stops the server and starts it again on the same address and store. */
  restart: () => Promise<void>;
  /** Waits between checks (a timer in use, an immediate one in tests). */
  pause: () => Promise<void>;
  /** Failed checks in a row that make a restart. */
  failuresBeforeRestart: number;
  log: (line: string) => void;
}

/**
 * Restarts the tests' dev server when it stops answering. Its SQLite store can get stuck after a cancelled call:
 * every query then fails with "interrupted (9)" until the process ends, so workers see "Namespace default was not
 * found" and "shard status unknown", and every later test failed, in two CI runs. A restart on the same store file
 * keeps the namespace and every workflow, and the tests' workers and clients reconnect.
 */
export function keepAnswering(options: KeeperOptions): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      await options.pause();
      if (stopped) break;
      try {
        await options.check();
        failures = 0;
      } catch (error) {
        failures++;
        if (failures < options.failuresBeforeRestart) continue;
        options.log(
          `Temporal dev server failed ${failures} checks in a row (${(error as Error).message}): restarting it`,
        );
        failures = 0;
        await options.restart();
        options.log('Temporal dev server restarted');
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Describes the namespace the tests use, as each worker does when it starts; 5 s at most. */
export async function describeNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    await connection.withDeadline(Date.now() + 5000, () => connection.workflowService.describeNamespace({ namespace }));
  } finally {
    await connection.close();
  }
}
