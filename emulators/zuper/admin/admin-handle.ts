import type { RequestLog, RequestLogEntry, RequestLogFilter } from '../../common/admin.js';
import type { EmulatorClock } from '../../common/clock.js';
import type { FaultCounters } from '../../common/fault-counters.js';
import type { DeliveryRecord, WebhookDispatcher } from '../../common/webhook-dispatcher.js';
import { categoryView } from '../categories/category-view.js';
import { type CompanySettings, companySettingsSchema } from '../company-settings.js';
import type { ZuperContext } from '../context.js';
import { deepMerge } from '../deep-merge.js';
import { invoiceView } from '../invoices/invoice-view.js';
import { locationView } from '../locations/location-view.js';
import { createProduct } from '../products/product-create.js';
import { productView } from '../products/product-view.js';
import type { RateLimiter } from '../rate-limit.js';
import { generateProducts, seedCategory, seedLocation } from '../seed.js';
import { applySettingsPatch, type ZuperEmulatorSettings, type ZuperSettingsPatch } from '../settings.js';
import type { CompanyStore } from '../store/company-store.js';
import type { CompanyRegistry } from '../store/registry.js';
import type { UserRef } from '../store/types.js';
import type { DeliveryLog } from '../webhooks/delivery-log.js';
import { adminCall, AdminError } from './admin-error.js';
import {
  type CategorySeed,
  type CreateCompanyInput,
  createCompanySchema,
  type GenerateProductsInput,
  type LocationSeed,
} from './admin-inputs.js';

export interface CompanyInfo {
  company_uid: string;
  company_name: string;
  api_key: string;
  read_only_api_key: string;
  user: UserRef;
  settings: CompanySettings;
  location_uids: string[];
  category_uids: string[];
}

export interface ZuperWebhookCounters {
  pending: number;
  delivered: number;
  failed: number;
  abandoned: number;
  dropped: number;
  duplicate: number;
}

/** In-process control of the emulator; the admin HTTP API under /__admin/ exposes the same operations. */
export interface ZuperEmulatorAdmin {
  createCompany(input: CreateCompanyInput): CompanyInfo;
  listCompanies(): CompanyInfo[];
  getSettings(): ZuperEmulatorSettings;
  /** Deep-merges a patch onto the current settings; AdminError(400) when the result is invalid. */
  updateSettings(patch: ZuperSettingsPatch): ZuperEmulatorSettings;
  getCompanySettings(company: string): CompanySettings;
  updateCompanySettings(company: string, patch: Partial<CompanySettings>): CompanySettings;
  seedLocations(company: string, locations: LocationSeed[]): Record<string, unknown>[];
  seedCategories(company: string, categories: CategorySeed[]): Record<string, unknown>[];
  /** Creates products from API write-shape objects (same validation, no webhooks); returns their uids. */
  seedProducts(company: string, products: Record<string, unknown>[]): string[];
  generateProducts(company: string, input: GenerateProductsInput): string[];
  /** A product / invoice in its API read shape, deleted ones included; undefined when unknown. */
  product(company: string, productUid: string): Record<string, unknown> | undefined;
  invoice(company: string, invoiceUid: string): Record<string, unknown> | undefined;
  requestLog(filter?: RequestLogFilter): RequestLogEntry[];
  counters(): { faults: Record<string, number>; webhooks: ZuperWebhookCounters };
  webhookDeliveries(): DeliveryRecord[];
  waitForWebhooksIdle(): Promise<void>;
  /** Moves simulated time forward (rate-limit windows, timestamps). */
  advanceClock(ms: number): void;
  /** Forgets every company, log, counter and history, and restores the start-up settings. */
  reset(): void;
}

export interface AdminDeps {
  ctx: ZuperContext;
  registry: CompanyRegistry;
  setSettings: (next: ZuperEmulatorSettings) => void;
  initialSettings: ZuperEmulatorSettings;
  requestLog: RequestLog;
  counters: FaultCounters;
  dispatcher: WebhookDispatcher;
  deliveryLog: DeliveryLog;
  limiter: RateLimiter;
  clock: EmulatorClock;
}

