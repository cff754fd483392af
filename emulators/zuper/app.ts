import Fastify, { type FastifyInstance } from 'fastify';
import { RequestLog } from '../common/admin.js';
import { EmulatorClock } from '../common/clock.js';
import { FaultCounters } from '../common/fault-counters.js';
import { createRng } from '../common/rng.js';
import { WebhookDispatcher } from '../common/webhook-dispatcher.js';
import { createAdmin, type ZuperEmulatorAdmin } from './admin/admin-handle.js';
import { registerAdminRoutes } from './admin/admin-routes.js';
import { companyNameOf, installAuth } from './auth.js';
import { registerCategoryRoutes } from './categories/category-routes.js';
import { installConfigurableRoutes } from './configurable-routes.js';
import type { ZuperContext } from './context.js';
import { registerDiscovery } from './discovery.js';
import { installZuperFaults } from './faults-wiring.js';
import { isApiRoute } from './http/api-routes.js';
import { installErrorEnvelopes, installLenientJson } from './http/error-handling.js';
import { IdGenerator } from './ids.js';
import { registerInvoiceRoutes } from './invoices/invoice-routes.js';
import { registerProductRoutes } from './products/product-routes.js';
import { installRateLimit, RateLimiter } from './rate-limit.js';
import {
  applySettingsPatch,
  defaultZuperSettings,
  type ZuperEmulatorSettings,
  zuperEmulatorSettingsSchema,
  type ZuperSettingsPatch,
} from './settings.js';
import { registerTransactionRoutes } from './stock/transaction-routes.js';
import { CompanyRegistry } from './store/registry.js';
import type { CompanyIdentity } from './store/company-store.js';
import type { CompanySettings } from './company-settings.js';
import { StateFile } from '../common/state-file.js';
import { z } from 'zod';
import { DeliveryLog } from './webhooks/delivery-log.js';
import { WebhookEmitter } from './webhooks/webhook-emitter.js';
import { WebhookHistory } from './webhooks/webhook-history.js';
import { registerWebhookRoutes } from './webhooks/webhook-routes.js';

export interface ZuperEmulatorOptions {
  /** > 1 shrinks webhook retry delays, rate-limit windows and injected latency. */
  timeScale?: number;
  /** Seeds generated ids, injected faults and webhook chaos (default 1). */
  seed?: number;
  /** Deep patch over the default settings; invalid settings throw. */
  settings?: ZuperSettingsPatch;
  /** Simulated start time (defaults to now). */
  startAt?: Date;
  /** A JSON file holding the companies and settings across restarts; none keeps them in memory only. */
  stateFile?: string;
}

const zuperStateSchema = z.object({
  version: z.literal(1),
  clockMs: z.number(),
  settings: z.unknown(),
  companies: z.array(
    z.object({ identity: z.custom<CompanyIdentity>(), settings: z.custom<CompanySettings>() }).passthrough(),
  ),
});

/** Companies, settings and the clock (never going back) as the state file keeps them. */
function persistState(
  app: FastifyInstance,
  path: string,
  state: { registry: CompanyRegistry; clock: EmulatorClock; settings: () => ZuperEmulatorSettings },
  setSettings: (next: ZuperEmulatorSettings) => void,
): void {
  const file = new StateFile(path, () => ({
    version: 1,
    clockMs: state.clock.now().getTime(),
    settings: state.settings(),
    companies: state.registry.all().map((company) => company.snapshot()),
  }));
  const saved = file.load();
  if (saved !== undefined) {
    const restored = zuperStateSchema.parse(saved);
    setSettings(zuperEmulatorSettingsSchema.parse(restored.settings));
    for (const fields of restored.companies) {
      state.registry.add(fields.identity, fields.settings).restore(fields);
    }
    const behind = restored.clockMs - state.clock.now().getTime();
    if (behind > 0) state.clock.advance(behind);
  }
  file.install(app);
}

export interface ZuperEmulatorApp {
  /** Not yet listening; closing it also stops webhook deliveries. */
  app: FastifyInstance;
  admin: ZuperEmulatorAdmin;
}

/** Builds the Zuper emulator (API under /api, admin under /__admin) without starting to listen. */
export function createZuperEmulatorApp(opts: ZuperEmulatorOptions = {}): ZuperEmulatorApp {
  const seed = opts.seed ?? 1;
  const clock = new EmulatorClock({
    timeScale: opts.timeScale ?? 1,
    ...(opts.startAt ? { startAt: opts.startAt } : {}),
  });
  const initialSettings = applySettingsPatch(defaultZuperSettings(), opts.settings ?? {});
  let current = initialSettings;
  const settings = () => current;
  const counters = new FaultCounters();
  const ids = new IdGenerator(createRng(seed), () => clock.now());
  const dispatcher = new WebhookDispatcher({
    clock,
    rng: createRng(seed + 2),
    settings: () => current.webhooks.delivery,
    counters,
  });
  const deliveryLog = new DeliveryLog();
  const emitter = new WebhookEmitter(dispatcher, deliveryLog, settings, () => clock.now().toISOString());
  const ctx: ZuperContext = {
    settings,
    clock,
    ids,
    nowIso: () => clock.now().toISOString(),
    emit: (company, trigger, payload) => emitter.emit(company, trigger, payload),
  };
  const registry = new CompanyRegistry();
  const limiter = new RateLimiter(clock);
  const requestLog = new RequestLog({
    headers: ['content-type', 'user-agent'],
    now: () => clock.now(),
    companyOf: companyNameOf,
  });

  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  if (opts.stateFile) {
    persistState(app, opts.stateFile, { registry, clock, settings }, (next) => {
      current = next;
    });
  }
  installLenientJson(app);
  installErrorEnvelopes(app);
  requestLog.install(app, (url) => url.startsWith('/api/'));
  // Hook order matters: faults act first (like the network), then auth, the plan limit, then runtime-configured routes.
  installZuperFaults(app, settings, createRng(seed + 1), clock, counters, isApiRoute);
  installAuth(app, registry, settings, isApiRoute);
  installRateLimit(app, limiter, clock, settings, isApiRoute);
  installConfigurableRoutes(app, ctx);
  registerDiscovery(app, registry, settings);
  const history = new WebhookHistory(dispatcher, deliveryLog, clock, ids, settings);
  void app.register(
    (api, _opts, done) => {
      registerProductRoutes(api, ctx);
      registerTransactionRoutes(api, ctx);
      registerCategoryRoutes(api, ctx);
      registerInvoiceRoutes(api, ctx);
      registerWebhookRoutes(api, ctx, history);
      done();
    },
    { prefix: '/api' },
  );
  // Webhook management also at the root, for `routes.webhookManagementAt: 'root'` (which place is real is unknown).
  void app.register((root, _opts, done) => {
    registerWebhookRoutes(root, ctx, history);
    done();
  });
  const admin = createAdmin({
    ctx,
    registry,
    setSettings: (next) => {
      current = next;
    },
    initialSettings,
    requestLog,
    counters,
    dispatcher,
    deliveryLog,
    limiter,
    clock,
  });
  registerAdminRoutes(app, admin);
  app.addHook('onClose', async () => {
    await dispatcher.close();
  });
  return { app, admin };
}
