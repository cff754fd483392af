import { createAppContext } from '../service/context.js';
import { loadEnvOrExit } from '../config/env.js';
import { createHttpServer } from '../server/http-server.js';
import { registerConsole } from '../console/routes.js';

/**
 * `npm run server`: the HTTP server on HTTP_HOST:HTTP_PORT until SIGINT or SIGTERM, with the web console (here, not
 * in server/, because the console sits on the operator API, which sits on the server).
 */
const env = loadEnvOrExit();
// Lazy: the server starts (and /healthz answers) even while Temporal is still coming up; /readyz reports it.
const ctx = await createAppContext(env, { lazyTemporal: true });
const server = createHttpServer(ctx);
const webConsole = registerConsole(server, ctx);
if (webConsole.off) server.log.warn(webConsole.off);
if (!env.QBO_WEBHOOK_VERIFIER_TOKEN) {
  server.log.warn('QBO_WEBHOOK_VERIFIER_TOKEN is not set: QuickBooks webhooks will be refused (503)');
}
await server.listen({ host: env.HTTP_HOST, port: env.HTTP_PORT });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  server.log.info({ signal }, 'shutting down');
  try {
    // Stop accepting, let in-flight requests finish their hand-off, then release Temporal and the database.
    await server.close();
    await ctx.close();
    process.exit(0);
  } catch (err) {
    server.log.error({ error: err instanceof Error ? err.message : String(err) }, 'shutdown failed');
    process.exit(1);
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, (s) => void shutdown(s));
