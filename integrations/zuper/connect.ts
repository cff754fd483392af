import type { SystemConnecting, SystemDisconnection } from '../connection-credentials.js';
import { createZuperClient, type ZuperClient } from './client.js';
import { discoverZuperApiUrl } from './discovery.js';
import { zuperSubscriptions } from './events.js';
import { zuperWebhookName } from './webhook-names.js';
import { newZuperWebhookSecret, zuperSecretHeader } from './webhook-secret.js';
import { removeZuperWebhooks, zuperWebhookUrl } from './webhook-subscriptions.js';
import { loadZuperKey, saveZuperKey, zuperCredentials } from './credentials.js';

export interface ConnectZuperInput {
  /** The company name typed on Zuper's login page; finds the data centre. */
  company: string;
  apiKey: string;
  /** Skips discovery (`https://<dc>.zuperpro.com/api`). */
  apiUrl?: string | undefined;
}

export interface ZuperConnection {
  connectionId: string;
  company: string;
  apiUrl: string;
  webhookUrl: string;
  webhooks: { uid: string; event: string }[];
  /** Webhooks of an earlier connect that were removed. */
  replaced: number;
}

/**
 * Connects a Zuper company: finds its data centre, proves the key with a read, stores the key and a fresh webhook
 * secret sealed, and registers the product and invoice webhooks (replacing any registered before) that carry the
 * secret in a header the webhook route checks.
 */
export async function connectZuper(
  deps: SystemConnecting,
  connectionId: string,
  input: ConnectZuperInput,
): Promise<ZuperConnection> {
  const connection = await deps.store.connections.get(connectionId);
  const apiUrl =
    input.apiUrl?.replace(/\/+$/, '') ??
    (await discoverZuperApiUrl({ accountsUrl: deps.env.ZUPER_ACCOUNTS_URL, companyLoginName: input.company }));
  const zuper = createZuperClient({ apiBaseUrl: apiUrl, apiKey: input.apiKey });
  await zuper.listProducts({ page: 1, count: 1 });

  const url = zuperWebhookUrl(deps.env, connectionId);
  let replaced = await removeZuperWebhooks(zuper, connectionId, url);
  if (zuperCredentials.isConnected(connection))
    replaced += await removeFromPreviousCompany(deps, connectionId, url, apiUrl, input.apiKey);

  const webhookSecret = newZuperWebhookSecret();
  // Saved before registering, so the first delivery already finds the secret it carries.
  await saveZuperKey(deps.store, connectionId, { company: input.company, apiUrl, apiKey: input.apiKey, webhookSecret });
  deps.clients.forget(connectionId);
  const webhooks: ZuperConnection['webhooks'] = [];
  for (const { module, event } of zuperSubscriptions) {
    const uid = await zuper.createWebhook({
      name: zuperWebhookName(connectionId, event),
      event,
      module,
      url,
      headers: { [zuperSecretHeader]: webhookSecret },
    });
    webhooks.push({ uid, event });
  }
  return { connectionId, company: input.company, apiUrl, webhookUrl: url, webhooks, replaced };
}

/** A reconnect to another company or with another key: best effort, the old key may already be revoked. */
async function removeFromPreviousCompany(
  deps: SystemConnecting,
  connectionId: string,
  url: string,
  apiUrl: string,
  apiKey: string,
): Promise<number> {
  const previous = await loadZuperKey(deps.store, connectionId);
  if (previous.apiUrl === apiUrl && previous.apiKey === apiKey) return 0;
  const old: ZuperClient = createZuperClient({ apiBaseUrl: previous.apiUrl, apiKey: previous.apiKey });
  try {
    return await removeZuperWebhooks(old, connectionId, url);
  } catch {
    return 0;
  }
}

/** Deletes the webhooks this service registered in Zuper, then forgets the API key and webhook secret. */
export const zuperDisconnection: SystemDisconnection = {
  isConnected: (connection) => zuperCredentials.isConnected(connection),
  async prepareRelease(deps, connectionId) {
    const { apiUrl, apiKey } = await loadZuperKey(deps.store, connectionId);
    return async () => {
      const removed = await removeZuperWebhooks(
        createZuperClient({ apiBaseUrl: apiUrl, apiKey }),
        connectionId,
        zuperWebhookUrl(deps.env, connectionId),
      );
      return `${removed} Zuper webhook${removed === 1 ? '' : 's'} removed`;
    };
  },
  unreleased: (why, connectionId) =>
    `The webhooks could not be removed from Zuper (${why}). Delete the ones named "qzsync:${connectionId}:…" under Settings → Developer Hub → Webhooks; deliveries are refused meanwhile.`,
  clear: (store, connectionId) => zuperCredentials.clear(store, connectionId),
  cleared: 'API key and webhook secret deleted from this service',
};
