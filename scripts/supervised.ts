import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const watchdog = fileURLToPath(new URL('./watchdog.js', import.meta.url));

export interface SupervisedProcess {
  /** The watchdog; its exit code is the command's. */
  process: ChildProcess;
  exited: Promise<number | null>;
  /** Ends the command's process group (SIGTERM, then SIGKILL after a grace period) and waits for it. */
  stop(): Promise<void>;
}

/**
 * Spawns `command` under the watchdog (scripts/watchdog.ts), so it and everything it starts end with this process,
 * even when this process is killed with SIGKILL. Standard output and error behave as with spawn(); standard input
 * is the watchdog's lifeline and cannot be used.
 */
export function spawnSupervised(
  command: string,
  args: string[],
  options: Omit<SpawnOptions, 'stdio' | 'detached'> & {
    stdout?: 'ignore' | 'inherit' | 'pipe';
    stderr?: 'ignore' | 'inherit' | 'pipe';
  } = {},
): SupervisedProcess {
  const { stdout = 'inherit', stderr = 'inherit', ...spawnOptions } = options;
  const child = spawn(process.execPath, [watchdog, command, ...args], {
    ...spawnOptions,
    stdio: ['pipe', stdout, stderr],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end();
      await exited;
    },
  };
}
