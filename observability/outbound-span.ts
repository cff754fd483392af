import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { serviceTracer, spanBody } from './tracing.js';

export interface OutboundCall {
  /** The system called, e.g. `qbo` or `zuper`: the span's `sync.system`. */
  system: string;
  method: string;
  /** The full request URL; only its host and port are recorded (queries and ids may carry company data). */
  url: string;
  /** The path as a template, ids replaced (see routeTemplate): the span's name, so calls of one kind group. */
  route: string;
}

/**
 * A path with every segment that carries a digit (record ids, uids) replaced by `{id}`, e.g. `item/19` → `item/{id}`:
 * what a call kind is, whatever record it is about.
 */
export function routeTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => (/\d/.test(segment) ? '{id}' : segment))
    .join('/');
}

/**
 * Runs one HTTP exchange with an external API inside a client span named `{method} {route}` (OpenTelemetry's HTTP
 * client convention), a child of whatever span is current (the activity's). An answer of 400 or more, or no answer,
 * marks the span as an error; the answer or the failure is passed through unchanged.
 */
export async function traceOutboundCall<R extends { statusCode: number }>(
  call: OutboundCall,
  send: () => Promise<R>,
): Promise<R> {
  const url = new URL(call.url);
  const attributes: Attributes = {
    'sync.system': call.system,
    'http.request.method': call.method,
    'url.template': call.route,
    'server.address': url.hostname,
    ...(url.port ? { 'server.port': Number(url.port) } : {}),
  };
  return serviceTracer().startActiveSpan(
    `${call.method} ${call.route}`,
    { kind: SpanKind.CLIENT, attributes },
    (span) =>
      spanBody(span, async () => {
        const response = await send();
        span.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 400) {
          span.setAttribute('error.type', String(response.statusCode));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        return response;
      }),
  );
}
