import { createHash, createHmac } from 'node:crypto';
import type { WebhookOperation } from './entities.js';

export interface WebhookEvent {
  realmId: string;
  entity: string;
  id: string;
  operation: WebhookOperation;
  at: Date;
  /** CloudEvents id: unique per event and kept across retries and duplicates. */
  eventId: string;
}

/** Legacy (schema 0.1) body: one `eventNotifications` element per realm. */
export function legacyBody(events: WebhookEvent[]): string {
  const byRealm = new Map<string, WebhookEvent[]>();
  for (const e of events) {
    const list = byRealm.get(e.realmId);
    if (list) list.push(e);
    else byRealm.set(e.realmId, [e]);
  }
  return JSON.stringify({
    eventNotifications: [...byRealm].map(([realmId, list]) => ({
      realmId,
      dataChangeEvent: {
        entities: list.map((e) => ({
          name: e.entity,
          id: e.id,
          operation: e.operation,
          lastUpdated: e.at.toISOString(),
        })),
      },
    })),
  });
}

// UNCONFIRMED: CloudEvents names for Merge, Void and Emailed; these follow the created/updated/deleted pattern.
const cloudEventVerb: Record<WebhookOperation, string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Merge: 'merged',
  Void: 'voided',
  Emailed: 'emailed',
};

/** CloudEvents 1.0 body: a JSON array, one object per event, `data` empty (receivers must re-read). */
export function cloudEventsBody(events: WebhookEvent[], source: string): string {
  return JSON.stringify(
    events.map((e) => ({
      specversion: '1.0',
      id: e.eventId,
      source,
      type: `qbo.${e.entity.toLowerCase()}.${cloudEventVerb[e.operation]}.v1`,
      datacontenttype: 'application/json',
      time: e.at.toISOString(),
      intuitentityid: e.id,
      intuitaccountid: e.realmId,
      data: {},
    })),
  );
}

/** `intuit-signature`: base64 HMAC-SHA256 of the exact body bytes keyed with the app's verifier token. */
export function signature(body: string, verifierToken: string): string {
  return createHmac('sha256', verifierToken).update(body, 'utf8').digest('base64');
}

/** The opaque, stable CloudEvents `source` of an app. */
export function cloudEventsSource(clientId: string): string {
  return `intuit.${createHash('sha256').update(clientId).digest('base64')}`;
}

/** A v4-shaped UUID drawn from the seeded generator, so runs are reproducible. */
export function seededUuid(rng: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
