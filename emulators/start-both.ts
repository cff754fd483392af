import { startQboEmulator, type RunningQboEmulator } from './qbo/index.js';
import { startZuperEmulator, type RunningZuperEmulator } from './zuper/index.js';

export interface RunningEmulators {
  qbo: RunningQboEmulator;
  zuper: RunningZuperEmulator;
  close(): Promise<void>;
}

/** Both emulators on their configured ports (0 picks free ones). */
export async function startEmulators(ports: { qbo: number; zuper: number }): Promise<RunningEmulators> {
  const qbo = await startQboEmulator({ port: ports.qbo });
  const zuper = await startZuperEmulator({ port: ports.zuper });
  return {
    qbo,
    zuper,
    async close() {
      await Promise.all([qbo.close(), zuper.close()]);
    },
  };
}
