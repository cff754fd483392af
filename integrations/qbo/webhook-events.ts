import type { Connection } from '../../storage/repositories/connections.js';
import { qboCredentials } from './credentials.js';
import { qboEntityConcernsSync } from './changed-items.js';
import { isStale } from './webhook-event-time.js';
import type { QboWebhookEvent } from './webhook-payload.js';

export interface IgnoredQboEvent {
  event: QboWebhookEvent;
  outcome: 'unknown_realm' | 'qbo_not_connected' | 'ignored_entity' | 'stale';
  reason: string;
}

export interface ClassifiedQboEvents {
  /** Events to hand to Temporal, each with the connection its realm belongs to. */
  toHandOff: { event: QboWebhookEvent; connectionId: string }[];
  ignored: IgnoredQboEvent[];
}

/**
 * Decides, per event, whether it is handed off or ignored and why. Ignoring is per event, never per POST: one POST
 * can carry several realms, and refusing it would make Intuit resend the other realms' events too.
 */
export function classifyQboEvents(
  events: QboWebhookEvent[],
  connectionOfRealm: ReadonlyMap<string, Connection | null>,
  now: Date,
  replayWindowMs: number,
): ClassifiedQboEvents {
  const result: ClassifiedQboEvents = { toHandOff: [], ignored: [] };
  for (const event of events) {
    const connection = connectionOfRealm.get(event.realmId) ?? null;
    const ignore = (outcome: IgnoredQboEvent['outcome'], reason: string) =>
      result.ignored.push({ event, outcome, reason });
    if (!connection) ignore('unknown_realm', 'no connection has this QuickBooks company');
    else if (!qboCredentials.isConnected(connection))
      ignore('qbo_not_connected', 'the connection is disconnected from QuickBooks');
    else if (!qboEntityConcernsSync(event.entity))
      ignore('ignored_entity', `${event.entity} changes do not affect items or stock`);
    else if (isStale(event.occurredAt, now, replayWindowMs)) ignore('stale', 'older than the replay window');
    else result.toHandOff.push({ event, connectionId: connection.id });
  }
  return result;
}
