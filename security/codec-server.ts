import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';

const payloadsSchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })),
});

const fromJson = (p: z.infer<typeof payloadsSchema>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

const sameToken = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * The remote codec endpoint (`POST /codec/decode`, `/codec/encode`) that lets an operator's Temporal UI show
 * decrypted payloads. Outside development it requires the operator token (the UI forwards it as a bearer token
 * when TEMPORAL_CODEC_PASS_ACCESS_TOKEN is set).
 */
export function registerCodecRoutes(
  app: FastifyInstance,
  options: { codec: PayloadCodec; requiredToken: string | null; allowedOrigins: string[] },
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/codec/')) return;
    const origin = request.headers.origin;
    if (origin && options.allowedOrigins.includes(origin)) {
      void reply.header('access-control-allow-origin', origin);
      void reply.header('access-control-allow-headers', 'content-type, x-namespace, authorization');
      void reply.header('access-control-allow-methods', 'POST, OPTIONS');
      void reply.header('access-control-allow-credentials', 'true');
    }
    if (options.requiredToken && request.method !== 'OPTIONS') {
      const auth = request.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!sameToken(token, options.requiredToken)) return reply.code(401).send({ error: 'operator token required' });
    }
  });
  for (const direction of ['decode', 'encode'] as const) {
    app.post(`/codec/${direction}`, async (request, reply) => {
      const parsed = payloadsSchema.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send({ error: 'body must be {"payloads":[{metadata,data}]}' });
      const payloads = parsed.data.payloads.map(fromJson);
      const result =
        direction === 'decode' ? await options.codec.decode(payloads) : await options.codec.encode(payloads);
      return { payloads: result.map(toJson) };
    });
  }
  app.options('/codec/*', async (_request, reply) => reply.code(204).send());
}
