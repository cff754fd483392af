import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { connectionIdSchema } from '../../domain/input-rules.js';
import { zuperSecretHeader } from '../../integrations/zuper/webhook-secret.js';
import { ConnectionNotFoundError } from '../../storage/repositories/connections.js';
import { serverDefaults } from '../server-options.js';
import { constantTimeEqual } from '../webhooks/constant-time-equal.js';
import { zuperDeliveryId } from '../webhooks/delivery-id.js';
import { answerHandOff, handOff } from '../webhooks/hand-off.js';
import { parseJsonBody } from '../webhooks/json-body.js';
import { recordOutcome, reject, rejections } from '../webhooks/outcome.js';
import type { WebhookDeps } from '../webhooks/webhook-deps.js';
import { webhookScope } from '../webhooks/webhook-scope.js';
import { parseZuperPayload, type ZuperPayloadRefusal } from '../webhooks/zuper-payload.js';
import { metrics } from '../../observability/metrics.js';

/** Shape errors are 400; a well-formed body the sync will not act on (unknown key, too old) is 422. */
const refusalStatus: Record<ZuperPayloadRefusal, number> = {
  invalid_payload: 400,
  missing_uid: 400,
  invalid_workflow_builder: 400,
  unknown_event: 422,
  stale_delivery: 422,
};

const paramsSchema = z.object({ connectionId: connectionIdSchema });

/** `POST /webhooks/zuper/:connectionId`: Zuper product and invoice events for one connection. */
export function zuperWebhookRoute(deps: WebhookDeps): FastifyPluginCallback {
  return (instance, _options, done) => {
    webhookScope(instance, 'zuper');
    instance.post(
      '/webhooks/zuper/:connectionId',
      { bodyLimit: serverDefaults.zuperBodyLimitBytes },
      async (request, reply) => {
        const log = request.log;
        const params = paramsSchema.safeParse(request.params);
        const connection = params.success ? await deps.ctx.store.connections.find(params.data.connectionId) : null;
        if (!connection) return reject(log, reply, 'zuper', rejections.unknownConnection);
        const connectionId = connection.id;
        let webhookSecret: string;
        try {
          ({ webhookSecret } = await deps.ctx.store.connections.loadZuper(connectionId));
        } catch (err) {
          if (!(err instanceof ConnectionNotFoundError)) throw err;
          return reject(log, reply, 'zuper', rejections.zuperNotConnected, { connectionId });
        }
        const given = request.headers[zuperSecretHeader];
        if (typeof given !== 'string' || given === '') {
          return reject(log, reply, 'zuper', rejections.missingSecret, { connectionId });
        }
        if (!constantTimeEqual(given, webhookSecret)) {
          return reject(log, reply, 'zuper', rejections.badSecret, { connectionId });
        }
        // Limited after authentication, so nobody without the secret can use up a connection's budget.
        if (!(await deps.buckets.take(`zuper:${connectionId}`))) {
          void reply.header('retry-after', String(deps.retryAfterSeconds));
          return reject(log, reply, 'zuper', rejections.rateLimited, { connectionId });
        }
        const raw = request.body as Buffer | undefined;
        const json = parseJsonBody(raw);
        if (!json || !raw) return reject(log, reply, 'zuper', rejections.malformedJson, { connectionId });
        const parsed = parseZuperPayload(json.value, new Date());
        if (!parsed.ok) {
          const refusal = { status: refusalStatus[parsed.reason], outcome: parsed.reason, message: parsed.error };
          return reject(log, reply, 'zuper', refusal, { connectionId });
        }
        const deliveryId = zuperDeliveryId(connectionId, raw);
        const { delivery } = parsed;
        if (delivery.kind === 'ignored') {
          metrics.zuperIgnoredEvents.inc({ event: delivery.event });
          const fields = { connectionId, deliveryId, event: delivery.event };
          recordOutcome(log, 'zuper', 'ignored_event', fields, 'ignored: the sync does not need this event');
          return answerHandOff(reply, { stored: true, accepted: 0, duplicates: 0 }, 1);
        }
        const { event, productUid, invoiceUid } = delivery.event;
        const result = await handOff(deps.handOff, request, 'zuper', [
          { connectionId, deliveryId, change: { connectionId, event, productUid, invoiceUid } },
        ]);
        return answerHandOff(reply, result, 0);
      },
    );
    done();
  };
}
