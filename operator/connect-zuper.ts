import type { AppContext } from '../service/context.js';
import { createZuperClient, type ZuperClient } from '../integrations/zuper/client.js';
import { discoverZuperApiUrl } from '../integrations/zuper/discovery.js';
import type { ZuperConnected } from './contract/connect.js';
import { removeZuperWebhooks } from './remove-zuper-webhooks.js';
import { zuperWebhookEvents, zuperWebhookUrl } from './zuper-webhooks.js';
import { zuperWebhookName } from '../integrations/zuper/webhook-names.js';
import { newZuperWebhookSecret, zuperSecretHeader } from '../integrations/zuper/webhook-secret.js';

export interface ConnectZuperInput {
  /** The company name typed on Zuper's login page; finds the data centre. */
  company: string;
  apiKey: string;
  /** Skips discovery (`https://<dc>.zuperpro.com/api`). */
  apiUrl?: string | undefined;
}

/**
 * Connects a Zuper company: finds its data centre, proves the key with a read, stores the key and a fresh webhook
 * secret sealed, and registers the product and invoice webhooks (replacing any registered before) that carry the
 * secret in a header the webhook route checks.
 */
export async function connectZuper(
  ctx: AppContext,
  connectionId: string,
  input: ConnectZuperInput,
): Promise<ZuperConnected> {
  const connection = await ctx.store.connections.get(connectionId);
  const apiUrl =
    input.apiUrl?.replace(/\/+$/, '') ??
    (await discoverZuperApiUrl({ accountsUrl: ctx.env.ZUPER_ACCOUNTS_URL, companyLoginName: input.company }));
  const zuper = createZuperClient({ apiBaseUrl: apiUrl, apiKey: input.apiKey });
  await zuper.listProducts({ page: 1, count: 1 });

  const url = zuperWebhookUrl(ctx.env, connectionId);
  let replaced = await removeZuperWebhooks(zuper, connectionId, url);
  if (connection.hasZuperKey) replaced += await removeFromPreviousCompany(ctx, connectionId, url, apiUrl, input.apiKey);

  const webhookSecret = newZuperWebhookSecret();
  // Saved before registering, so the first delivery already finds the secret it carries.
  await ctx.store.connections.saveZuper(connectionId, input.company, apiUrl, input.apiKey, webhookSecret);
  ctx.clients.forget(connectionId);
  const webhooks: ZuperConnected['webhooks'] = [];
  for (const { module, event } of zuperWebhookEvents) {
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
  ctx: AppContext,
  connectionId: string,
  url: string,
  apiUrl: string,
  apiKey: string,
): Promise<number> {
  const previous = await ctx.store.connections.loadZuper(connectionId);
  if (previous.apiUrl === apiUrl && previous.apiKey === apiKey) return 0;
  const old: ZuperClient = createZuperClient({ apiBaseUrl: previous.apiUrl, apiKey: previous.apiKey });
  try {
    return await removeZuperWebhooks(old, connectionId, url);
  } catch {
    return 0;
  }
}
