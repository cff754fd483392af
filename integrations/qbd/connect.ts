import { randomBytes } from 'node:crypto';
import { publicBaseUrl } from '../../config/public-url.js';
import { ConnectInputRefused, type SystemConnecting } from '../connection-credentials.js';
import { appUrlSchema, qwcFile } from './qwc.js';

export interface ConnectQbdInput {
  username?: string | undefined;
  /** Where the Web Connector reaches the service; defaults to PUBLIC_BASE_URL's /qbwc. */
  appUrl?: string | undefined;
  runEveryMinutes: number;
}

export interface QbdConnection {
  connectionId: string;
  username: string;
  /** Shown once: only its sealed form is kept. */
  password: string;
  appUrl: string;
  /** The .qwc file to open in the Web Connector. */
  qwc: string;
}

/**
 * Gives a connection a Web Connector login with a fresh password (sealed; shown only in this answer) and the .qwc file
 * that adds it to the Web Connector. Connecting again replaces the password; the .qwc file stays the same application.
 * QuickBooks Desktop sends no webhook: the caller starts the connection's quantity watch, which reads its changes at
 * each Web Connector session.
 */
export async function connectQbd(
  deps: SystemConnecting,
  connectionId: string,
  input: ConnectQbdInput,
): Promise<QbdConnection> {
  const connection = await deps.store.connections.get(connectionId);
  const appUrl = input.appUrl ?? `${publicBaseUrl(deps.env)}/qbwc`;
  if (!appUrlSchema.safeParse(appUrl).success) {
    throw new ConnectInputRefused(
      'invalid',
      'invalid_input',
      `appUrl: the Web Connector cannot reach ${appUrl}: it takes an https:// URL with a host name (http:// only for localhost).`,
      'Give the https address of /qbwc (qzsync connect qbd <id> --app-url https://…/qbwc), or set PUBLIC_BASE_URL.',
      'appUrl',
    );
  }
  const username = input.username ?? `qzsync-${connectionId}`;
  const holder = await deps.store.connections.findQbdLogin(username);
  if (holder && holder.connectionId !== connectionId) {
    throw new ConnectInputRefused(
      'taken',
      'qbd_username_taken',
      `The Web Connector username "${username}" belongs to another connection.`,
    );
  }
  const qwc = qwcFile({
    connectionId,
    displayName: connection.displayName,
    appUrl,
    username,
    runEveryMinutes: input.runEveryMinutes,
  });
  const password = randomBytes(18).toString('base64url');
  await deps.store.connections.saveQbd(connectionId, username, password);
  return { connectionId, username, password, appUrl, qwc };
}
