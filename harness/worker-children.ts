import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiBudgets } from '../integrations/rate-limiter.js';
import { childVars } from './service-env.js';
import { outputKeeper } from '../scripts/output-keeper.js';

const entry = fileURLToPath(new URL('./worker-process.js', import.meta.url));

export interface WorkerChild {
  pid: number;
  process: ChildProcess;
  /** The child's last stderr lines, for failure reports. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts one worker process with the benchmark's environment and waits until it polls its task queue. */
export async function startWorkerChild(
  env: Record<string, string>,
  options: { qboEmulatorUrl: string; budgets: ApiBudgets },
): Promise<WorkerChild> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, ...childVars(options.qboEmulatorUrl, options.budgets) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = outputKeeper(4000, 4000);
  child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker child did not start within 180 s:\n${stderr.text()}`)),
      180_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker child exited (${code}) before it was ready:\n${stderr.text()}`));
    });
  });
  return {
    pid: child.pid!,
    process: child,
    stderr: () => stderr.text(),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
