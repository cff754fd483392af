import Fastify, { type FastifyInstance } from 'fastify';
import { installFaults } from '../common/faults.js';
import { StateFile } from '../common/state-file.js';
import { QboEmulatorAdmin } from './admin.js';
import { adminErrorReply, registerAdminRoutes } from './admin-routes.js';
import { installApiGate, isApiRoute } from './api-gate.js';
import { apiErrorReply, registerApiRoutes } from './api-routes.js';
import { QboEmulatorState, type QboEmulatorOptions } from './emulator.js';
import { QboFault, faults } from './fault-shapes.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { sendFault, sendJson, sendThrottle } from './replies.js';

export interface QboEmulatorApp {
  app: FastifyInstance;
  admin: QboEmulatorAdmin;
  state: QboEmulatorState;
}

let tidCounter = 0;

/** A transaction id per response, shaped like QBO's (`1-<hex>-<hex>`). */
function transactionId(rng: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `1-${(++tidCounter).toString(16).padStart(8, '0')}-${hex(24)}`;
}

/** Builds the emulator's fastify app (not listening). Hook order: tid, request log, auth/throttle gate, faults. */
export function createQboEmulatorApp(opts: QboEmulatorOptions = {}): QboEmulatorApp {
  const state = new QboEmulatorState(opts);
  const admin = new QboEmulatorAdmin(state);
  const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });

  app.addContentTypeParser(['application/text', 'application/graphql'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('intuit_tid', transactionId(state.rng));
    done();
  });
  state.requestLog.install(app, isApiRoute);
  const callerOf = installApiGate(app, state);
  installFaults(app, {
    settings: () => state.settings.faults,
    rng: state.rng,
    isApiRoute,
    throttleReply: (reply) => sendThrottle(reply, state.settings.throttle, state.clock.now()),
    errorReply: (status, reply) =>
      sendFault(reply, new QboFault(status, faults.system(status).fault), state.clock.now()),
    counters: state.faultCounters,
    sleep: (ms) => state.clock.sleep(ms),
  });

  if (opts.stateFile) {
    const file = new StateFile(opts.stateFile, () => state.snapshot());
    const saved = file.load();
    if (saved !== undefined) state.restore(saved);
    file.install(app);
  }

  registerOAuthRoutes(app, { store: state.oauth, authorizeRealm: () => state.authorizeRealm() });
  registerApiRoutes(app, state, callerOf);
  registerAdminRoutes(app, admin);

  app.setErrorHandler((err, request, reply) => {
    if (isApiRoute(request.url)) return apiErrorReply(state, err, reply);
    const handled = adminErrorReply(err, reply, state.clock.now());
    if (handled) return handled;
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return sendJson(reply, status, { error: err instanceof Error ? err.message : String(err) });
  });
  app.setNotFoundHandler((request, reply) => {
    if (isApiRoute(request.url))
      return sendFault(
        reply,
        faults.unsupportedOperation(
          `Operation ${request.method} ${request.url.split('?')[0] ?? ''} is not supported.`,
          state.settings.reads.unsupportedPathStatus,
        ),
        state.clock.now(),
      );
    return sendJson(reply, 404, { error: `No route ${request.method} ${request.url}` });
  });
  app.addHook('onClose', async () => {
    await state.close();
  });
  return { app, admin, state };
}
