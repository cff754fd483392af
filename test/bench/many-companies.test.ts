import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import * as fleet from '../../bench/support/many-companies.js';
import { qboQty, zuperQty } from '../../bench/support/catalog.js';
import type { Item } from '../../bench/support/consumption-driver.js';
import { RequestTally } from '../../bench/support/request-tally.js';
import { startBenchStack, type BenchStack } from '../../bench/support/stack.js';
import { consumeInZuper, sellInQbo } from '../../harness/sales.js';
import type { RequestLogEntry } from '../../emulators/common/admin.js';
import { eventually } from '../support/eventually.js';

Runtime.install({ logger: new DefaultLogger('WARN') });

const CONNECTIONS = 3;
const ITEMS = 4;
const START_QTY = 50;
const CONSUMPTIONS = 90;
/**
 * Both APIs' per-company limit, far under what the consumptions below ask of each company at once, so the service's
 * per-company budgets decide the pace.
 */
const LIMIT = 8;
const TIME_SCALE = 10;
/** The emulators stamp their logs in real time and shrink their windows: an API minute lasts 6 s here. */
const API_MINUTE_MS = 60_000 / TIME_SCALE;

const entry = (at: string, path: string, status = 200, company?: string): RequestLogEntry => ({
  seq: 0,
  at,
  method: 'GET',
  path,
  query: {},
  headers: {},
  body: undefined,
  status,
  ...(company ? { company } : {}),
});

describe('many companies: the figures', () => {
  it('counts each company in its own rolling minutes, refused requests included', () => {
    const loads = fleet.loadByCompany(
      [
        entry('2026-01-01T00:00:00Z', '/v3/company/1/query'),
        entry('2026-01-01T00:00:59Z', '/v3/company/1/item/3', 429),
        entry('2026-01-01T00:01:00Z', '/v3/company/1/query'),
        entry('2026-01-01T00:00:10Z', '/v3/company/2/query'),
        entry('2026-01-01T00:00:10Z', '/oauth2/v1/tokens'),
      ],
      fleet.qboRealmOf,
      60_000,
    );
    assert.deepEqual(loads, [
      { company: '1', peak: 2, requests: 3, throttled: 1 },
      { company: '2', peak: 1, requests: 1, throttled: 0 },
    ]);
    assert.deepEqual(
      fleet.loadByCompany([entry('2026-01-01T00:00:00Z', '/api/product', 200, 'acme')], fleet.zuperCompanyOf, 60_000),
      [{ company: 'acme', peak: 1, requests: 1, throttled: 0 }],
    );
  });

  it('ranks connections by their own p99 and names the median and the worst', () => {
    const outcome = (connectionId: string, ms: number) => ({
      connectionId,
      from: 'qbo' as const,
      fromWebhookMs: ms,
      fromConsumptionMs: ms,
    });
    const ranked = fleet.latencyByConnection([
      outcome('a', 100),
      outcome('a', 300),
      outcome('b', 200),
      outcome('c', 900),
      { ...outcome('c', 5000), fromWebhookMs: null },
    ]);
    assert.deepEqual(
      ranked.map((l) => [l.connectionId, l.p99Ms, l.events]),
      [
        ['b', 200, 1],
        ['a', 300, 2],
        ['c', 900, 1],
      ],
    );
    const { median, worst, longestWaitMs } = fleet.medianAndWorst(ranked);
    assert.deepEqual([median?.connectionId, worst?.connectionId, longestWaitMs], ['a', 'c', 900]);
    const withTimeout = fleet.latencyByConnection([outcome('a', 100), outcome('c', 900)], ['b'], 60_000);
    assert.deepEqual(
      withTimeout.map((l) => [l.connectionId, l.p99Ms]),
      [
        ['a', 100],
        ['c', 900],
        ['b', 60_000],
      ],
      'a connection whose consumption was never followed ranks last',
    );
    const tail = fleet.medianAndWorst(
      fleet.latencyByConnection(
        Array.from({ length: 200 }, (_, k) => outcome(k < 100 ? 'a' : 'b', k === 0 ? 4000 : 100 + (k % 100))),
      ),
    );
    assert.deepEqual(
      [tail.worst?.connectionId, tail.worst?.p99Ms, tail.longestWaitMs],
      ['a', 199, 4000],
      "over 100 consumptions a connection's p99 leaves out its one slowest; the longest wait still shows it",
    );
  });

  it('gives every connection the same number of consumptions, spread in a fixed random order, phase by phase', () => {
    const items = ['a', 'b', 'c'].flatMap((connectionId) =>
      Array.from({ length: 5 }, (_, n) => ({ connection: { connectionId }, name: `${connectionId}${n}` })),
    );
    const first = fleet.evenShare(items, { perConnection: 2, skip: 0, seed: 17 });
    const second = fleet.evenShare(items, { perConnection: 2, skip: 2, seed: 18 });

    assert.deepEqual(
      first.map((item) => item.name),
      fleet.evenShare(items, { perConnection: 2, skip: 0, seed: 17 }).map((item) => item.name),
      'the same order every run',
    );
    assert.deepEqual(first.map((item) => item.name).sort(), ['a0', 'a1', 'b0', 'b1', 'c0', 'c1']);
    assert.deepEqual(second.map((item) => item.name).sort(), ['a2', 'a3', 'b2', 'b3', 'c2', 'c3']);
    assert.notDeepEqual(
      first.map((item) => item.connection.connectionId),
      ['a', 'a', 'b', 'b', 'c', 'c'],
      'connections take turns at random, not one after another',
    );
    assert.throws(() => fleet.evenShare(items, { perConnection: 2, skip: 4, seed: 17 }), /has 5 items, fewer than 6/);
  });
});

