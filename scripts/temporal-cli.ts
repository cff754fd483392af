import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { spawnSupervised } from './supervised.js';
import { outputKeeper } from './output-keeper.js';
import { ActionableError, withProgress } from './startup-step.js';

/** The one CLI version that can still be built from the Go module proxy (later tags carry a replace directive). */
export const TEMPORAL_CLI_COMMAND = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/**
 * The SQLite driver the dev server is built with, newer than the v1.34.1 the CLI names. That version can interrupt
 * a statement after the cancelled request that asked for it has returned; our test runs then saw the dev server's
 * store answer every query with "interrupted (9)" until restarted. ADR 0014.
 */
export const DEV_SERVER_SQLITE_DRIVER = 'modernc.org/sqlite@v1.44.3';

/** The project's build cache, outside the repository. */
export const projectCacheDir = () => join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qbo-zuper-sync');

/** One folder per CLI build, so that a build with other versions is never mistaken for this one. */
export function temporalCacheDir(): string {
  const version = (pinned: string) => pinned.slice(pinned.lastIndexOf('@') + 1);
  return join(
    projectCacheDir(),
    `temporal-cli-${version(TEMPORAL_CLI_COMMAND)}-sqlite-${version(DEV_SERVER_SQLITE_DRIVER)}`,
  );
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
  await goBuild(
    {
      what: 'the Temporal CLI',
      commands: [TEMPORAL_CLI_COMMAND],
      pinnedDependencies: [DEV_SERVER_SQLITE_DRIVER],
      bin,
      fix: 'set TEMPORAL_CLI_PATH to a temporal binary',
      makeError: (message) => new TemporalCliError(message),
    },
    log,
  );
  return join(bin, 'temporal');
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

export interface GoBuild {
  /** What is built, for messages ("the Temporal CLI"). */
  what: string;
  /** Main packages with their module's version (`path@version`); each binary is named after its package. */
  commands: string[];
  /** Dependencies built at these versions (`module@version`) instead of the ones the commands' modules name. */
  pinnedDependencies?: string[];
  /** Where the binaries land. */
  bin: string;
  /** What to do instead when Go is missing or the build fails. */
  fix: string;
  makeError(message: string): Error;
}

/**
 * Builds pure-Go commands into a cache folder, with progress lines (first build: several minutes). The build runs in
 * a scratch module that requires the commands' modules, so that a dependency can be pinned, which `go install
 * path@version` cannot do.
 */
export async function goBuild(build: GoBuild, log: (line: string) => void): Promise<void> {
  if (spawnSync('go', ['version']).status !== 0) {
    throw build.makeError(
      `${capitalized(build.what)} was not found and Go is not installed to build it: install Go 1.25+ or ${build.fix}.`,
    );
  }
  mkdirSync(build.bin, { recursive: true });
  const pinned = build.pinnedDependencies ?? [];
  log(
    `Building ${build.what} (${[...build.commands, ...pinned].join(' ')}) into ${build.bin}; the first build takes a few minutes…`,
  );
  const startedAt = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'qzs-go-build-'));
  const go = (args: string[]) => runGo(args, scratch, build);
  try {
    writeFileSync(join(scratch, 'go.mod'), 'module qzsync.local/build\n\ngo 1.25\n');
    const packages = build.commands.map((command) => command.slice(0, command.lastIndexOf('@')));
    const building = go(['get', ...build.commands, ...pinned]).then(() =>
      go(['build', '-ldflags=-s -w', '-o', `${build.bin}/`, ...packages]),
    );
    await withProgress(log, `building ${build.what}`, building);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`${capitalized(build.what)} built in ${Math.round((Date.now() - startedAt) / 1000)} s.`);
}

function runGo(args: string[], cwd: string, build: GoBuild): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawnSupervised('go', args, {
      cwd,
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
      stderr: 'pipe',
    }).process;
    const stderr = outputKeeper();
    child.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            build.makeError(
              `go ${args[0]} of ${build.what} failed (exit ${code}): check that Go 1.25+ can reach the Go module proxy, or ${build.fix}\n${stderr.text()}`,
            ),
          ),
    );
  });
}
