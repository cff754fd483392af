import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { spawnSupervised } from './supervised.js';
import { ActionableError, withProgress } from './startup-step.js';

/** The one CLI version that can still be `go install`ed (later tags carry a replace directive). */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function temporalCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qbo-zuper-sync', 'bin');
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** TEMPORAL_CLI_PATH, then PATH, then the project's cache folder outside the repo. */
export function findTemporalCli(): string | null {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : null;
  const candidates = [
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'temporal')),
    join(temporalCacheDir(), 'temporal'),
  ];
  return candidates.find(isExecutable) ?? null;
}

export class TemporalCliError extends ActionableError {
  override name = 'TemporalCliError';
}

/** Finds the Temporal CLI or builds it from the Go module proxy into the cache folder (first run: a few minutes). */
export async function ensureTemporalCli(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<string> {
  const found = findTemporalCli();
  if (found) return found;
  if (process.env.TEMPORAL_CLI_PATH) {
    throw new TemporalCliError(
      `TEMPORAL_CLI_PATH=${process.env.TEMPORAL_CLI_PATH} is not an executable file: point it at a temporal binary or unset it`,
    );
  }
  if (spawnSync('go', ['version']).status !== 0) {
    throw new TemporalCliError(
      'The Temporal CLI was not found and Go is not installed to build it: install Go 1.25+ or set TEMPORAL_CLI_PATH.',
    );
  }
  const bin = temporalCacheDir();
  mkdirSync(bin, { recursive: true });
  log(`Building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${bin}; the first build takes a few minutes…`);
  const startedAt = Date.now();
  const build = new Promise<void>((resolve, reject) => {
    const child = spawnSupervised('go', ['install', '-ldflags=-s -w', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: bin, GOFLAGS: '-mod=mod' },
      stderr: 'pipe',
    }).process;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new TemporalCliError(
              `go install of the Temporal CLI failed (exit ${code}): check that Go 1.25+ can reach the Go module proxy, or set TEMPORAL_CLI_PATH to a temporal binary\n${stderr}`,
            ),
          ),
    );
  });
  await withProgress(log, 'building the Temporal CLI', build);
  log(`Temporal CLI built in ${Math.round((Date.now() - startedAt) / 1000)} s.`);
  return join(bin, 'temporal');
}
