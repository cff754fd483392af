import { startQboEmulator, type RunningQboEmulator } from './qbo/index.js';
import { startZuperEmulator, type RunningZuperEmulator } from './zuper/index.js';

export interface RunningEmulators {
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  close(): Promise<void>;
}

/** Both emulators on their configured ports (0 picks free ones). */
export async function startEmulators(ports: { qbo: number; zuper: number }): Promise<RunningEmulators> {
  // A fresh seed per start: event and record ids must not repeat those a previous run delivered to the service.
  const seed = Math.floor(Math.random() * 2 ** 31);
  const qbo = await startQboEmulator({ port: ports.qbo, seed });
  const zuper = await startZuperEmulator({ port: ports.zuper, seed });
  return {
    qbo,
    zuper,
    async close() {
      await Promise.all([qbo.close(), zuper.close()]);
    },
  };
}
