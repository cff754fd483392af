import type { FastifyPluginCallback } from 'fastify';
import type { AppContext } from '../../service/context.js';
import { routeAccess } from '../../security/route-access.js';
import { within } from '../http/within.js';

type CheckResult = 'ok' | `failed: ${string}`;

async function check(ms: number, what: string, work: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await within(ms, what, work);
    return 'ok';
  } catch (err) {
    return `failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** `/healthz`: the process answers. `/readyz`: it can also reach its database and Temporal (503 naming what failed). */
export function healthRoutes(ctx: AppContext, timeoutMs: number): FastifyPluginCallback {
  return (instance, _options, done) => {
    routeAccess(instance, 'public');
    instance.get('/healthz', () => ({ status: 'ok' }));

    instance.get('/readyz', async (request, reply) => {
      const [database, temporal] = await Promise.all([
        check(timeoutMs, 'the database', () => ctx.store.db.query('SELECT 1')),
        check(timeoutMs, 'Temporal', () =>
          ctx.temporal.connection.withDeadline(Date.now() + timeoutMs, () =>
            ctx.temporal.connection.workflowService.getSystemInfo({}),
          ),
        ),
      ]);
      const ready = database === 'ok' && temporal === 'ok';
      if (!ready) request.log.warn({ database, temporal }, 'not ready');
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks: { database, temporal } });
    });
    done();
  };
}
