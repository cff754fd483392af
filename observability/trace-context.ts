import { propagation, ROOT_CONTEXT, trace, type Context, type Link, type Span } from '@opentelemetry/api';

/**
 * The W3C `traceparent` of a span, to store beside work that continues later in another process (the intake outbox);
 * null while tracing is off (no propagator is registered) or the span is not sampled.
 */
export function traceParentOf(span: Span): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` continues (the root context without one, or while tracing is off). */
export function contextOfTraceParent(traceParent: string | null): Context {
  return traceParent === null ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, { traceparent: traceParent });
}

/** Links to the spans several stored `traceparent`s name, e.g. every webhook request whose changes share one batch. */
export function linksToTraceParents(traceParents: readonly string[]): Link[] {
  return traceParents.flatMap((traceParent) => {
    const spanContext = trace.getSpanContext(contextOfTraceParent(traceParent));
    return spanContext ? [{ context: spanContext }] : [];
  });
}
