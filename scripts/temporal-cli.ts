import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { spawnSupervised } from './supervised.js';
import { outputKeeper } from './output-keeper.js';
import { ActionableError, withProgress } from './startup-step.js';

/** The one CLI version that can still be `go install`ed (later tags carry a replace directive). */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function temporalCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qbo-zuper-sync', 'bin');
}

export const isExecutable = (path: string) => {
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
  const bin = temporalCacheDir();
  await goInstall(
    {
      what: 'the Temporal CLI',
      modules: [TEMPORAL_CLI_MODULE],
      bin,
      fix: 'set TEMPORAL_CLI_PATH to a temporal binary',
      makeError: (message) => new TemporalCliError(message),
    },
    log,
  );
  return join(bin, 'temporal');
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export interface GoInstall {
  /** What is built, for messages ("the Temporal CLI"). */
  what: string;
  modules: string[];
  /** Where the binaries land (GOBIN). */
  bin: string;
  /** What to do instead when Go is missing or the build fails. */
  fix: string;
  makeError(message: string): Error;
}

/** `go install` of pure-Go modules into a cache folder, with progress lines (first build: several minutes). */
export async function goInstall(build: GoInstall, log: (line: string) => void): Promise<void> {
  if (spawnSync('go', ['version']).status !== 0) {
    throw build.makeError(
      `${capitalized(build.what)} was not found and Go is not installed to build it: install Go 1.25+ or ${build.fix}.`,
    );
  }
  mkdirSync(build.bin, { recursive: true });
  log(`Building ${build.what} (${build.modules.join(' ')}) into ${build.bin}; the first build takes a few minutes…`);
  const startedAt = Date.now();
  const installing = new Promise<void>((resolve, reject) => {
    const child = spawnSupervised('go', ['install', '-ldflags=-s -w', ...build.modules], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: build.bin, GOFLAGS: '-mod=mod' },
      stderr: 'pipe',
    }).process;
    const stderr = outputKeeper();
    child.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            build.makeError(
              `go install of ${build.what} failed (exit ${code}): check that Go 1.25+ can reach the Go module proxy, or ${build.fix}\n${stderr.text()}`,
            ),
          ),
    );
  });
  await withProgress(log, `building ${build.what}`, installing);
  log(
    `${build.what.charAt(0).toUpperCase()}${build.what.slice(1)} built in ${Math.round((Date.now() - startedAt) / 1000)} s.`,
  );
}
