import type { AppContext } from '../service/context.js';
import { createZuperClient } from '../integrations/zuper/client.js';
import type { Disconnected } from './contract/connect.js';
import { describeError } from './describe-error.js';
import { conflict } from './errors.js';
import { removeZuperWebhooks } from './remove-zuper-webhooks.js';
import { zuperWebhookUrl } from './zuper-webhooks.js';

/** Deletes the webhooks this service registered in Zuper, then forgets the API key and webhook secret. */
export async function disconnectZuper(ctx: AppContext, connectionId: string): Promise<Disconnected> {
  const connection = await ctx.store.connections.get(connectionId);
  if (!connection.hasZuperKey) {
    throw conflict('zuper_not_connected', `Connection "${connectionId}" is not connected to Zuper.`);
  }
  const { apiUrl, apiKey } = await ctx.store.connections.loadZuper(connectionId);
  const done: string[] = [];
  const warnings: string[] = [];
  try {
    const removed = await removeZuperWebhooks(
      createZuperClient({ apiBaseUrl: apiUrl, apiKey }),
      connectionId,
      zuperWebhookUrl(ctx.env, connectionId),
    );
    done.push(`${removed} Zuper webhook${removed === 1 ? '' : 's'} removed`);
  } catch (error) {
    warnings.push(
      `The webhooks could not be removed from Zuper (${describeError(error)}). Delete the ones named "qzsync:${connectionId}:…" under Settings → Developer Hub → Webhooks; deliveries are refused meanwhile.`,
    );
  }
  await ctx.store.connections.clearZuper(connectionId);
  ctx.clients.forget(connectionId);
  done.push('API key and webhook secret deleted from this service');
  return { connectionId, system: 'zuper', done, warnings };
}
