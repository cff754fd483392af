import { z } from 'zod';
import type { Store } from '../store.js';
import type { Connection } from '../../storage/repositories/connections.js';
import { withdrawConnectionWork } from './storage/queue.js';
import type { CredentialStatus } from '../credential-status.js';
import { systemCredentials } from '../system-credentials.js';

/**
 * QuickBooks Desktop's credentials: the Web Connector login the service issues, its password sealed, found by its
 * username when the Web Connector authenticates.
 */
export const qbdCredentials = systemCredentials({
  system: 'qbd',
  secrets: z.object({ password: z.string() }),
  details: z.object({}),
});

type CredentialStore = Pick<Store, 'credentials'>;

/** Gives the connection a Web Connector login, which makes QuickBooks Desktop its accounting system. */
export const saveQbdLogin = (store: CredentialStore, connectionId: string, username: string, password: string) =>
  qbdCredentials.save(
    store,
    connectionId,
    { lookupKey: username, details: {}, secrets: { password } },
    {
      side: 'accounting',
    },
  );

/** The connection a Web Connector username belongs to, with its password; null for an unknown username. */
export async function findQbdLogin(
  store: CredentialStore,
  username: string,
): Promise<{ connectionId: string; password: string } | null> {
  const connectionId = await qbdCredentials.connectionOf(store, username);
  if (connectionId === null) return null;
  const { secrets } = await qbdCredentials.open(store, connectionId);
  return { connectionId, password: secrets.password };
}

/**
 * Forgets the connection's Web Connector login (its username is then unknown to the Web Connector endpoint) and, in
 * the same transaction, ends its open sessions and withdraws its requests still queued or sent. QuickBooks Desktop
 * stays the accounting system, so reconnecting gives the same connection a new login.
 */
export const clearQbdLogin = (store: CredentialStore, connectionId: string) =>
  qbdCredentials.clear(store, connectionId, { alongside: (tx) => withdrawConnectionWork(tx, connectionId) });

/**
 * QuickBooks Desktop is reached when its Web Connector polls with the login this service keeps, which does not expire:
 * the login is stored, or not.
 */
export function qbdLoginStatus(connection: Connection): CredentialStatus {
  const base = { expiresAt: null, daysLeft: null, renewedAt: null };
  return qbdCredentials.isConnected(connection)
    ? {
        ...base,
        level: 'ok',
        account: qbdCredentials.lookupKeyOf(connection),
        message: `QuickBooks Desktop, reached when its Web Connector polls with the login this service keeps; \`qzsync connect qbd ${connection.id}\` makes a new login and .qwc file.`,
      }
    : {
        ...base,
        level: 'not-connected',
        account: null,
        message: `QuickBooks Desktop is not connected: \`qzsync connect qbd ${connection.id}\` makes its Web Connector login and .qwc file.`,
      };
}
