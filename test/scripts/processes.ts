import { eventually } from '../support/eventually.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { freePort } from '../../scripts/free-port.js';

/** Whether a process exists (a zombie awaiting its parent counts as gone). */
export function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

/** Every process below `pid`, from /proc: children, their children, and so on. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name before it may contain spaces.
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // Ended while we read.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Environment for `npm start` on free ports and a data folder of its own, with the emulators. */
export async function startEnv(dataDir: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    TEMPORAL_UI_PORT: String(await freePort()),
    HTTP_PORT: String(await freePort()),
    QBO_EMULATOR_PORT: String(await freePort()),
    ZUPER_EMULATOR_PORT: String(await freePort()),
    EMULATORS: 'on',
  };
}

export interface StartProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Runs dist/scripts/start.js as `npm start` does after its build. */
export function runStart(env: NodeJS.ProcessEnv): StartProcess {
  const child = spawn(process.execPath, ['dist/scripts/start.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

/** Waits until `npm start` says it is ready; a start that ends first fails at once with what it printed. */
export async function untilReady(start: StartProcess, timeoutMs: number): Promise<void> {
  const ready = eventually(start.stdout, (out) => out.includes('Press Ctrl-C to stop.'), timeoutMs);
  const ended = start.exited.then((code) => {
    throw new Error(`npm start ended (${code}) before it was ready:\n${start.stdout()}\n${start.stderr()}`);
  });
  await Promise.race([ready, ended]);
}

/**
 * `npm run emulators` (dist/scripts/emulators.js) with `env`, once it says it is ready. `stop` ends it and waits until
 * it is gone: the emulators save their state on the way out, so a data folder goes only after that.
 */
export async function runEmulatorsApart(env: NodeJS.ProcessEnv): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['dist/scripts/emulators.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  try {
    await eventually(
      () => out,
      (o) => o.includes('Press Ctrl-C'),
      30_000,
      'npm run emulators ready',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
