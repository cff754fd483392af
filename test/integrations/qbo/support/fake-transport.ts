import type { QboCall, QboTransport } from '../../../../integrations/qbo/transport.js';
import { parseQboResponse } from '../../../../integrations/qbo/schema-parse.js';

/** A transport that answers from a function and records every call; validation runs as in the real one. */
export function fakeTransport(answer: (call: QboCall) => unknown): QboTransport & { calls: QboCall[] } {
  const calls: QboCall[] = [];
  return {
    realmId: '123',
    calls,
    send(call, schema) {
      calls.push(call);
      return Promise.resolve().then(() => parseQboResponse(schema, answer(call), `${call.method} ${call.path}`));
    },
  };
}

export function itemJson(id: number, overrides: Record<string, unknown> = {}) {
  return {
    Id: String(id),
    SyncToken: '0',
    Name: `Item ${id}`,
    Type: 'Inventory',
    Active: true,
    TrackQtyOnHand: true,
    QtyOnHand: 5,
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: '2025-01-01T00:00:00-08:00', LastUpdatedTime: '2025-01-01T00:00:00-08:00' },
    ...overrides,
  };
}
