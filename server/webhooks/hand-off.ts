import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookChange } from '../../integrations/port.js';
import type { Store } from '../../integrations/store.js';
import { errorMessage } from './error-message.js';
import { recordOutcome, type WebhookSource } from './outcome.js';
import { webhookTraceParent } from './request-span.js';

export interface HandOffDeps {
  store: Store;
}

export type HandOffResult = { stored: true; accepted: number; duplicates: number } | { stored: false };

/**
 * Stores a request's changes in the intake outbox in one statement, each with the request's trace parent, which
 * notifies every dispatcher (this process's and other replicas'); from there one of them hands the changes to
 * Temporal. A delivery id seen before is a duplicate and stores nothing. If the database does not take them, nothing
 * is stored and the caller answers 500, so the sender retries.
 */
export async function handOff(
  deps: HandOffDeps,
  request: FastifyRequest,
  source: WebhookSource,
  deliveries: WebhookChange[],
): Promise<HandOffResult> {
  const log = request.log;
  const traceParent = webhookTraceParent(request);
  let fresh: Set<string>;
  try {
    fresh = await deps.store.webhookDeliveries.accept(
      source,
      deliveries.map((d) => ({ ...d, traceParent })),
    );
  } catch (err) {
    for (const d of deliveries) {
      const fields = { connectionId: d.connectionId, deliveryId: d.deliveryId, error: errorMessage(err) };
      recordOutcome(log, source, 'store_failed', fields, 'could not record the delivery', 'error');
    }
    return { stored: false };
  }
  const accepted = fresh.size;
  for (const d of deliveries) {
    const fields = { connectionId: d.connectionId, deliveryId: d.deliveryId };
    // A delivery id repeated within one request is a duplicate from its second occurrence on.
    if (fresh.delete(d.deliveryId)) recordOutcome(log, source, 'accepted', fields, 'change stored for hand-off');
    else recordOutcome(log, source, 'duplicate', fields, 'duplicate delivery; nothing stored');
  }
  return { stored: true, accepted, duplicates: deliveries.length - accepted };
}

/** The answer to a webhook: 500 if its changes could not be stored (the sender retries), else a tally. */
export function answerHandOff(reply: FastifyReply, result: HandOffResult, ignored: number) {
  if (!result.stored) {
    return reply.code(500).send({ error: 'store_failed', message: 'the change could not be recorded; retry later' });
  }
  return reply.code(200).send({ accepted: result.accepted, duplicates: result.duplicates, ignored });
}
