import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../../storage/repositories/connections.js';
import { classifyQboEvents } from '../../../integrations/qbo/webhook-events.js';
import type { QboWebhookEvent } from '../../../integrations/qbo/webhook-payload.js';
import { qboCredentialRow } from '../../support/stored-credentials.js';

const connection = (id: string, realmId: string, hasQboTokens = true): Connection => ({
  id,
  displayName: id,
  accountingSystem: 'qbo',
  fieldSystem: 'zuper',
  storedSettings: {},
  status: hasQboTokens ? 'active' : 'disconnected',
  statusReason: null,
  credentials: qboCredentialRow({ realmId, connected: hasQboTokens }),
  connectedSystems: hasQboTokens ? ['qbo'] : [],
});

const now = new Date('2026-03-01T00:00:00Z');
const week = 7 * 24 * 60 * 60_000;
const event = (
  realmId: string,
  entity: string,
  deliveryId: string,
  occurredAt: Date | null = now,
): QboWebhookEvent => ({
  realmId,
  entity,
  entityId: '1',
  operation: 'Update',
  deliveryId,
  occurredAt,
});

test('hands off item and stock-transaction changes of connected realms, and says why it ignores the rest', () => {
  const realms = new Map([
    ['r1', connection('c1', 'r1')],
    ['r2', connection('c2', 'r2', false)],
    ['r3', null],
  ]);
  const events = [
    event('r1', 'Item', 'd1'),
    event('r1', 'Invoice', 'd2'),
    event('r1', 'InventoryAdjustment', 'd3'),
    event('r3', 'Item', 'd4'),
    event('r2', 'Item', 'd5'),
    event('r1', 'Customer', 'd6'),
    event('r1', 'Item', 'd7', new Date('2026-02-20T00:00:00Z')),
    event('r1', 'Bill', 'd8', null),
    event('r9', 'Item', 'd9'),
  ];
  const result = classifyQboEvents(events, realms, now, week);
  assert.deepEqual(
    result.toHandOff.map((h) => [h.event.deliveryId, h.connectionId]),
    [
      ['d1', 'c1'],
      ['d2', 'c1'],
      ['d3', 'c1'],
      ['d8', 'c1'],
    ],
  );
  assert.deepEqual(
    result.ignored.map((i) => [i.event.deliveryId, i.outcome, i.reason]),
    [
      ['d4', 'unknown_realm', 'no connection has this QuickBooks company'],
      ['d5', 'qbo_not_connected', 'the connection is disconnected from QuickBooks'],
      ['d6', 'ignored_entity', 'Customer changes do not affect items or stock'],
      ['d7', 'stale', 'older than the replay window'],
      ['d9', 'unknown_realm', 'no connection has this QuickBooks company'],
    ],
  );
});
