import {
  context,
  propagation,
  SpanStatusCode,
  trace,
  type ProxyTracerProvider,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Env } from '../config/env.js';

/** The instrumentation scope of the service's own spans (webhook requests, the outbox, outbound API calls). */
export const serviceTracer = (): Tracer => trace.getTracer('qbo-zuper-sync');

/** Runs `work` as the body of `span`: a throw marks the span failed (`error.type` its name) and the span ends either way. */
export async function spanBody<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.setAttribute('error.type', (error as Error).name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** A started OpenTelemetry SDK: the process's tracer provider, registered globally until `shutdown`. */
export interface Tracing {
  resource: Resource;
  /** Where every span ends, also those the workflow sandbox hands out through the worker's sink. */
  processor: SpanProcessor;
  /** Exports what is buffered, stops the SDK and unregisters it, so the process is as if it had never started. */
  shutdown(): Promise<void>;
}

export type TracingEnv = Pick<Env, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>;

/** `{base}/v1/traces`, the OTLP/HTTP traces path below the collector's base URL. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Starts tracing when the environment names an OTLP endpoint (batched OTLP/HTTP export) or the caller brings its own
 * exporter (tests and the benchmark: each span exported as it ends); otherwise starts nothing and returns null, so
 * every span the code asks for is the API's no-op. Registers the W3C trace-context propagator and the async context
 * manager globally, which is what carries a span from a webhook request to the API calls of the activities it caused.
 */
export function startTracing(env: TracingEnv, exporter?: SpanExporter): Tracing | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : endpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(endpoint) }))
      : null;
  if (!processor) return null;
  const resource = new Resource({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  // The API keeps the first provider registered in a process; a second would silently trace nowhere.
  if ((trace.getTracerProvider() as ProxyTracerProvider).getDelegate() !== provider) {
    void provider.shutdown();
    throw new Error('tracing is already started in this process: stop the service that started it first');
  }
  return {
    resource,
    processor,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
