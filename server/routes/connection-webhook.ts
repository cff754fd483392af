import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { connectionIdSchema } from '../../domain/input-rules.js';
import { systemLabel } from '../../domain/systems.js';
import type { ConnectionWebhook } from '../../integrations/port.js';
import { ConnectionNotFoundError } from '../../storage/repositories/connections.js';
import { constantTimeEqual } from '../webhooks/constant-time-equal.js';
import { answerHandOff, handOff } from '../webhooks/hand-off.js';
import { parseJsonBody } from '../webhooks/json-body.js';
import { recordOutcome, reject, rejections, secretRejections } from '../webhooks/outcome.js';
import type { WebhookDeps } from '../webhooks/webhook-deps.js';
import { webhookScope } from '../webhooks/webhook-scope.js';

const paramsSchema = z.object({ connectionId: connectionIdSchema });

/** `POST /webhooks/<system>/:connectionId`: one system's events for one connection, authenticated by its secret. */
export function connectionWebhookRoute(deps: WebhookDeps, webhook: ConnectionWebhook): FastifyPluginCallback {
  const { system } = webhook;
  const refused = secretRejections(systemLabel(system), system, webhook.secretHeader);
  return (instance, _options, done) => {
    webhookScope(instance, system);
    instance.post(
      `/webhooks/${system}/:connectionId`,
      { bodyLimit: webhook.bodyLimitBytes },
      async (request, reply) => {
        const log = request.log;
        const params = paramsSchema.safeParse(request.params);
        const connection = params.success ? await deps.ctx.store.connections.find(params.data.connectionId) : null;
        if (!connection) return reject(log, reply, system, rejections.unknownConnection);
        const connectionId = connection.id;
        let webhookSecret: string;
        try {
          webhookSecret = await webhook.storedSecret(deps.ctx.store, connectionId);
        } catch (err) {
          if (!(err instanceof ConnectionNotFoundError)) throw err;
          return reject(log, reply, system, refused.notConnected, { connectionId });
        }
        const given = request.headers[webhook.secretHeader];
        if (typeof given !== 'string' || given === '') {
          return reject(log, reply, system, refused.missingSecret, { connectionId });
        }
        if (!constantTimeEqual(given, webhookSecret)) {
          return reject(log, reply, system, refused.badSecret, { connectionId });
        }
        // Limited after authentication, so nobody without the secret can use up a connection's budget.
        if (!(await deps.buckets.take(`${system}:${connectionId}`))) {
          void reply.header('retry-after', String(deps.retryAfterSeconds));
          return reject(log, reply, system, rejections.rateLimited, { connectionId });
        }
        const raw = request.body as Buffer | undefined;
        const json = parseJsonBody(raw);
        if (!json || !raw) return reject(log, reply, system, rejections.malformedJson, { connectionId });
        const reading = webhook.read(json.value, connectionId, new Date());
        if (reading.kind === 'refused') return reject(log, reply, system, reading, { connectionId });
        const deliveryId = webhook.deliveryId(connectionId, raw);
        if (reading.kind === 'ignored') {
          const fields = { connectionId, deliveryId, event: reading.event };
          recordOutcome(log, system, 'ignored_event', fields, 'ignored: the sync does not need this event');
          return answerHandOff(reply, { stored: true, accepted: 0, duplicates: 0 }, 1);
        }
        const result = await handOff(deps.handOff, request, system, [
          { connectionId, deliveryId, change: reading.change },
        ]);
        return answerHandOff(reply, result, 0);
      },
    );
    done();
  };
}
