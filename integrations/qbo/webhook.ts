import type { Connection } from '../../storage/repositories/connections.js';
import { connectionOfRealm } from './credentials.js';
import type { AppWebhook, PassedOverEvent } from '../port.js';
import type { QboChange } from './announced-change.js';
import { classifyQboEvents } from './webhook-events.js';
import { parseQboPayload } from './webhook-payload.js';
import { verifyIntuitSignature } from './webhook-signature.js';

/**
 * Intuit's entity-change notifications, legacy or CloudEvents (docs/qbo-behaviour.md, "Webhooks"), addressed to the
 * app and signed with its verifier token: one POST carries the events of every company the app is connected to, each
 * found by its realm.
 */
export const qboWebhook: AppWebhook = {
  system: 'qbo',
  addressedTo: 'app',
  secretHeader: 'intuit-signature',
  // Intuit batches up to about 100 events and about 1 MB per POST (docs/qbo-behaviour.md, "Webhook payloads and
  // delivery"): a smaller limit would refuse real deliveries, and every refused retry brings Intuit closer to
  // disabling the endpoint.
  bodyLimitBytes: 1024 * 1024,
  keySetting: 'QBO_WEBHOOK_VERIFIER_TOKEN',
  signingKey: (env) => env.QBO_WEBHOOK_VERIFIER_TOKEN,
  verify: verifyIntuitSignature,
  async sort(body, { store, now, replayWindowMs }) {
    const parsed = parseQboPayload(body);
    if (!parsed.ok) return parsed;
    const { events, unrecognised, invalid } = parsed.payload;
    const realms = new Map<string, Connection | null>();
    for (const realmId of new Set(events.map((e) => e.realmId))) {
      const connectionId = await connectionOfRealm(store, realmId);
      realms.set(realmId, connectionId === null ? null : await store.connections.find(connectionId));
    }
    const { toHandOff, ignored } = classifyQboEvents(events, realms, now, replayWindowMs);
    const passedOver: PassedOverEvent[] = [
      // Refused alone: Intuit would resend a rejected POST forever, and the other events in it are good.
      ...invalid.map((refused): PassedOverEvent => ({
        outcome: 'invalid_event',
        message: `refused: ${refused.reason}`,
        level: 'warn',
        fields: refused,
      })),
      ...unrecognised.map((u): PassedOverEvent => ({
        outcome: 'unrecognised_type',
        message: 'ignored: not a QBO entity event type',
        level: 'info',
        fields: u,
      })),
      // Unknown realms are passed over like the rest: Intuit signs for every company the app is connected to, so a
      // realm no connection here owns (disconnected through the CLI, or served by another deployment of the same app)
      // is not a faulty delivery. A 4xx would make Intuit resend the whole batch, other realms' events included,
      // and an endpoint that keeps failing is eventually disabled for every connection.
      ...ignored.map(({ event, outcome, reason }): PassedOverEvent => ({
        outcome,
        message: `ignored: ${reason}`,
        level: 'info',
        fields: { realmId: event.realmId, entity: event.entity, deliveryId: event.deliveryId },
      })),
    ];
    return {
      ok: true,
      toHandOff: toHandOff.map(({ event, connectionId }) => {
        const change: QboChange = {
          connectionId,
          entity: event.entity,
          entityId: event.entityId,
          operation: event.operation,
        };
        return { connectionId, deliveryId: event.deliveryId, change };
      }),
      passedOver,
    };
  },
};
