import { EmulatorClock } from '../common/clock.js';
import { FaultCounters } from '../common/fault-counters.js';
import { RequestLog } from '../common/admin.js';
import { createRng } from '../common/rng.js';
import { WebhookDispatcher } from '../common/webhook-dispatcher.js';
import type { OperationContext } from './operation-context.js';
import { OAuthStore } from './oauth-store.js';
import { defaultCompanySettings, seedRealm } from './seed.js';
import { defaultQboSettings, mergeSettings, type QboEmulatorSettings, type QboSettingsPatch } from './settings.js';
import type { CompanySettings, RealmStore } from './store.js';
import { Throttler } from './throttle.js';
import { WebhookHub } from './webhooks.js';

export interface QboEmulatorOptions {
  timeScale?: number;
  seed?: number;
  /** Simulated start time; defaults to now. */
  startAt?: Date;
  settings?: QboSettingsPatch;
}

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
