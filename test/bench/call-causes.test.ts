import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { causesOf, perConsumption } from '../../bench/support/call-causes.js';

let seq = 0;
const call = (system: 'qbo' | 'zuper', method: string, path: string) => ({
  system,
  entry: { seq: ++seq, at: new Date(1_000 + seq).toISOString(), method, path, query: {}, headers: {}, body: null },
});

describe('calls by cause', () => {
  it('tells a Zuper consumption: its reads, a later pass and the write to QuickBooks', () => {
    const product = '/api/product/0f6c6a1e-8f7e-4c1b-9a55-2f7e1c2d3b4a';
    const calls = [
      call('zuper', 'GET', '/api/product/transaction'),
      call('zuper', 'GET', '/api/invoice/7d0b5f0e-1c2a-4b3c-8d9e-0f1a2b3c4d5e'),
      call('zuper', 'GET', product),
      call('qbo', 'POST', '/v3/company/9341453245/inventoryadjustment'),
      call('zuper', 'GET', product),
    ];
    assert.deepEqual(
      causesOf(calls).map((c) => c.cause),
      [
        'delivery: movement-list read',
        'delivery: invoice read (names the items)',
        'settle: quantity read',
        'write (the movement)',
        'settle: quantity read again (a later pass)',
      ],
    );
  });

  it('counts a movement-list read after our write as its echo, and sums per consumption', () => {
    const calls = [
      call('qbo', 'GET', '/v3/company/9341453245/invoice/145'),
      call('qbo', 'GET', '/v3/company/9341453245/item/12'),
      call('zuper', 'POST', '/api/product/0f6c6a1e-8f7e-4c1b-9a55-2f7e1c2d3b4a/outward'),
      call('zuper', 'GET', '/api/product/transaction'),
      call('qbo', 'GET', '/v3/company/9341453245/query'),
    ];
    const causes = causesOf(calls);
    assert.equal(causes[3]!.cause, 'echo of our write: movement-list read');
    assert.equal(causes[4]!.cause, 'watch / reconciliation');
    assert.deepEqual(
      perConsumption(causes, 2, (c) => c.cause, ['write (the movement)', 'other']),
      [
        { key: 'write (the movement)', qbo: 0, zuper: 0.5 },
        { key: 'delivery: invoice read (names the items)', qbo: 0.5, zuper: 0 },
        { key: 'settle: quantity read', qbo: 0.5, zuper: 0 },
        { key: 'echo of our write: movement-list read', qbo: 0, zuper: 0.5 },
        { key: 'watch / reconciliation', qbo: 0.5, zuper: 0 },
      ],
    );
  });
});
