import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { goBuild, isExecutable, projectCacheDir } from './temporal-cli.js';
import { ActionableError } from './startup-step.js';

/** The Temporal server release the cluster runs; compose pins the same version of its images. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
const serverModule = 'go.temporal.io/server';

export interface TemporalServerBinaries {
  /** The server binary (`temporal-server` in the images). */
  server: string;
  /** Folder holding `temporal-sql-tool`, for PATH: the schema script calls it by that name, as in admin-tools. */
  toolsDir: string;
  /** The PostgreSQL schemas the sql tool migrates to (`/etc/temporal/schema/postgresql/v12` in admin-tools). */
  schemaDir: string;
}

export class ClusterSetupError extends ActionableError {
  override name = 'ClusterSetupError';
}

/** Beside the CLI's cache folder, outside the repository: one folder per server version. */
export const temporalServerCacheDir = () => join(projectCacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);

/**
 * Finds the cached server and sql tool, or builds both from the Go module proxy (about 7 minutes on 2 cores, once),
 * and keeps the module's PostgreSQL schemas next to them.
 */
export async function ensureTemporalServer(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<TemporalServerBinaries> {
  const root = temporalServerCacheDir();
  const bin = join(root, 'bin');
  const binaries = { server: join(bin, 'server'), toolsDir: bin, schemaDir: join(root, 'schema', 'postgresql', 'v12') };
  if (!isExecutable(binaries.server) || !isExecutable(join(bin, 'sql'))) {
    await goBuild(
      {
        what: `the Temporal server ${TEMPORAL_SERVER_VERSION} and its sql tool`,
        commands: ['server', 'tools/sql'].map((cmd) => `${serverModule}/cmd/${cmd}@v${TEMPORAL_SERVER_VERSION}`),
        bin,
        fix: `copy a temporal-server and temporal-sql-tool ${TEMPORAL_SERVER_VERSION} to ${bin} as server and sql`,
        makeError: (message) => new ClusterSetupError(message),
      },
      log,
    );
  }
  if (!existsSync(join(bin, 'temporal-sql-tool'))) symlinkSync('sql', join(bin, 'temporal-sql-tool'));
  if (!existsSync(binaries.schemaDir)) {
    const gomodcache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    const source = join(gomodcache, `${serverModule}@v${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
    if (gomodcache === '' || !existsSync(source)) {
      throw new ClusterSetupError(
        `The Temporal ${TEMPORAL_SERVER_VERSION} schemas are not in ${binaries.schemaDir}: run "go mod download ${serverModule}@v${TEMPORAL_SERVER_VERSION}" (needs Go), then retry`,
      );
    }
    cpSync(source, binaries.schemaDir, { recursive: true });
  }
  return binaries;
}
