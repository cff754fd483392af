import type { ActivityDeps } from '../deps.js';
import type { StoredDelivery } from '../../storage/repositories/webhook-deliveries.js';

/** The deliveries of one intake batch, from the outbox where the webhook intake stored them. */
export async function loadIntakeBatch(deps: ActivityDeps, batchId: string): Promise<StoredDelivery[]> {
  return deps.store.webhookDeliveries.batch(batchId);
}
