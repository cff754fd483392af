import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { createServer, type ServerOptions } from '../server/create-server.js';
import { registerCodecRoutes } from '../security/codec-server.js';
import { operatorToken } from '../security/operator-token.js';
import { registerOperatorRoutes } from '../operator/routes.js';

/** The whole HTTP surface: intake, OAuth, health and metrics, the operator API (CLI), the codec endpoint. */
export function createHttpServer(ctx: AppContext, options: ServerOptions = {}): FastifyInstance {
  const app = createServer(ctx, options);
  registerOperatorRoutes(app, ctx);
  const ui = ctx.env.TEMPORAL_UI_PORT;
  const codec = ctx.dataConverter.payloadCodecs?.[0];
  if (codec) {
    registerCodecRoutes(app, {
      codec,
      requiredToken: ctx.env.NODE_ENV === 'development' ? null : operatorToken(ctx.env),
      allowedOrigins: [`http://localhost:${ui}`, `http://127.0.0.1:${ui}`, 'http://localhost:8080'],
    });
  }
  return app;
}
