import type { AppContext } from '../service/context.js';
import { connectWithIssuedLogin } from '../integrations/connection-credentials.js';
import { startWatchAfterConnect } from '../service/watch-after-connect.js';
import { createQbdEmulator, type QbdEmulator, type WebConnectorSimulator } from '../emulators/qbd/index.js';

/** The Web Connector's run interval as the .qwc gives it (RunEveryNSeconds): the usual minute. */
export const QBD_POLL_NOMINAL_SECONDS = 60;

/**
 * Makes a connection a QuickBooks Desktop one as `qzsync connect qbd` does (a Web Connector login; the quantity watch
 * starts, reading QuickBooks Desktop at each session) and attaches the emulator's Web Connector to the service on
 * `httpPort`, its clock scaled so that the nominal minute between sessions lasts `pollRealSeconds`. Not started:
 * `connector.start()` runs its schedule.
 */
export async function connectEmulatedQbd(
  ctx: AppContext,
  connectionId: string,
  options: { httpPort: number; pollRealSeconds: number; log: (line: string) => void },
): Promise<{ emulator: QbdEmulator; connector: WebConnectorSimulator }> {
  const emulator = createQbdEmulator({ timeScale: QBD_POLL_NOMINAL_SECONDS / options.pollRealSeconds });
  // The Web Connector runs on this machine: plain HTTP is what it allows for localhost alone.
  const appUrl = `http://localhost:${options.httpPort}/qbwc`;
  const login = await connectWithIssuedLogin(ctx, connectionId, {
    appUrl,
    runEverySeconds: QBD_POLL_NOMINAL_SECONDS,
  });
  await startWatchAfterConnect(ctx, connectionId, { warn: (_details, message) => options.log(message) });
  ctx.clients.forget(connectionId);
  const connector = emulator.connectWebConnector({
    appUrl: login.appUrl,
    userName: login.username,
    password: login.password,
    runEveryNSeconds: QBD_POLL_NOMINAL_SECONDS,
  });
  return { emulator, connector };
}
