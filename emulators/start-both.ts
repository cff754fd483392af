import { join } from 'node:path';
import { startQboEmulator, type RunningQboEmulator } from './qbo/index.js';
import { startZuperEmulator, type RunningZuperEmulator } from './zuper/index.js';

export interface RunningEmulators {
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  close(): Promise<void>;
}

/**
 * Where the emulators keep their companies inside the data folder (`npm start` and `npm run emulators` share it); the
 * QuickBooks Desktop company file of `DEMO_ACCOUNTING=qbd npm start` is kept beside them.
 */
export function emulatorStateFiles(dataDir: string): { qbo: string; zuper: string; qbd: string } {
  const folder = join(dataDir, 'emulators');
  return { qbo: join(folder, 'qbo.json'), zuper: join(folder, 'zuper.json'), qbd: join(folder, 'qbd.json') };
}

// A fresh seed per start: event and record ids must not repeat those a previous run delivered to the service.
const freshSeed = () => Math.floor(Math.random() * 2 ** 31);

/** The Zuper emulator alone (the QuickBooks Desktop demo's field side), persisting to `dataDir` when one is given. */
export function startZuperAlone(port: number, dataDir?: string, seed = freshSeed()): Promise<RunningZuperEmulator> {
  return startZuperEmulator({
    port,
    seed,
    ...(dataDir === undefined ? {} : { stateFile: emulatorStateFiles(dataDir).zuper }),
  });
}

/** Both emulators on their configured ports (0 picks free ones), persisting to `dataDir` when one is given. */
export async function startEmulators(ports: {
  qbo: number;
  zuper: number;
  dataDir?: string;
}): Promise<RunningEmulators> {
  const seed = freshSeed();
  const files = ports.dataDir === undefined ? null : emulatorStateFiles(ports.dataDir);
  const qbo = await startQboEmulator({ port: ports.qbo, seed, ...(files ? { stateFile: files.qbo } : {}) });
  const zuper = await startZuperAlone(ports.zuper, ports.dataDir, seed).catch(async (error: unknown) => {
    await qbo.close();
    throw error;
  });
  return {
    qbo,
    zuper,
    async close() {
      await Promise.all([qbo.close(), zuper.close()]);
    },
  };
}
