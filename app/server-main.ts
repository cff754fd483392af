import type { FastifyBaseLogger } from 'fastify';
import { loadEnvOrExit } from '../config/env.js';
import { registerConsole } from '../console/routes.js';
import { composeService } from './compose.js';

/**
 * `npm run server`: the HTTP server on HTTP_HOST:HTTP_PORT until SIGINT or SIGTERM, with the web console (here, not
 * in server/, because the console sits on the operator API, which sits on the server).
 */
const env = loadEnvOrExit();
let log: FastifyBaseLogger | null = null;
let stopFailed = false;
const service = await composeService(
  {
    env,
    // Lazy: the server starts (and /healthz answers) even while Temporal is still coming up; /readyz reports it.
    lazyTemporal: true,
    http: {
      host: env.HTTP_HOST,
      port: env.HTTP_PORT,
      beforeListen: (app, ctx) => {
        log = app.log;
        const webConsole = registerConsole(app, ctx);
        if (webConsole.off) app.log.warn(webConsole.off);
        if (!env.QBO_WEBHOOK_VERIFIER_TOKEN) {
          app.log.warn('QBO_WEBHOOK_VERIFIER_TOKEN is not set: QuickBooks webhooks will be refused (503)');
        }
      },
    },
  },
  // The composed stop reports a part that failed to stop here and goes on with the rest.
  (line) => {
    stopFailed = true;
    log?.error({ error: line }, 'shutdown failed');
  },
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log?.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish their hand-off, then release Temporal and the database.
  await service.stop();
  process.exit(stopFailed ? 1 : 0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, (s) => void shutdown(s));
