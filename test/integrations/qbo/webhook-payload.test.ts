import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseQboPayload } from '../../../integrations/qbo/webhook-payload.js';

const legacy = {
  eventNotifications: [
    {
      realmId: '9130348651234567',
      dataChangeEvent: {
        entities: [
          { name: 'Item', id: '19', operation: 'Update', lastUpdated: '2025-09-10T20:11:02.000Z' },
          { name: 'Invoice', id: '130', operation: 'Create', lastUpdated: '2015-10-05T14:42:19-0700' },
        ],
      },
    },
    {
      realmId: '42',
      dataChangeEvent: {
        entities: [{ name: 'Customer', id: '5', operation: 'Merge', deletedId: '7', lastUpdated: 1757535063000 }],
      },
    },
  ],
};

test('a legacy payload becomes one change per entity across realms, with hashed delivery ids', () => {
  const result = parseQboPayload(legacy);
  assert.ok(result.ok);
  assert.equal(result.payload.format, 'legacy');
  const expectedId = (...fields: unknown[]) => createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  assert.deepEqual(result.payload.events, [
    {
      realmId: '9130348651234567',
      entity: 'Item',
      entityId: '19',
      operation: 'Update',
      deliveryId: expectedId('9130348651234567', 'Item', '19', 'Update', '2025-09-10T20:11:02.000Z'),
      occurredAt: new Date('2025-09-10T20:11:02.000Z'),
    },
    {
      realmId: '9130348651234567',
      entity: 'Invoice',
      entityId: '130',
      operation: 'Create',
      deliveryId: expectedId('9130348651234567', 'Invoice', '130', 'Create', '2015-10-05T14:42:19-0700'),
      occurredAt: new Date('2015-10-05T21:42:19.000Z'),
    },
    {
      realmId: '42',
      entity: 'Customer',
      entityId: '5',
      operation: 'Merge',
      deliveryId: expectedId('42', 'Customer', '5', 'Merge', 1757535063000),
      occurredAt: new Date(1757535063000),
    },
  ]);
  assert.deepEqual(result.payload.unrecognised, []);
});

test('the same legacy event parsed twice gets the same delivery id; a different lastUpdated a different one', () => {
  const first = parseQboPayload(legacy);
  const again = parseQboPayload(structuredClone(legacy));
  const later = structuredClone(legacy);
  later.eventNotifications[0]!.dataChangeEvent.entities[0]!.lastUpdated = '2025-09-10T20:12:00.000Z';
  const third = parseQboPayload(later);
  assert.ok(first.ok && again.ok && third.ok);
  assert.equal(first.payload.events[0]!.deliveryId, again.payload.events[0]!.deliveryId);
  assert.notEqual(first.payload.events[0]!.deliveryId, third.payload.events[0]!.deliveryId);
});

test('CloudEvents become changes keyed by their id, with entity and operation from the type', () => {
  const result = parseQboPayload([
    {
      specversion: '1.0',
      id: 'd1a3aedd-9670-41bf-a4f9-c148a1cc4e03',
      source: 'intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=',
      type: 'qbo.item.updated.v1',
      time: '2025-10-07T19:59:07.034359333Z',
      intuitentityid: '19',
      intuitaccountid: '310687',
      data: {},
    },
    { id: 'e2', type: 'qbo.salesreceipt.deleted.v1', intuitentityid: '7', intuitaccountid: '310687' },
    { id: 'e3', type: 'qbo.inventoryadjustment.voided.v1', intuitentityid: '8', intuitaccountid: '1' },
    { id: 'e4', type: 'intuit.test.ping', intuitentityid: '0', intuitaccountid: '1' },
  ]);
  assert.ok(result.ok);
  assert.equal(result.payload.format, 'cloudevents');
  assert.deepEqual(result.payload.events, [
    {
      realmId: '310687',
      entity: 'Item',
      entityId: '19',
      operation: 'Update',
      deliveryId: 'd1a3aedd-9670-41bf-a4f9-c148a1cc4e03',
      occurredAt: new Date('2025-10-07T19:59:07.034Z'),
    },
    {
      realmId: '310687',
      entity: 'SalesReceipt',
      entityId: '7',
      operation: 'Delete',
      deliveryId: 'e2',
      occurredAt: null,
    },
    {
      realmId: '1',
      entity: 'InventoryAdjustment',
      entityId: '8',
      operation: 'Void',
      deliveryId: 'e3',
      occurredAt: null,
    },
  ]);
  assert.deepEqual(result.payload.unrecognised, [{ deliveryId: 'e4', realmId: '1', type: 'intuit.test.ping' }]);
});

