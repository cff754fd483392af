import { z } from 'zod';
import { EmulatorClock } from '../common/clock.js';
import { FaultCounters } from '../common/fault-counters.js';
import { RequestLog } from '../common/admin.js';
import { createRng } from '../common/rng.js';
import { WebhookDispatcher } from '../common/webhook-dispatcher.js';
import type { OperationContext } from './operation-context.js';
import { OAuthStore } from './oauth-store.js';
import { defaultCompanySettings, seedRealm } from './seed.js';
import { defaultQboSettings, mergeSettings, type QboEmulatorSettings, type QboSettingsPatch } from './settings.js';
import { RealmStore, type CompanySettings } from './store.js';
import { Throttler } from './throttle.js';
import { WebhookHub } from './webhooks.js';

export interface QboEmulatorOptions {
  timeScale?: number;
  seed?: number;
  /** Simulated start time; defaults to now. */
  startAt?: Date;
  settings?: QboSettingsPatch;
  /** A JSON file holding the companies, apps and tokens across restarts; none keeps them in memory only. */
  stateFile?: string;
}

const qboStateSchema = z.object({
  version: z.literal(1),
  clockMs: z.number(),
  realmCounter: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  realms: z.array(z.record(z.string(), z.unknown())),
  oauth: z.record(z.string(), z.unknown()),
});

/** Headers worth keeping in the request log. */
const loggedHeaders = ['authorization', 'content-type', 'accept', 'user-agent', 'intuit_tid'];

/** The emulator's whole state: clock, settings, companies, OAuth, throttles, webhooks and counters. */
export class QboEmulatorState {
  readonly clock: EmulatorClock;
  readonly rng: () => number;
  readonly realms = new Map<string, RealmStore>();
  readonly oauth: OAuthStore;
  readonly throttler: Throttler;
  readonly dispatcher: WebhookDispatcher;
  readonly webhooks: WebhookHub;
  readonly faultCounters = new FaultCounters();
  readonly throttleCounters = new FaultCounters();
  readonly requestLog: RequestLog;
  settings: QboEmulatorSettings;
  private readonly initialSettings: QboEmulatorSettings;
  private realmCounter = 0;

  constructor(opts: QboEmulatorOptions = {}) {
    this.clock = new EmulatorClock({
      timeScale: opts.timeScale ?? 1,
      ...(opts.startAt ? { startAt: opts.startAt } : {}),
    });
    this.rng = createRng(opts.seed ?? 1);
    this.initialSettings = mergeSettings(defaultQboSettings(), opts.settings ?? {});
    this.settings = this.initialSettings;
    this.oauth = new OAuthStore(this.clock, () => this.settings.oauth);
    this.throttler = new Throttler(this.clock, () => this.settings.throttle);
    this.dispatcher = new WebhookDispatcher({
      clock: this.clock,
      rng: this.rng,
      settings: () => this.settings.webhooks,
      counters: this.faultCounters,
    });
    this.webhooks = new WebhookHub({
      clock: this.clock,
      rng: this.rng,
      dispatcher: this.dispatcher,
      settings: () => this.settings.webhooks,
      subscribers: (realmId) => this.oauth.connectedApps(realmId),
      app: (clientId) => this.oauth.apps.get(clientId),
    });
    this.requestLog = new RequestLog({ headers: loggedHeaders, now: () => this.clock.now() });
  }

  updateSettings(patch: QboSettingsPatch): QboEmulatorSettings {
    this.settings = mergeSettings(this.settings, patch);
    return this.settings;
  }

  createRealm(realmId: string | undefined, company: Partial<CompanySettings>): RealmStore {
    const id = realmId ?? this.nextRealmId();
    if (this.realms.has(id)) throw new Error(`Realm ${id} already exists`);
    const store = seedRealm(id, { ...defaultCompanySettings(), ...company }, this.clock.now());
    this.realms.set(id, store);
    return store;
  }

  /** The company the authorize page connects to: the configured one, else the first, else a new one. */
  authorizeRealm(): string {
    const configured = this.settings.oauth.authorizeRealmId;
    if (configured) {
      if (!this.realms.has(configured)) this.createRealm(configured, {});
      return configured;
    }
    const first = this.realms.keys().next();
    return first.done ? this.createRealm(undefined, {}).realmId : first.value;
  }

  context(store: RealmStore, actor: string): OperationContext {
    return {
      store,
      settings: this.settings,
      now: this.clock.now(),
      emit: (change) => this.webhooks.publish(change),
      actor,
    };
  }

  /** What a restart must find again: companies, apps and tokens, settings, and the clock (never going back). */
  snapshot(): Record<string, unknown> {
    return {
      version: 1,
      clockMs: this.clock.now().getTime(),
      realmCounter: this.realmCounter,
      settings: this.settings,
      realms: [...this.realms.values()].map((realm) => realm.snapshot()),
      oauth: this.oauth.snapshot(),
    };
  }

  restore(saved: unknown): void {
    const state = qboStateSchema.parse(saved);
    this.realms.clear();
    for (const fields of state.realms) {
      const realm = RealmStore.restore(fields);
      this.realms.set(realm.realmId, realm);
    }
    this.oauth.restore(state.oauth);
    this.settings = mergeSettings(this.initialSettings, state.settings);
    this.realmCounter = state.realmCounter;
    const behind = state.clockMs - this.clock.now().getTime();
    if (behind > 0) this.clock.advance(behind);
  }

  reset(): void {
    this.realms.clear();
    this.oauth.reset();
    this.throttler.reset();
    this.webhooks.close();
    this.dispatcher.clearHistory();
    this.faultCounters.reset();
    this.throttleCounters.reset();
    this.requestLog.clear();
    this.settings = this.initialSettings;
    this.realmCounter = 0;
  }

  async close(): Promise<void> {
    this.webhooks.close();
    await this.dispatcher.close();
  }

  private nextRealmId(): string {
    for (;;) {
      const id = `9130${String(++this.realmCounter).padStart(12, '0')}`;
      if (!this.realms.has(id)) return id;
    }
  }
}
