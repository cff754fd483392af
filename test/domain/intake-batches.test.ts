import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formIntakeBatches, type PendingDelivery } from '../../domain/intake-batches.js';

const idFor = (source: string, connectionId: string, first: string) => `${source}:${connectionId}:${first}`;
const fresh = (source: 'qbo' | 'zuper', connectionId: string, deliveryId: string): PendingDelivery => ({
  source,
  connectionId,
  deliveryId,
  batchId: null,
});

test('deliveries form one batch per source and connection, named after the first, in arrival order', () => {
  const { batches, assignments } = formIntakeBatches(
    [fresh('qbo', 'a', '1'), fresh('qbo', 'b', '2'), fresh('zuper', 'a', '3'), fresh('qbo', 'a', '4')],
    100,
    idFor,
  );
  assert.deepEqual(batches, [
    { batchId: 'qbo:a:1', source: 'qbo', connectionId: 'a', size: 2 },
    { batchId: 'qbo:b:2', source: 'qbo', connectionId: 'b', size: 1 },
    { batchId: 'zuper:a:3', source: 'zuper', connectionId: 'a', size: 1 },
  ]);
  assert.deepEqual(
    assignments.map((a) => [a.deliveryId, a.batchId]),
    [
      ['1', 'qbo:a:1'],
      ['2', 'qbo:b:2'],
      ['3', 'zuper:a:3'],
      ['4', 'qbo:a:1'],
    ],
  );
});

test('a batch holds at most batchSize deliveries; the next one starts a new batch', () => {
  const pending = ['1', '2', '3', '4', '5'].map((id) => fresh('qbo', 'a', id));
  const { batches } = formIntakeBatches(pending, 2, idFor);
  assert.deepEqual(
    batches.map((b) => [b.batchId, b.size]),
    [
      ['qbo:a:1', 2],
      ['qbo:a:3', 2],
      ['qbo:a:5', 1],
    ],
  );
});

test('deliveries already in a batch stay in it, whatever its size; new ones never join it', () => {
  const earlier = (id: string): PendingDelivery => ({ ...fresh('qbo', 'a', id), batchId: 'qbo:a:0' });
  const { batches, assignments } = formIntakeBatches(
    [earlier('0'), earlier('1'), earlier('2'), fresh('qbo', 'a', '3')],
    2,
    idFor,
  );
  assert.deepEqual(
    batches.map((b) => [b.batchId, b.size]),
    [
      ['qbo:a:0', 3],
      ['qbo:a:3', 1],
    ],
  );
  assert.equal(assignments.find((a) => a.deliveryId === '3')?.batchId, 'qbo:a:3');
});
