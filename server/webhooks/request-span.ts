import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { traceParentOf } from '../../observability/trace-context.js';
import { serviceTracer } from '../../observability/tracing.js';
import type { WebhookSource } from './outcome.js';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * Gives every webhook request of a scope a server span, `POST /webhooks/...` (OpenTelemetry's `{method} {route}`),
 * from its arrival to its answer. Each request starts its own trace: a sender's `traceparent` header is not trusted
 * (the senders are outside the service). While tracing is off the span is the API's no-op.
 */
export function traceWebhookRequests(instance: FastifyInstance, source: WebhookSource): void {
  instance.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url ?? request.url.split('?')[0]!;
    const span = serviceTracer().startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route, 'sync.webhook.source': source },
      },
      ROOT_CONTEXT,
    );
    spans.set(request, span);
    done();
  });
  instance.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/** The `traceparent` of a webhook request's span, stored with its deliveries; null while tracing is off. */
export function webhookTraceParent(request: FastifyRequest): string | null {
  const span = spans.get(request);
  return span ? traceParentOf(span) : null;
}
