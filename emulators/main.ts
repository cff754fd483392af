import { loadEnv } from '../config/env.js';
import { startEmulators } from './start-both.js';

/** `npm run emulators`: both emulators, empty, on QBO_EMULATOR_PORT and ZUPER_EMULATOR_PORT; admin APIs under /__admin/. */
try {
  const env = loadEnv();
  const emulators = await startEmulators({ qbo: env.QBO_EMULATOR_PORT, zuper: env.ZUPER_EMULATOR_PORT });
  process.stdout.write(
    [
      `QuickBooks Online emulator: ${emulators.qbo.baseUrl}  (API /v3/company/{realmId}/…, OAuth /connect/oauth2, admin /__admin/; see emulators/qbo/README.md)`,
      `Zuper emulator:             ${emulators.zuper.baseUrl}  (discovery POST /api/config, API /api/…, admin /__admin/; see emulators/zuper/README.md)`,
      'Press Ctrl-C to stop.',
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
