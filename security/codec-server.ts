import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { PayloadDecodeError } from './payload-codec.js';

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

/**
 * The remote codec endpoint (`POST /codec/decode`, `/codec/encode`) that lets an operator's Temporal UI show
 * decrypted payloads. Its routes declare 'codec' access: outside development they need the codec or operator token
 * (the UI forwards a bearer token when configured to). The CORS preflight is public: browsers send it without one.
 */
export function codecRoutes(options: {
  codec: PayloadCodec;
  allowedOrigins: readonly string[];
}): FastifyPluginCallback {
  return (scope, _options, done) => {
    scope.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin && options.allowedOrigins.includes(origin)) {
        void reply.header('access-control-allow-origin', origin);
        void reply.header('access-control-allow-headers', 'content-type, x-namespace, authorization');
        void reply.header('access-control-allow-methods', 'POST, OPTIONS');
        void reply.header('access-control-allow-credentials', 'true');
      }
    });
    for (const direction of ['decode', 'encode'] as const) {
      scope.post(`/codec/${direction}`, { config: { access: 'codec' } }, async (request, reply) => {
        const parsed = payloadsSchema.safeParse(request.body);
        if (!parsed.success) return reply.code(400).send({ error: 'body must be {"payloads":[{metadata,data}]}' });
        const payloads = parsed.data.payloads.map(fromJson);
        try {
          const result =
            direction === 'decode' ? await options.codec.decode(payloads) : await options.codec.encode(payloads);
          return { payloads: result.map(toJson) };
        } catch (err) {
          if (err instanceof PayloadDecodeError) return reply.code(400).send({ error: err.message });
          throw err;
        }
      });
    }
    scope.options('/codec/*', { config: { access: 'public' } }, async (_request, reply) => reply.code(204).send());
    done();
  };
}