describe('many companies on one deployment', () => {
  let stack: BenchStack;
  let items: Item[];

  before(async () => {
    const temporalAddress = process.env.TEMPORAL_TEST_ADDRESS;
    if (!temporalAddress) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests with `npm test`');
    const silent = () => undefined;
    stack = await startBenchStack(
      { temporalAddress, temporalKind: 'dev server', quick: true, size: null, workers: null, log: silent },
      {
        timeScale: TIME_SCALE,
        qboRequestsPerMinute: LIMIT,
        zuperPlanPerMinute: LIMIT,
        workers: 0,
        inProcessWorker: true,
        intake: true,
        database: 'pglite',
        itemIdleTimeout: '2s',
      },
    );
    items = await fleet.seedCompanies(
      stack,
      { connections: CONNECTIONS, itemsPerConnection: ITEMS, qty: START_QTY, idPrefix: randomBytes(3).toString('hex') },
      silent,
    );
    // Zuper's plan window also counts our own invoices, which the service cannot know of: the plan gets room for
    // them above the limit the service's budget was derived from.
    for (const company of new Set(items.map((item) => item.connection.zuperCompany))) {
      stack.emulators.zuper.admin.updateCompanySettings(company, { rate_limit_per_minute: LIMIT + CONSUMPTIONS });
    }
  });
  after(() => stack.stop());

  it('follows random consumptions on every connection both ways, each company within its limit', async () => {
    const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
    const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
    const expected = new Map(items.map((item) => [item, START_QTY]));
    const order = fleet.shuffled(items, 5);
    for (let k = 0; k < CONSUMPTIONS; k++) {
      const item = order[k % order.length]!;
      const qty = 1 + (k % 3);
      if (k % 2 === 0) sellInQbo(stack.emulators, item.connection.realmId, item.qboItemId, qty);
      else await consumeInZuper(item.connection, item.zuperUid, qty);
      expected.set(item, expected.get(item)! - qty);
    }
    const quantities = () =>
      items.map((item) => [
        qboQty(stack.emulators, item.connection.realmId, item.qboItemId),
        zuperQty(stack.emulators, item.connection.zuperCompany, item.zuperUid),
      ]);
    const wanted = items.map((item) => [expected.get(item)!, expected.get(item)!]);
    await eventually(quantities, (now) => JSON.stringify(now) === JSON.stringify(wanted), 120_000, 'every item');
    assert.deepEqual(quantities(), wanted);
    assert.deepEqual(fleet.connectionsOutOfStep(stack, items), []);

    const qbo = qboLog.stop();
    const zuper = zuperLog.stop().filter((e) => !fleet.isDriverInvoice(e));
    const qboLoads = fleet.loadByCompany(qbo, fleet.qboRealmOf, API_MINUTE_MS);
    const zuperLoads = fleet.loadByCompany(zuper, fleet.zuperCompanyOf, API_MINUTE_MS);
    assert.equal(qboLoads.length, CONNECTIONS);
    assert.equal(zuperLoads.length, CONNECTIONS);
    for (const loads of [qboLoads, zuperLoads]) {
      // More than a minute's worth, asked for within seconds: only the company's budget spread them out.
      assert.ok(
        loads.some((load) => load.requests > LIMIT),
        `${JSON.stringify(loads)}: the limit was never in play`,
      );
      for (const load of loads) {
        assert.ok(load.peak <= LIMIT, `${load.company}: ${load.peak} requests in one minute, limit ${LIMIT}`);
      }
    }
    assert.deepEqual(
      [...qboLoads, ...zuperLoads].filter((l) => l.throttled > 0),
      [],
      'no company refused the service',
    );
  });
});
