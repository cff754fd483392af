import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../service/context.js';
import { createServer, type ServerOptions } from './create-server.js';
import { codecRoutes } from '../security/codec-server.js';
import { registerOperatorRoutes } from '../operator/routes.js';

/** The whole HTTP surface: intake, OAuth, health and metrics, the operator API (CLI), the codec endpoint. */
export function createHttpServer(ctx: AppContext, options: ServerOptions = {}): FastifyInstance {
  const app = createServer(ctx, options);
  registerOperatorRoutes(app, ctx);
  const ui = ctx.env.TEMPORAL_UI_PORT;
  const codec = ctx.dataConverter.payloadCodecs?.[0];
  if (codec) {
    const allowedOrigins = ctx.env.CODEC_ALLOWED_ORIGINS?.split(',') ?? [
      `http://localhost:${ui}`,
      `http://127.0.0.1:${ui}`,
      'http://localhost:8080',
      'http://127.0.0.1:8080',
    ];
    void app.register(codecRoutes({ codec, allowedOrigins }));
  }
  return app;
}
