import { randomUUID } from 'node:crypto';
import { cloudEventsBody, signature } from '../../emulators/qbo/webhook-payloads.js';

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** One QBO CloudEvents delivery exactly as the emulator sends it: one Invoice event with its own id, signed. */
export function invoiceDelivery(realmId: string, i: number, verifierToken: string): Delivery {
  const body = cloudEventsBody(
    [{ realmId, entity: 'Invoice', id: String(1000 + i), operation: 'Create', at: new Date(), eventId: randomUUID() }],
    'intuit.bench',
  );
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'intuit-signature': signature(body, verifierToken),
      'intuit-t-id': randomUUID(),
      'user-agent': 'intuit_notification_server/0.1',
    },
  };
}
