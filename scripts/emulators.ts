import { loadEnv } from '../config/env.js';
import { ensurePortsFree } from './ports.js';
import { emulatorStateFiles, startEmulators } from '../emulators/start-both.js';

/**
 * `npm run emulators`: both emulators on QBO_EMULATOR_PORT and ZUPER_EMULATOR_PORT, keeping their companies in the data
 * folder as `npm start` does; admin APIs under /__admin/. `npm start` with EMULATORS=external attaches to them.
 */
try {
  const env = loadEnv();
  const local = '127.0.0.1';
  await ensurePortsFree(
    [
      { host: local, port: env.QBO_EMULATOR_PORT, what: 'the QuickBooks emulator', setting: 'QBO_EMULATOR_PORT' },
      { host: local, port: env.ZUPER_EMULATOR_PORT, what: 'the Zuper emulator', setting: 'ZUPER_EMULATOR_PORT' },
    ],
    env.DATA_DIR,
  );
  const emulators = await startEmulators({
    qbo: env.QBO_EMULATOR_PORT,
    zuper: env.ZUPER_EMULATOR_PORT,
    dataDir: env.DATA_DIR,
  });
  const files = emulatorStateFiles(env.DATA_DIR);
  process.stdout.write(
    [
      `QuickBooks Online emulator: ${emulators.qbo.baseUrl}  (API /v3/company/{realmId}/…, OAuth /connect/oauth2, admin /__admin/; see emulators/qbo/README.md)`,
      `Zuper emulator:             ${emulators.zuper.baseUrl}  (discovery POST /api/config, API /api/…, admin /__admin/; see emulators/zuper/README.md)`,
      `Companies are kept in ${files.qbo} and ${files.zuper}.`,
      'Run the service beside them with EMULATORS=external npm start. Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => void emulators.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
