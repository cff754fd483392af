import type { ZuperClient } from '../integrations/zuper/client.js';
import { isOurWebhook } from './zuper-webhooks.js';

/** Deletes the webhooks this service registered for the connection; returns how many. */
export async function removeZuperWebhooks(zuper: ZuperClient, connectionId: string, url: string): Promise<number> {
  const ours = (await zuper.listWebhooks()).filter((w) => isOurWebhook(w, connectionId, url));
  for (const webhook of ours) await zuper.deleteWebhook(webhook.uid);
  return ours.length;
}
