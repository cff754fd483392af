import type { FastifyError, FastifyInstance } from 'fastify';
import { routeAccess } from '../../security/route-access.js';
import { acceptRawBodies } from '../../security/raw-body.js';
import { metrics } from '../../observability/metrics.js';
import { recordOutcome, reject, rejections, type WebhookSource } from './outcome.js';
import { traceWebhookRequests } from './request-span.js';

/** A request's outcome as its sender sees it; the per-delivery outcomes are counted in qzsync_webhooks_total. */
const requestOutcome = (status: number) => (status < 400 ? 'handled' : status < 500 ? 'refused' : 'failed');

/**
 * Prepares an encapsulated Fastify scope for one webhook source: 'webhook' access (the handler authenticates the
 * body), raw bodies, a trace span per request, errors raised before or outside the handler (an oversized body, a
 * database failure) answered and counted like every other outcome, and each request's time to its answer.
 */
export function webhookScope(instance: FastifyInstance, source: WebhookSource): void {
  routeAccess(instance, 'webhook');
  acceptRawBodies(instance);
  instance.addHook('onResponse', async (_request, reply) => {
    const outcome = requestOutcome(reply.statusCode);
    metrics.webhookRequestSeconds.observe({ source, outcome }, reply.elapsedTime / 1000);
  });
  traceWebhookRequests(instance, source);
  instance.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode === 413) return reject(request.log, reply, source, rejections.tooLarge);
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reject(request.log, reply, source, { ...rejections.malformedJson, message: error.message });
    }
    // The sender retries a 500, and nothing was recorded or started, so the delivery is not lost.
    recordOutcome(request.log, source, 'error', { error: error.message }, 'webhook failed', 'error');
    return reply
      .code(500)
      .send({ error: 'internal_error', message: 'the webhook could not be processed; retry later' });
  });
}
