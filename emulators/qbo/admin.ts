import type { RequestLogEntry, RequestLogFilter } from '../common/admin.js';
import type { DeliveryRecord } from '../common/webhook-dispatcher.js';
import {
  actSchema,
  advanceClockSchema,
  companyPatchSchema,
  createRealmSchema,
  editItemSchema,
  issueTokensSchema,
  seedItemsSchema,
} from './admin-schemas.js';
import type { QboEmulatorState } from './emulator.js';
import { entityDef } from './entities.js';
import { createItem } from './items.js';
import { oauthAppSchema, type OAuthApp, type OAuthAppInput } from './oauth-apps.js';
import type { TokenResponse } from './oauth-store.js';
import { executeWrite } from './operations.js';
import { companyInfo, syncPreferences } from './seed.js';
import { qboSettingsPatchSchema, type QboEmulatorSettings } from './settings.js';
import type { CompanySettings, Entity, Json, RealmStore } from './store.js';
import { qboDate } from './time-format.js';
import type { z } from 'zod';

export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface EmulatorCounters {
  /** Injected faults by kind (http500, dropAfterCommit, forcedThrottle, latency, webhookDuplicate…). */
  faults: Record<string, number>;
  /** Requests refused by the real rate limits, by limit. */
  throttled: Record<string, number>;
  /** Webhook delivery history rows by outcome. */
  webhooks: Record<string, number>;
}

/**
 * In-process control of a running emulator, with the same powers as the `/__admin` HTTP API. Inputs are
 * validated with the same zod schemas (a ZodError means bad input).
 */
export class QboEmulatorAdmin {
  constructor(private readonly state: QboEmulatorState) {}

  registerApp(input: OAuthAppInput): OAuthApp {
    const app = oauthAppSchema.parse(input);
    this.state.oauth.apps.set(app.clientId, app);
    return app;
  }

  listApps(): OAuthApp[] {
    return [...this.state.oauth.apps.values()];
  }

  createRealm(input: z.input<typeof createRealmSchema> = {}): { realmId: string; company: CompanySettings } {
    const { realmId, ...company } = createRealmSchema.parse(input);
    if (realmId !== undefined && this.state.realms.has(realmId))
      throw new AdminError(409, `Realm ${realmId} already exists`);
    const store = this.state.createRealm(realmId, company);
    return { realmId: store.realmId, company: store.company };
  }

  listRealms(): { realmId: string; company: CompanySettings }[] {
    return [...this.state.realms.values()].map((s) => ({ realmId: s.realmId, company: s.company }));
  }

  /** Changes company switches (categories feature, country, InventoryAdjustment support, quantity tracking). */
  updateCompany(realmId: string, patch: z.input<typeof companyPatchSchema>): CompanySettings {
    const store = this.realm(realmId);
    store.company = { ...store.company, ...companyPatchSchema.parse(patch) };
    const now = this.state.clock.now();
    store.put('CompanyInfo', companyInfo(store, now), now);
    syncPreferences(store, now);
    return store.company;
  }

  /** Tokens for an app and company without the browser flow; connects the app (webhooks start flowing). */
  issueTokens(input: z.input<typeof issueTokensSchema>): TokenResponse & { realmId: string } {
    const { clientId, realmId, scopes, includeHardExpiry } = issueTokensSchema.parse(input);
    if (!this.state.oauth.apps.has(clientId)) throw new AdminError(404, `Unknown app ${clientId}`);
    this.realm(realmId);
    return { ...this.state.oauth.connect(clientId, realmId, scopes, includeHardExpiry), realmId };
  }

  getSettings(): QboEmulatorSettings {
    return structuredClone(this.state.settings);
  }

  updateSettings(patch: unknown): QboEmulatorSettings {
    return structuredClone(this.state.updateSettings(qboSettingsPatchSchema.parse(patch)));
  }

  now(): Date {
    return this.state.clock.now();
  }

  advanceClock(input: z.input<typeof advanceClockSchema>): Date {
    this.state.clock.advance(advanceClockSchema.parse(input).ms);
    return this.state.clock.now();
  }

