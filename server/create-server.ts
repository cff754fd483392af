import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../service/context.js';
import { enforceRouteAccess } from '../security/route-access.js';
import { accessGuards } from './http/access-guards.js';
import { loggerOptions } from './logging.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { appWebhookRoute } from './routes/app-webhook.js';
import { connectionWebhookRoute } from './routes/connection-webhook.js';
import { systemWebhooks } from '../integrations/system-webhooks.js';
import { systemRoutes } from '../integrations/system-routes.js';
import { systemRouteDeps } from '../service/watch-after-connect.js';
import { serverDefaults, type ServerOptions } from './server-options.js';
import { createIntakeDispatcher } from './webhooks/intake-dispatcher.js';
import { createSharedTokenBuckets, createTokenBuckets, refillSeconds } from './webhooks/token-buckets.js';
import type { WebhookDeps } from './webhooks/webhook-deps.js';

export type { ServerOptions } from './server-options.js';

/**
 * The service's HTTP server: each system's webhook intake and its own routes (an OAuth flow, a connector's
 * endpoint), health, readiness and metrics. Not yet listening; the intake's dispatcher to Temporal runs from when the server is ready until it closes.
 */
export function createServer(ctx: AppContext, options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: loggerOptions(options.logger, ctx.env.LOG_LEVEL) });
  enforceRouteAccess(app, accessGuards(ctx.env, ctx.store.operatorTokens));
  const dispatcher = createIntakeDispatcher({
    store: ctx.store,
    temporal: ctx.temporal,
    taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
    log: app.log.child({ component: 'intake-dispatcher' }),
    startTimeoutMs: options.handOffTimeoutMs ?? serverDefaults.handOffTimeoutMs,
    retentionMs: serverDefaults.replayWindowMs,
  });
  app.addHook('onReady', (done) => {
    dispatcher.start();
    done();
  });
  app.addHook('onClose', () => dispatcher.stop());
  // Closing ends idle keep-alive connections only: one whose request is still being answered would stay open until
  // its client lets go (up to the keep-alive timeout, 72 s), and with it the close and the process's shutdown. Answers
  // given while closing say `Connection: close`, so such a connection ends with its answer.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  const webhookRateLimit = options.webhookRateLimit ?? serverDefaults.webhookRateLimit;
  const webhooks: WebhookDeps = {
    ctx,
    handOff: { store: ctx.store },
    // PostgreSQL may be shared by several server replicas, so its budget is too; embedded PGlite has one process.
    buckets:
      ctx.store.db.kind === 'postgres'
        ? createSharedTokenBuckets(ctx.store, webhookRateLimit)
        : createTokenBuckets(webhookRateLimit),
    retryAfterSeconds: refillSeconds(webhookRateLimit),
    now: options.now ?? (() => new Date()),
  };
  for (const webhook of systemWebhooks) {
    if (webhook.addressedTo === 'connection') void app.register(connectionWebhookRoute(webhooks, webhook));
    else {
      const key = options.webhookSigningKeys?.[webhook.system] ?? webhook.signingKey(ctx.env);
      void app.register(appWebhookRoute(webhooks, webhook, key));
    }
  }
  for (const routes of systemRoutes) void app.register(routes(systemRouteDeps(ctx)));
  void app.register(healthRoutes(ctx, options.readinessTimeoutMs ?? serverDefaults.readinessTimeoutMs));
  void app.register(metricsRoute);
  return app;
}
