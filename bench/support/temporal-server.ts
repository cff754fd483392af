import { ensureTemporalCli } from '../../scripts/temporal-cli.js';
import { startDevServer, type RunningDevServer } from '../../scripts/dev-server.js';
import { freePort } from '../../scripts/free-port.js';
import { startScratchCluster } from '../../scripts/cluster-nodes.js';

/**
 * A headless, in-memory Temporal dev server on a free loopback port, for one `npm run bench`; or a 2-node cluster
 * on PostgreSQL (DATABASE_URL's server, default the local one) with databases of its own.
 */
export async function startBenchTemporal(log: (line: string) => void, cluster = false): Promise<RunningDevServer> {
  if (cluster) {
    const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
    return startScratchCluster({ databaseUrl, nodes: 2, log });
  }
  const cliPath = await ensureTemporalCli(log);
  return startDevServer({ cliPath, port: await freePort(), uiPort: null, dbFile: null });
}
