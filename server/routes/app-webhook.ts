import type { FastifyPluginCallback } from 'fastify';
import type { AppWebhook } from '../../integrations/port.js';
import { serverDefaults } from '../server-options.js';
import { answerHandOff, handOff } from '../webhooks/hand-off.js';
import { parseJsonBody } from '../webhooks/json-body.js';
import { invalidPayload, recordOutcome, reject, rejections, signatureRejections } from '../webhooks/outcome.js';
import type { WebhookDeps } from '../webhooks/webhook-deps.js';
import { webhookScope } from '../webhooks/webhook-scope.js';

/**
 * `POST /webhooks/<system>`: one system's events addressed to the app, signed with `signingKey`, each handed to the
 * connection that holds its company or passed over alone.
 */
export function appWebhookRoute(
  deps: WebhookDeps,
  webhook: AppWebhook,
  signingKey: string | undefined,
): FastifyPluginCallback {
  const { system } = webhook;
  const refused = signatureRejections(webhook.secretHeader, webhook.keySetting);
  return (instance, _options, done) => {
    webhookScope(instance, system);
    instance.post(`/webhooks/${system}`, { bodyLimit: webhook.bodyLimitBytes }, async (request, reply) => {
      const log = request.log;
      if (!signingKey) return reject(log, reply, system, refused.notConfigured);
      const raw = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
      const signature = request.headers[webhook.secretHeader];
      if (typeof signature !== 'string' || signature === '') {
        return reject(log, reply, system, refused.missingSignature);
      }
      if (!webhook.verify(raw, signature, signingKey)) return reject(log, reply, system, refused.badSignature);
      const json = parseJsonBody(raw);
      if (!json) return reject(log, reply, system, rejections.malformedJson);
      const sorted = await webhook.sort(json.value, {
        store: deps.ctx.store,
        now: deps.now(),
        replayWindowMs: serverDefaults.replayWindowMs,
      });
      if (!sorted.ok) return reject(log, reply, system, invalidPayload(sorted.error));
      for (const connectionId of new Set(sorted.toHandOff.map((d) => d.connectionId))) {
        if (!(await deps.buckets.take(`${system}:${connectionId}`))) {
          void reply.header('retry-after', String(deps.retryAfterSeconds));
          return reject(log, reply, system, rejections.rateLimited, { connectionId });
        }
      }
      // Each passed over alone and answered 200 with the rest: the system would resend a refused POST, good events too.
      for (const event of sorted.passedOver) {
        recordOutcome(log, system, event.outcome, event.fields, event.message, event.level);
      }
      const result = await handOff(deps.handOff, request, system, sorted.toHandOff);
      return answerHandOff(reply, result, sorted.passedOver.length);
    });
    done();
  };
}
