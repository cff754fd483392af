import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

/** One span as an OTLP/HTTP exporter sent it, times in epoch milliseconds. */
export interface ReceivedSpan {
  serviceName: string;
  traceId: string;
  spanId: string;
  /** null for a trace's root span. */
  parentSpanId: string | null;
  name: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, string | number | boolean>;
}

const anyValue = z
  .object({
    stringValue: z.string().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.number().optional(),
    boolValue: z.boolean().optional(),
  })
  .loose();
const keyValues = z.array(z.object({ key: z.string(), value: anyValue })).default([]);
const nanos = z.union([z.string(), z.number()]).transform((n) => Number(BigInt(n) / 1000n) / 1000);

/** The OTLP/JSON trace export request (what @opentelemetry/exporter-trace-otlp-http sends): only what is read here. */
const exportRequest = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: keyValues }).default({ attributes: [] }),
      scopeSpans: z.array(
        z.object({
          spans: z.array(
            z.object({
              traceId: z.string(),
              spanId: z.string(),
              parentSpanId: z.string().optional(),
              name: z.string(),
              startTimeUnixNano: nanos,
              endTimeUnixNano: nanos,
              attributes: keyValues,
            }),
          ),
        }),
      ),
    }),
  ),
});

function plain(attributes: z.output<typeof keyValues>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes) {
    const v = value.stringValue ?? value.boolValue ?? value.doubleValue ?? value.intValue;
    if (v !== undefined) out[key] = typeof v === 'string' && value.intValue !== undefined ? Number(v) : v;
  }
  return out;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

export interface OtlpReceiver {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every request seen, path and content type, in arrival order. */
  requests(): { path: string; contentType: string }[];
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

/**
 * A stand-in OTLP/HTTP collector on loopback that keeps the spans of JSON trace exports in memory: how a test sees what
 * the service exports, and how the benchmark gathers spans from its own process and its worker processes alike.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: { path: string; contentType: string }[] = [];
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const path = request.url ?? '';
      requests.push({ path, contentType: request.headers['content-type'] ?? '' });
      const parsed =
        path === '/v1/traces' ? exportRequest.safeParse(JSON.parse((await bodyOf(request)).toString())) : null;
      if (!parsed?.success) {
        response.writeHead(400).end();
        return;
      }
      for (const { resource, scopeSpans } of parsed.data.resourceSpans) {
        const serviceName = String(plain(resource.attributes)['service.name'] ?? '');
        for (const span of scopeSpans.flatMap((s) => s.spans)) {
          spans.push({
            serviceName,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || null,
            name: span.name,
            startMs: span.startTimeUnixNano,
            endMs: span.endTimeUnixNano,
            attributes: plain(span.attributes),
          });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    })().catch(() => response.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...requests],
    spans: () => [...spans],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
