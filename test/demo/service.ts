import { createAppContext } from '../../service/context.js';
import { createHttpServer } from '../../server/http-server.js';
import { startWorker } from '../../worker/run-worker.js';
import type { Env } from '../../config/env.js';

/**
 * The service as `npm start` composes it: store, worker, HTTP server (intake, operator API, /qbwc). The QuickBooks
 * Online demo passes its emulator's URL and webhook verifier token.
 */
export async function startDemoService(env: Env, qbo: { emulatorUrl: string; verifierToken: string } | null = null) {
  const ctx = await createAppContext(env, qbo ? { qboEmulatorUrl: qbo.emulatorUrl } : {});
  const { worker, running, connection } = await startWorker(ctx);
  const http = createHttpServer(ctx, {
    ...(qbo ? { webhookSigningKeys: { qbo: qbo.verifierToken } } : {}),
    logger: { level: 'warn' },
  });
  await http.listen({ host: env.HTTP_HOST, port: env.HTTP_PORT });
  return {
    ctx,
    /**
     * The worker first, while the HTTP server still answers: an activity waiting for the Web Connector's next session
     * (a QuickBooks Desktop step) is answered by it and ends, so the worker is done before its connection closes.
     */
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.race([running, new Promise((r) => setTimeout(r, 15_000).unref())]);
      await http.close();
      await connection.close();
      await ctx.close();
    },
  };
}
