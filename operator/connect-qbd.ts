import { randomBytes } from 'node:crypto';
import type { AppContext } from '../service/context.js';
import { publicBaseUrl } from '../config/public-url.js';
import { appUrlSchema, qwcFile } from '../integrations/qbd/qwc.js';
import type { QbdConnected } from './contract/connect.js';
import { startWatchAfterConnect } from '../service/watch-after-connect.js';
import { conflict, OperatorError } from './errors.js';

export interface ConnectQbdInput {
  username?: string | undefined;
  /** Where the Web Connector reaches the service; defaults to PUBLIC_BASE_URL's /qbwc. */
  appUrl?: string | undefined;
  runEveryMinutes: number;
}

/**
 * Gives a connection a Web Connector login with a fresh password (sealed; shown only in this answer) and the .qwc file
 * that adds it to the Web Connector. Connecting again replaces the password; the .qwc file stays the same application.
 * The connection's quantity watch starts here: QuickBooks Desktop sends no webhook, so the watch reads its changes at
 * each Web Connector session.
 */
export async function connectQbd(
  ctx: AppContext,
  connectionId: string,
  input: ConnectQbdInput,
  log: { warn(details: object, message: string): void },
): Promise<QbdConnected> {
  const connection = await ctx.store.connections.get(connectionId);
  const appUrl = input.appUrl ?? `${publicBaseUrl(ctx.env)}/qbwc`;
  if (!appUrlSchema.safeParse(appUrl).success) {
    throw new OperatorError(
      400,
      'invalid_input',
      `appUrl: the Web Connector cannot reach ${appUrl}: it takes an https:// URL with a host name (http:// only for localhost).`,
      'Give the https address of /qbwc (qzsync connect qbd <id> --app-url https://…/qbwc), or set PUBLIC_BASE_URL.',
      'appUrl',
    );
  }
  const username = input.username ?? `qzsync-${connectionId}`;
  const holder = await ctx.store.connections.findQbdLogin(username);
  if (holder && holder.connectionId !== connectionId) {
    throw conflict('qbd_username_taken', `The Web Connector username "${username}" belongs to another connection.`);
  }
  const qwc = qwcFile({
    connectionId,
    displayName: connection.displayName,
    appUrl,
    username,
    runEveryMinutes: input.runEveryMinutes,
  });
  const password = randomBytes(18).toString('base64url');
  await ctx.store.connections.saveQbd(connectionId, username, password);
  await startWatchAfterConnect(ctx, connectionId, log);
  return { connectionId, username, password, appUrl, qwc };
}
