import { join } from 'node:path';
import { ensureTemporalCli } from '../scripts/temporal-cli.js';
import { startDevServer, type DevServerOptions, type RunningDevServer } from '../scripts/dev-server.js';
import { freePort } from '../scripts/free-port.js';
import { startScratchCluster } from '../scripts/cluster-nodes.js';

export interface RestartableTemporal {
  address: string;
  /** Stops the server and starts it again on the same port and database file: workflows, timers and tasks survive. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A headless Temporal dev server that keeps its state in `folder`, so it can be restarted in the middle of a run;
 * or a 2-node cluster on PostgreSQL, where a restart crashes one node and starts it again.
 */
export async function startRestartableTemporal(
  folder: string,
  log: (line: string) => void,
  cluster = false,
): Promise<RestartableTemporal> {
  if (cluster) {
    const nodes = await startScratchCluster({
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
      nodes: 2,
      log,
    });
    return { address: nodes.address, restart: () => nodes.crashAndRestartNode(1), stop: () => nodes.stop() };
  }
  const options: DevServerOptions = {
    cliPath: await ensureTemporalCli(log),
    port: await freePort(),
    uiPort: null,
    dbFile: join(folder, 'temporal.db'),
  };
  let server: RunningDevServer = await startDevServer(options);
  return {
    address: server.address,
    async restart() {
      await server.stop();
      server = await startDevServer(options);
    },
    stop: () => server.stop(),
  };
}
