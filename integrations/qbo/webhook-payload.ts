import { z } from 'zod';
import { isStorableText } from '../../domain/input-rules.js';
import { describeIssues } from '../../domain/describe-issues.js';
import { legacyQboDeliveryId } from './webhook-delivery-id.js';
import { parseQboEventTime } from './webhook-event-time.js';
import { parseCloudEventType } from './webhook-entity-names.js';

/** One entity change from a QBO webhook POST, whichever payload format carried it. */
export interface QboWebhookEvent {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  deliveryId: string;
  occurredAt: Date | null;
}

export interface ParsedQboPayload {
  format: 'legacy' | 'cloudevents';
  events: QboWebhookEvent[];
  /** CloudEvents whose `type` is not a QBO entity event (nothing to route); reported, not fatal. */
  unrecognised: { deliveryId: string; realmId: string; type: string }[];
  /** Events (by position in the POST) with text no id can hold: refused alone, never stored. */
  invalid: { position: number; reason: string }[];
}

const storable = (...fields: string[]) => fields.every(isStorableText);
const invalidText = 'an id holds control characters or unpaired surrogates';

const id = z.string().min(1).max(200);
const time = z.union([z.string().max(64), z.number()]).optional();

const legacySchema = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: id,
      dataChangeEvent: z.object({
        entities: z.array(z.object({ name: id, id, operation: id, lastUpdated: time })),
      }),
    }),
  ),
});

const cloudEventsSchema = z.array(
  z.object({ id, type: z.string().min(1).max(200), intuitaccountid: id, intuitentityid: id, time }),
);

export type QboPayloadResult = { ok: true; payload: ParsedQboPayload } | { ok: false; error: string };

/**
 * Reads both payload formats (docs/qbo-behaviour.md, "Webhook payloads and delivery": legacy `eventNotifications`, CloudEvents array) into one list of
 * changes, each with the delivery id it is deduplicated on: the CloudEvents `id` (kept across Intuit's retries), or a
 * hash of the legacy fields. Only the fields routing needs are validated; anything else Intuit adds is ignored.
 */
export function parseQboPayload(body: unknown): QboPayloadResult {
  if (Array.isArray(body)) {
    const parsed = cloudEventsSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: `CloudEvents payload: ${describeIssues(parsed.error)}` };
    const payload: ParsedQboPayload = { format: 'cloudevents', events: [], unrecognised: [], invalid: [] };
    parsed.data.forEach((e, position) => {
      if (!storable(e.id, e.type, e.intuitaccountid, e.intuitentityid)) {
        payload.invalid.push({ position, reason: invalidText });
        return;
      }
      const kind = parseCloudEventType(e.type);
      if (!kind) {
        payload.unrecognised.push({ deliveryId: e.id, realmId: e.intuitaccountid, type: e.type });
        return;
      }
      payload.events.push({
        realmId: e.intuitaccountid,
        entity: kind.entity,
        entityId: e.intuitentityid,
        operation: kind.operation,
        deliveryId: e.id,
        occurredAt: parseQboEventTime(e.time),
      });
    });
    return { ok: true, payload };
  }
  const parsed = legacySchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: `legacy payload: ${describeIssues(parsed.error)}` };
  const payload: ParsedQboPayload = { format: 'legacy', events: [], unrecognised: [], invalid: [] };
  const entities = parsed.data.eventNotifications.flatMap(({ realmId, dataChangeEvent }) =>
    dataChangeEvent.entities.map((e) => ({ realmId, ...e })),
  );
  entities.forEach((e, position) => {
    if (!storable(e.realmId, e.name, e.id, e.operation)) {
      payload.invalid.push({ position, reason: invalidText });
      return;
    }
    const change = { realmId: e.realmId, entity: e.name, entityId: e.id, operation: e.operation };
    payload.events.push({
      ...change,
      deliveryId: legacyQboDeliveryId({ ...change, lastUpdated: e.lastUpdated }),
      occurredAt: parseQboEventTime(e.lastUpdated),
    });
  });
  return { ok: true, payload };
}
