import type { EmulatorClock } from '../common/clock.js';
import type { WebhookDispatcher } from '../common/webhook-dispatcher.js';
import { entityDef, type WebhookOperation } from './entities.js';
import type { OAuthApp } from './oauth-apps.js';
import type { QboEmulatorSettings } from './settings.js';
import {
  cloudEventsBody,
  cloudEventsSource,
  legacyBody,
  seededUuid,
  signature,
  type WebhookEvent,
} from './webhook-payloads.js';

export interface WebhookHubOptions {
  clock: EmulatorClock;
  rng: () => number;
  dispatcher: WebhookDispatcher;
  settings: () => QboEmulatorSettings['webhooks'];
  /** Apps connected to a company. */
  subscribers: (realmId: string) => OAuthApp[];
  /** Looks an app up for test events. */
  app: (clientId: string) => OAuthApp | undefined;
}

function subscribed(app: OAuthApp, entity: string, operation: WebhookOperation): boolean {
  if (!app.webhookEntities) return true;
  const key = Object.keys(app.webhookEntities).find((k) => k.toLowerCase() === entity.toLowerCase());
  const ops = key === undefined ? undefined : app.webhookEntities[key];
  return ops !== undefined && (ops.length === 0 || ops.includes(operation));
}

/**
 * Turns committed changes into webhook POSTs: collects events per app over the batching window, then sends one
 * signed POST per app (per realm unless multi-realm batches are on) through the shared dispatcher.
 */
export class WebhookHub {
  private readonly pending = new Map<string, WebhookEvent[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private flushed: (() => void)[] = [];

  constructor(private readonly opts: WebhookHubOptions) {}

  publish(change: { realmId: string; entity: string; id: string; operation: WebhookOperation; at: Date }): void {
    if (!entityDef(change.entity)?.webhooks) return;
    for (const app of this.opts.subscribers(change.realmId)) {
      if (!app.webhookUrl || !subscribed(app, change.entity, change.operation)) continue;
      this.queue(app.clientId, { ...change, eventId: seededUuid(this.opts.rng) });
    }
  }

  /** The portal's "Send test event": one Create event for customer 1 of the company, outside the filters. */
  sendTestEvent(clientId: string, realmId: string): boolean {
    const app = this.opts.app(clientId);
    if (!app?.webhookUrl) return false;
    this.queue(clientId, {
      realmId,
      entity: 'Customer',
      id: '1',
      operation: 'Create',
      at: this.opts.clock.now(),
      eventId: seededUuid(this.opts.rng),
    });
    return true;
  }

  /** Resolves when no events wait for their window and every POST is acknowledged or abandoned. */
  async idle(): Promise<void> {
    while (this.timers.size > 0) await new Promise<void>((resolve) => this.flushed.push(resolve));
    await this.opts.dispatcher.idle();
    if (this.timers.size > 0) await this.idle();
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.notifyFlushed();
  }

  private queue(clientId: string, event: WebhookEvent): void {
    const list = this.pending.get(clientId) ?? [];
    list.push(event);
    this.pending.set(clientId, list);
    if (!this.timers.has(clientId)) {
      const delay = this.opts.clock.scaled(this.opts.settings().batchWindowMs);
      this.timers.set(
        clientId,
        setTimeout(() => this.flush(clientId), delay),
      );
    }
  }

  private flush(clientId: string): void {
    this.timers.delete(clientId);
    const events = this.pending.get(clientId) ?? [];
    this.pending.delete(clientId);
    const app = this.opts.app(clientId);
    if (app?.webhookUrl && events.length > 0) {
      const s = this.opts.settings();
      const list = s.coalesce ? coalesce(events) : events;
      const groups = s.multiRealmBatches ? [list] : [...groupBy(list, (e) => e.realmId).values()];
      for (const group of groups) {
        for (let i = 0; i < group.length; i += s.maxEventsPerPost)
          this.send(app, group.slice(i, i + s.maxEventsPerPost));
      }
    }
    this.notifyFlushed();
  }

  private send(app: OAuthApp, events: WebhookEvent[]): void {
    const s = this.opts.settings();
    const cloud = app.webhookFormat === 'cloudevents';
    const body = cloud ? cloudEventsBody(events, cloudEventsSource(app.clientId)) : legacyBody(events);
    const headers: Record<string, string> = {
      'content-type': cloud ? s.cloudEventsContentType : 'application/json; charset=utf-8',
      'intuit-signature': signature(body, app.verifierToken),
      'intuit-t-id': seededUuid(this.opts.rng),
      'intuit-created-time': this.opts.clock.now().toISOString(),
      'user-agent': 'intuit_notification_server/0.1',
    };
    if (!cloud) headers['intuit-notification-schema-version'] = '0.1';
    this.opts.dispatcher.enqueue({ url: app.webhookUrl ?? '', body, headers });
  }

  private notifyFlushed(): void {
    const waiters = this.flushed;
    this.flushed = [];
    for (const resolve of waiters) resolve();
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** Several events for the same record within one window become its latest event. */
function coalesce(events: WebhookEvent[]): WebhookEvent[] {
  const latest = new Map<string, WebhookEvent>();
  for (const e of events) {
    const k = `${e.realmId}|${e.entity}|${e.id}`;
    latest.delete(k);
    latest.set(k, e);
  }
  return [...latest.values()];
}
