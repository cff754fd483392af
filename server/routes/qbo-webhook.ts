import type { FastifyPluginCallback } from 'fastify';
import type { Connection } from '../../storage/repositories/connections.js';
import { serverDefaults } from '../server-options.js';
import { answerHandOff, handOff } from '../webhooks/hand-off.js';
import { verifyIntuitSignature } from '../webhooks/intuit-signature.js';
import { parseJsonBody } from '../webhooks/json-body.js';
import { invalidPayload, recordOutcome, reject, rejections } from '../webhooks/outcome.js';
import { classifyQboEvents } from '../webhooks/qbo-classify.js';
import { parseQboPayload } from '../webhooks/qbo-payload.js';
import type { WebhookDeps } from '../webhooks/webhook-deps.js';
import { webhookScope } from '../webhooks/webhook-scope.js';

/** `POST /webhooks/qbo`: Intuit's entity-change notifications, legacy or CloudEvents (docs/qbo-behaviour.md, "Webhooks"). */
export function qboWebhookRoute(deps: WebhookDeps): FastifyPluginCallback {
  return (instance, _options, done) => {
    webhookScope(instance, 'qbo');
    instance.post('/webhooks/qbo', { bodyLimit: serverDefaults.qboBodyLimitBytes }, async (request, reply) => {
      const log = request.log;
      if (!deps.qboVerifierToken) return reject(log, reply, 'qbo', rejections.notConfigured);
      const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
      const signature = request.headers['intuit-signature'];
      if (typeof signature !== 'string' || signature === '') {
        return reject(log, reply, 'qbo', rejections.missingSignature);
      }
      if (!verifyIntuitSignature(raw, signature, deps.qboVerifierToken)) {
        return reject(log, reply, 'qbo', rejections.badSignature);
      }
      const json = parseJsonBody(raw);
      if (!json) return reject(log, reply, 'qbo', rejections.malformedJson);
      const parsed = parseQboPayload(json.value);
      if (!parsed.ok) return reject(log, reply, 'qbo', invalidPayload(parsed.error));

      const { events, unrecognised, invalid } = parsed.payload;
      const realms = new Map<string, Connection | null>();
      for (const realmId of new Set(events.map((e) => e.realmId))) {
        realms.set(realmId, await deps.ctx.store.connections.findByRealm(realmId));
      }
      const { toHandOff, ignored } = classifyQboEvents(events, realms, deps.now(), serverDefaults.replayWindowMs);
      for (const connectionId of new Set(toHandOff.map((h) => h.connectionId))) {
        if (!(await deps.buckets.take(`qbo:${connectionId}`))) {
          void reply.header('retry-after', String(deps.retryAfterSeconds));
          return reject(log, reply, 'qbo', rejections.rateLimited, { connectionId });
        }
      }

      // Refused alone: Intuit would resend a rejected POST forever, and the other events in it are good.
      for (const refused of invalid) {
        recordOutcome(log, 'qbo', 'invalid_event', refused, `refused: ${refused.reason}`, 'warn');
      }
      for (const u of unrecognised) {
        recordOutcome(log, 'qbo', 'unrecognised_type', u, 'ignored: not a QBO entity event type');
      }
      // Unknown realms are answered 200 like the rest: Intuit signs for every company the app is connected to, so a
      // realm no connection here owns (disconnected through the CLI, or served by another deployment of the same app)
      // is not a faulty delivery. A 4xx would make Intuit resend the whole batch, other realms' events included,
      // and an endpoint that keeps failing is eventually disabled for every connection.
      for (const { event, outcome, reason } of ignored) {
        const fields = { realmId: event.realmId, entity: event.entity, deliveryId: event.deliveryId };
        recordOutcome(log, 'qbo', outcome, fields, `ignored: ${reason}`);
      }
      const result = await handOff(
        deps.handOff,
        request,
        'qbo',
        toHandOff.map(({ event, connectionId }) => ({
          connectionId,
          deliveryId: event.deliveryId,
          change: { connectionId, entity: event.entity, entityId: event.entityId, operation: event.operation },
        })),
      );
      return answerHandOff(reply, result, ignored.length + unrecognised.length + invalid.length);
    });
    done();
  };
}
