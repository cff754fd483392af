import { z } from 'zod';
import type { Store } from '../store.js';
import { ConnectionNotFoundError, type Connection } from '../../storage/repositories/connections.js';
import type { CredentialStatus } from '../credential-status.js';
import { systemCredentials } from '../system-credentials.js';

/**
 * Zuper's credentials: the API key and the secret its webhooks carry, each sealed; the company and its data centre's
 * API address in clear, still shown once disconnected. Its webhooks are addressed to the connection: no lookup key.
 */
export const zuperCredentials = systemCredentials({
  system: 'zuper',
  secrets: z.object({ apiKey: z.string(), webhookSecret: z.string() }),
  details: z.object({ company: z.string().optional(), apiUrl: z.string().optional() }),
  keptWhenDisconnected: ['company', 'apiUrl'],
});

type CredentialStore = Pick<Store, 'credentials'>;

/** The Zuper company and API address the connection was connected to, if ever. */
export const zuperAccountOf = (connection: Connection): { company: string | null; apiUrl: string | null } => {
  const details = zuperCredentials.detailsOf(connection);
  return { company: details?.company ?? null, apiUrl: details?.apiUrl ?? null };
};

export const saveZuperKey = (
  store: CredentialStore,
  connectionId: string,
  account: { company: string; apiUrl: string; apiKey: string; webhookSecret: string },
) =>
  zuperCredentials.save(store, connectionId, {
    lookupKey: null,
    details: { company: account.company, apiUrl: account.apiUrl },
    secrets: { apiKey: account.apiKey, webhookSecret: account.webhookSecret },
  });

/** The API address, key and webhook secret; throws ConnectionNotFoundError when Zuper is not connected. */
export async function loadZuperKey(
  store: CredentialStore,
  connectionId: string,
): Promise<{ apiUrl: string; apiKey: string; webhookSecret: string }> {
  const { details, secrets } = await zuperCredentials.open(store, connectionId);
  if (!details.apiUrl) throw new ConnectionNotFoundError(`connection "${connectionId}" has no Zuper API address`);
  return { apiUrl: details.apiUrl, ...secrets };
}

/** A Zuper key does not expire: the connection is connected to its company, or not. */
export function zuperKeyStatus(connection: Connection): CredentialStatus {
  const { company } = zuperAccountOf(connection);
  const connected = zuperCredentials.isConnected(connection);
  return {
    level: connected ? 'ok' : 'not-connected',
    account: connected ? company : null,
    expiresAt: null,
    daysLeft: null,
    renewedAt: null,
    message: connected
      ? `Connected to Zuper company "${company ?? '?'}" with an API key, which does not expire.`
      : `Zuper is not connected: \`qzsync connect zuper ${connection.id}\`.`,
  };
}
