import { ensureTemporalCli } from '../../scripts/temporal-cli.js';
import { startDevServer, type RunningDevServer } from '../../scripts/dev-server.js';
import { freePort } from '../../scripts/free-port.js';

/** A headless, in-memory Temporal dev server on a free loopback port, for one `npm run bench`. */
export async function startBenchTemporal(log: (line: string) => void): Promise<RunningDevServer> {
  const cliPath = await ensureTemporalCli(log);
  return startDevServer({ cliPath, port: await freePort(), uiPort: null, dbFile: null });
}
