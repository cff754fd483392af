import { join } from 'node:path';
import { startQboEmulator, type RunningQboEmulator } from './qbo/index.js';
import { startZuperEmulator, type RunningZuperEmulator } from './zuper/index.js';

export interface RunningEmulators {
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  close(): Promise<void>;
}

/** Where the emulators keep their companies inside the data folder (`npm start` and `npm run emulators` share it). */
export function emulatorStateFiles(dataDir: string): { qbo: string; zuper: string } {
  return { qbo: join(dataDir, 'emulators', 'qbo.json'), zuper: join(dataDir, 'emulators', 'zuper.json') };
}

/** Both emulators on their configured ports (0 picks free ones), persisting to `dataDir` when one is given. */
export async function startEmulators(ports: {
  qbo: number;
  zuper: number;
  dataDir?: string;
}): Promise<RunningEmulators> {
  // A fresh seed per start: event and record ids must not repeat those a previous run delivered to the service.
  const seed = Math.floor(Math.random() * 2 ** 31);
  const files = ports.dataDir === undefined ? null : emulatorStateFiles(ports.dataDir);
  const qbo = await startQboEmulator({ port: ports.qbo, seed, ...(files ? { stateFile: files.qbo } : {}) });
  const zuper = await startZuperEmulator({
    port: ports.zuper,
    seed,
    ...(files ? { stateFile: files.zuper } : {}),
  }).catch(async (error: unknown) => {
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