export function createAdmin(deps: AdminDeps): ZuperEmulatorAdmin {
  const { ctx, registry } = deps;
  const company = (name: string): CompanyStore => {
    const found = registry.byCompanyName(name);
    if (!found) throw new AdminError(404, `Unknown company "${name}"`);
    return found;
  };
  const info = (c: CompanyStore): CompanyInfo => ({
    ...c.identity,
    settings: c.settings,
    location_uids: [...c.locations.keys()],
    category_uids: [...c.categories.keys()],
  });
  const key = (prefix: string) => `${prefix}_${ctx.ids.uuid().replaceAll('-', '')}`;

  return {
    createCompany: (input) =>
      adminCall(() => {
        const parsed = createCompanySchema.parse(input);
        const settings = companySettingsSchema.parse(deepMerge(ctx.settings().companyDefaults, parsed.settings));
        const created = registry.add(
          {
            company_uid: ctx.ids.uuid(),
            company_name: parsed.company_name,
            api_key: parsed.api_key ?? key('zk'),
            read_only_api_key: parsed.read_only_api_key ?? key('zk_ro'),
            user: {
              user_uid: ctx.ids.uuid(),
              first_name: 'API',
              last_name: 'User',
              email: 'api@example.com',
              ...parsed.user,
            },
          },
          settings,
        );
        for (const seed of parsed.locations ?? []) seedLocation(ctx, created, seed);
        for (const seed of parsed.categories ?? []) seedCategory(ctx, created, seed);
        return info(created);
      }),
    listCompanies: () => registry.all().map(info),
    getSettings: () => ctx.settings(),
    updateSettings: (patch) =>
      adminCall(() => {
        const next = applySettingsPatch(ctx.settings(), patch);
        deps.setSettings(next);
        return next;
      }),
    getCompanySettings: (name) => company(name).settings,
    updateCompanySettings: (name, patch) =>
      adminCall(() => {
        const c = company(name);
        c.settings = companySettingsSchema.parse(deepMerge(c.settings, patch));
        return c.settings;
      }),
    seedLocations: (name, seeds) =>
      adminCall(() => seeds.map((seed) => locationView(seedLocation(ctx, company(name), seed)))),
    seedCategories: (name, seeds) =>
      adminCall(() =>
        seeds.map((seed) =>
          categoryView(seedCategory(ctx, company(name), seed), ctx.settings().categories.parentField),
        ),
      ),
    seedProducts: (name, products) =>
      adminCall(() => products.map((raw) => createProduct(ctx, company(name), raw).product_uid)),
    generateProducts: (name, input) =>
      adminCall(() => generateProducts(ctx, company(name), input).map((p) => p.product_uid)),
    product: (name, uid) => {
      const c = company(name);
      const p = c.products.get(uid);
      return p && productView(c, p);
    },
    invoice: (name, uid) => {
      const inv = company(name).invoices.get(uid);
      return inv && invoiceView(inv);
    },
    requestLog: (filter) => deps.requestLog.entries(filter),
    counters: () => {
      const webhooks: ZuperWebhookCounters = {
        pending: deps.dispatcher.pending(),
        delivered: 0,
        failed: 0,
        abandoned: 0,
        dropped: 0,
        duplicate: 0,
      };
      for (const record of deps.dispatcher.history()) webhooks[record.outcome] += 1;
      return { faults: deps.counters.snapshot(), webhooks };
    },
    webhookDeliveries: () => deps.dispatcher.history(),
    waitForWebhooksIdle: () => deps.dispatcher.idle(),
    advanceClock: (ms) => adminCall(() => deps.clock.advance(ms)),
    reset: () => {
      registry.clear();
      deps.limiter.reset();
      deps.requestLog.clear();
      deps.counters.reset();
      deps.dispatcher.clearHistory();
      deps.deliveryLog.clear();
      deps.setSettings(deps.initialSettings);
    },
  };
}
