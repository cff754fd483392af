import { createHash } from 'node:crypto';
import { metrics } from '../../observability/metrics.js';
import type { ConnectionWebhook } from '../port.js';
import type { ZuperChange } from './announced-change.js';
import { parseZuperPayload, type ZuperPayloadRefusal } from './webhook-payload.js';
import { loadZuperKey } from './credentials.js';
import { zuperSecretHeader } from './webhook-secret.js';

/** Shape errors are 400; a well-formed body the sync will not act on (unknown key, too old) is 422. */
const refusalStatus: Record<ZuperPayloadRefusal, number> = {
  invalid_payload: 400,
  missing_uid: 400,
  invalid_workflow_builder: 400,
  unknown_event: 422,
  stale_delivery: 422,
};

/** Zuper sends no event id, but its retries resend the same body, so the body's hash identifies the delivery. */
// Scoped to the connection: the same body sent to two connections is two deliveries, not a duplicate.
export const zuperDeliveryId = (connectionId: string, rawBody: Buffer) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${connectionId}\u0000`), rawBody]))
    .digest('hex');

/** Zuper's product and invoice events for one connection, carrying the secret `qzsync connect zuper` registered. */
export const zuperWebhook: ConnectionWebhook = {
  system: 'zuper',
  addressedTo: 'connection',
  secretHeader: zuperSecretHeader,
  bodyLimitBytes: 256 * 1024,
  storedSecret: async (store, connectionId) => (await loadZuperKey(store, connectionId)).webhookSecret,
  deliveryId: zuperDeliveryId,
  read(body, connectionId, now) {
    const parsed = parseZuperPayload(body, now);
    if (!parsed.ok) {
      return { kind: 'refused', status: refusalStatus[parsed.reason], outcome: parsed.reason, message: parsed.error };
    }
    const { delivery } = parsed;
    if (delivery.kind === 'ignored') {
      metrics.zuperIgnoredEvents.inc({ event: delivery.event });
      return delivery;
    }
    const { event, productUid, invoiceUid, transactionUid } = delivery.event;
    const change: ZuperChange = { connectionId, event, productUid, invoiceUid, transactionUid };
    return { kind: 'change', change };
  },
};
