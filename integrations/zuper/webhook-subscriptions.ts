import type { Env } from '../../config/env.js';
import { publicBaseUrl } from '../../config/public-url.js';
import type { ZuperClient } from './client.js';
import { zuperWebhookName } from './webhook-names.js';
import type { ZuperWebhook } from './webhooks.js';

/** Where Zuper delivers a connection's webhooks: the webhook route the server mounts for Zuper. */
export const zuperWebhookUrl = (env: Env, connectionId: string) =>
  `${publicBaseUrl(env)}/webhooks/zuper/${encodeURIComponent(connectionId)}`;

/** Ours: registered for this connection, by name or (after a base URL change) by the URL it points at. */
const isOurWebhook = (webhook: ZuperWebhook, connectionId: string, url: string) =>
  webhook.name.startsWith(zuperWebhookName(connectionId, '')) || webhook.url === url;

/** Deletes the webhooks this service registered for the connection; returns how many. */
export async function removeZuperWebhooks(zuper: ZuperClient, connectionId: string, url: string): Promise<number> {
  const ours = (await zuper.listWebhooks()).filter((w) => isOurWebhook(w, connectionId, url));
  for (const webhook of ours) await zuper.deleteWebhook(webhook.uid);
  return ours.length;
}