test('unknown entity names and verbs pass through capitalised', () => {
  const result = parseQboPayload([
    { id: 'x', type: 'qbo.widget.restored.v2', intuitentityid: '1', intuitaccountid: '2' },
  ]);
  assert.ok(result.ok);
  assert.equal(result.payload.events[0]!.entity, 'Widget');
  assert.equal(result.payload.events[0]!.operation, 'Restored');
});

test('shapes that are neither format, or lack the fields routing needs, are refused with the offending paths', () => {
  const cases: [unknown, string][] = [
    [{ hello: 'world' }, 'legacy payload: eventNotifications: Invalid input: expected array, received undefined'],
    ['text', 'legacy payload: (body): Invalid input: expected object, received string'],
    [
      [{ id: 'e1', type: 'qbo.item.updated.v1', intuitentityid: '1' }],
      'CloudEvents payload: [0].intuitaccountid: Invalid input: expected string, received undefined',
    ],
    [
      {
        eventNotifications: [
          { realmId: '1', dataChangeEvent: { entities: [{ name: 'Item', id: 19, operation: 'Update' }] } },
        ],
      },
      'legacy payload: eventNotifications[0].dataChangeEvent.entities[0].id: Invalid input: expected string, received number',
    ],
  ];
  for (const [body, error] of cases) assert.deepEqual(parseQboPayload(body), { ok: false, error });
});

test('events with control characters or unpaired surrogates in an id are set apart by position; the rest parse', () => {
  const cloud = parseQboPayload([
    { id: 'a', type: 'qbo.item.updated.v1', intuitaccountid: '1', intuitentityid: '5' },
    { id: 'b', type: 'qbo.item.updated.v1', intuitaccountid: '1', intuitentityid: '5\u0000' },
    { id: 'c\udc00', type: 'qbo.item.updated.v1', intuitaccountid: '1', intuitentityid: '6' },
    { id: 'd', type: 'odd\u001b', intuitaccountid: '1', intuitentityid: '7' },
    { id: 'e\ud83d\ude00', type: 'qbo.item.updated.v1', intuitaccountid: '1', intuitentityid: '8' },
  ]);
  assert.ok(cloud.ok);
  assert.deepEqual(
    cloud.payload.events.map((e) => e.deliveryId),
    ['a', 'e\ud83d\ude00'],
    'a surrogate pair (an emoji) is text like any other',
  );
  assert.deepEqual(
    cloud.payload.invalid.map((i) => i.position),
    [1, 2, 3],
  );
  const legacyResult = parseQboPayload({
    eventNotifications: [
      { realmId: '1', dataChangeEvent: { entities: [{ name: 'Item', id: '\ud800', operation: 'Update' }] } },
      { realmId: '2', dataChangeEvent: { entities: [{ name: 'Item', id: '9', operation: 'Update' }] } },
    ],
  });
  assert.ok(legacyResult.ok);
  assert.deepEqual(
    legacyResult.payload.events.map((e) => e.entityId),
    ['9'],
  );
  assert.deepEqual(legacyResult.payload.invalid, [
    { position: 0, reason: 'an id holds control characters or unpaired surrogates' },
  ]);
});