  /** A sparse update made "in the QBO UI" by another user: bumps SyncToken so the app's next write gets 5010. */
  editItemAsOtherUser(realmId: string, itemId: string, input: z.input<typeof editItemSchema>): Entity {
    const { changes, userName } = editItemSchema.parse(input);
    const current = this.realm(realmId).get('Item', itemId);
    if (!current) throw new AdminError(404, `Item ${itemId} not found`);
    return this.act(realmId, {
      entity: 'Item',
      operation: 'update',
      body: { ...changes, Id: itemId, SyncToken: current.SyncToken, sparse: true },
      userName,
    }) as Entity;
  }

  /**
   * Any write as a QBO user (no auth, no throttling; webhooks fire as for API writes). For update, delete and void
   * the current SyncToken is filled in when the body has none. QBO faults are thrown as QboFault.
   */
  act(realmId: string, input: z.input<typeof actSchema>): Json {
    const { entity, operation, body, userName } = actSchema.parse(input);
    const def = entityDef(entity);
    if (!def) throw new AdminError(404, `Unknown entity ${entity}`);
    const store = this.realm(realmId);
    const current = typeof body.Id === 'string' ? store.get(def.name, body.Id) : undefined;
    const filled =
      operation !== 'create' && body.SyncToken === undefined && current
        ? { ...body, SyncToken: current.SyncToken }
        : body;
    return executeWrite(this.state.context(store, userName), def, operation, filled);
  }

  getEntity(realmId: string, entity: string, id: string): Entity | undefined {
    const def = entityDef(entity);
    return def ? this.realm(realmId).get(def.name, id) : undefined;
  }

  /** Creates many items at once for load tests, without webhooks. Returns their ids. */
  seedItems(realmId: string, input: z.input<typeof seedItemsSchema>): string[] {
    const opts = seedItemsSchema.parse(input);
    const store = this.realm(realmId);
    const ctx = { ...this.state.context(store, 'Seeder'), emit: () => undefined };
    const ids: string[] = [];
    for (let i = 1; i <= opts.count; i++) {
      const common = {
        Name: `${opts.namePrefix} ${i}`,
        Sku: `${opts.namePrefix.toUpperCase()}-${i}`,
        Type: opts.type,
        UnitPrice: opts.unitPrice,
      };
      const body =
        opts.type === 'Inventory'
          ? {
              ...common,
              TrackQtyOnHand: true,
              QtyOnHand: opts.qtyOnHand,
              InvStartDate: qboDate(ctx.now),
              IncomeAccountRef: { value: '79' },
              ExpenseAccountRef: { value: '80' },
              AssetAccountRef: { value: '81' },
            }
          : { ...common, IncomeAccountRef: { value: opts.type === 'Service' ? '1' : '79' } };
      ids.push(createItem(ctx, body).Id);
    }
    return ids;
  }

  requestLog(filter: RequestLogFilter = {}): RequestLogEntry[] {
    return this.state.requestLog.entries(filter);
  }

  clearRequestLog(): void {
    this.state.requestLog.clear();
  }

  counters(): EmulatorCounters {
    const webhooks: Record<string, number> = {};
    for (const row of this.state.dispatcher.history()) webhooks[row.outcome] = (webhooks[row.outcome] ?? 0) + 1;
    return { faults: this.state.faultCounters.snapshot(), throttled: this.state.throttleCounters.snapshot(), webhooks };
  }

  webhookDeliveries(): DeliveryRecord[] {
    return this.state.dispatcher.history();
  }

  waitForWebhooksIdle(): Promise<void> {
    return this.state.webhooks.idle();
  }

  sendTestWebhook(clientId: string, realmId: string): void {
    if (!this.state.webhooks.sendTestEvent(clientId, realmId))
      throw new AdminError(404, `App ${clientId} has no webhook URL`);
  }

  /** Back to a fresh emulator: no companies, apps or tokens; logs, counters and settings reset. */
  reset(): void {
    this.state.reset();
  }

  private realm(realmId: string): RealmStore {
    const store = this.state.realms.get(realmId);
    if (!store) throw new AdminError(404, `Unknown realm ${realmId}`);
    return store;
  }
}
