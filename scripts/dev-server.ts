import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { allSearchAttributes } from '../workflows/search-attributes.js';
import { registerMissingSearchAttributes } from '../client/search-attribute-check.js';
import { spawnSupervised } from './supervised.js';
import { outputKeeper } from './output-keeper.js';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Web UI port; null runs headless. */
  uiPort: number | null;
  /** SQLite file that keeps workflows across restarts; null keeps everything in memory. */
  dbFile: string | null;
  namespace?: string;
  codecEndpoint?: string;
}

export interface RunningDevServer {
  address: string;
  stop(): Promise<void>;
}

/** Thrown when the dev server process ends before it answers; such a start may succeed when tried again. */
class DevServerExitedAtStart extends Error {}

/**
 * Starts `temporal server start-dev` with our search attributes and waits until it answers. On a busy machine the dev
 * server can stop at start-up (its own SQLite file locked, a panic while it wires itself up after a restart, as seen
 * in CI); a start whose process ends before it is ready is tried again, twice at most, a second apart.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOnce(options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof DevServerExitedAtStart)) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function startDevServerOnce(options: DevServerOptions): Promise<RunningDevServer> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    'error',
    '--dynamic-config-value',
    'limit.maxIDLength=255',
    // An activity scheduled by a workflow task goes straight back to the worker that completed it, with that task's
    // answer, instead of through the task queue: half of each activity's round trip (docs/observability.md).
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    ...allSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
  ];
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.codecEndpoint) args.push('--ui-codec-endpoint', options.codecEndpoint);
  if (options.dbFile) {
    mkdirSync(dirname(resolve(options.dbFile)), { recursive: true });
    args.push('--db-filename', resolve(options.dbFile));
  }
  const server = spawnSupervised(options.cliPath, args, { stdout: 'ignore', stderr: 'pipe' });
  const child = server.process;
  const stderr = outputKeeper();
  child.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk.toString()));
  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new DevServerExitedAtStart(`Temporal dev server exited (${child.exitCode}): ${stderr.text()}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        // A server still starting may take the call and never answer it: each try has its own deadline, so the
        // overall one holds and a later try reaches the ready server.
        await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
        await registerMissingSearchAttributes(connection, options.namespace ?? 'default');
      } finally {
        await connection.close();
      }
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(
          `Temporal dev server did not become ready at ${address}: ${(error as Error).message}\n${stderr.text()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    stop: () => server.stop(),
  };
}
