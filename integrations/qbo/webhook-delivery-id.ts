import { createHash } from 'node:crypto';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Legacy QBO events carry no id; these fields are what Intuit resends unchanged on a retry (docs/qbo-behaviour.md, "Webhook payloads and delivery"), so
 * their hash is a stable delivery id. The raw `lastUpdated` is used, not a parsed form, so no reformatting can split
 * one event into two.
 */
export const legacyQboDeliveryId = (e: {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  lastUpdated: string | number | undefined;
}) => sha256(JSON.stringify([e.realmId, e.entity, e.entityId, e.operation, e.lastUpdated ?? null]));
