import { connectionIdFor, type Benchmark, type BenchEnvironment } from './support/benchmark.js';
import { linkCatalog, qboQty, waitQuiet, zuperQty } from './support/catalog.js';
import { seedConnection, type BenchConnection } from '../harness/connection.js';
import { QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
import { peakInWindow, summarize } from './support/percentiles.js';
import { figure, atMost, exactly, type BenchResult } from './support/report.js';
import { accepted, endpointOf, RequestTally, throttled } from './support/request-tally.js';
import { startBenchStack, type BenchStack } from './support/stack.js';
import { burst, consumeAlone, drive, type Item } from './support/consumption-driver.js';
import { callCauses, causesOf, perConsumption } from './support/call-causes.js';
import type { RequestLogEntry } from '../emulators/common/admin.js';
import { WebhookArrivals } from './support/webhook-arrivals.js';
import { stageTimings, startTraced } from './support/span-stages.js';

const ITEMS_PER_CONNECTION = 25;
const START_QTY = 100_000;
const ZUPER_PLAN = 500;
/** Paced to about 40 % of each API budget: 2-3 calls per system per event, events split over two companies. */
const EVENTS_PER_MINUTE = 150;
/** Consumptions of one item in one burst, after the paced drive. */
const BURST = 50;
/** Consumptions per direction made one at a time after the burst, each left to go quiet, to tell calls by cause. */
const ALONE = 5;

/** The driver's own Zuper invoices go through Zuper's API too; they are not the service's calls. */
const serviceCalls = (zuper: readonly RequestLogEntry[]) =>
  zuper.filter((e) => !(e.method === 'POST' && e.path === '/api/invoice'));

const bySystem = (qbo: readonly RequestLogEntry[], zuper: readonly RequestLogEntry[]) => [
  ...qbo.map((entry) => ({ system: 'qbo' as const, entry })),
  ...zuper.map((entry) => ({ system: 'zuper' as const, entry })),
];

/**
 * ALONE consumptions in `from`, one at a time on `item`, and the calls of each told by cause (`causesOf`): where the
 * calls per consumption go, free of the overlap of the paced drive.
 */
async function callsByCause(stack: BenchStack, item: Item, from: 'qbo' | 'zuper') {
  const causes = [];
  for (let k = 0; k < ALONE; k++) {
    const qbo = new RequestTally(stack.emulators.qbo.admin).start();
    const zuper = new RequestTally(stack.emulators.zuper.admin).start();
    const followed = await consumeAlone(stack, item, from, 1, 1500);
    const calls = bySystem(qbo.stop(), serviceCalls(zuper.stop()));
    if (!followed) throw new Error(`a lone ${from} consumption was not followed within the timeout`);
    causes.push(...causesOf(calls));
  }
  return perConsumption(causes, ALONE, (c) => c.cause, callCauses);
}

async function linkedItems(stack: BenchStack, connection: BenchConnection): Promise<Item[]> {
  const links = await stack.ctx.store.links.list(connection.connectionId);
  return links
    .filter((l) => l.tracksQuantity)
    .map((l) => ({ connection, qboItemId: l.accountingItemId, zuperUid: l.fieldItemId }));
}

/** Two connections (QBO master, Zuper master) with 25 linked items each, linked by the service's own workflow. */
async function seed(env: BenchEnvironment, stack: BenchStack): Promise<Item[]> {
  const { qbo, zuper } = stack.emulators;
  stack.emulators.setRateLimits(false);
  const a = await seedConnection(stack.ctx, stack.emulators, {
    connectionId: connectionIdFor(env, 'lat-qbo'),
    master: 'qbo',
    zuperWebhooks: true,
  });
  qbo.admin.seedItems(a.realmId, { count: ITEMS_PER_CONNECTION, namePrefix: 'Widget', qtyOnHand: START_QTY });
  const b = await seedConnection(stack.ctx, stack.emulators, {
    connectionId: connectionIdFor(env, 'lat-zuper'),
    master: 'zuper',
    zuperWebhooks: true,
  });
  zuper.admin.generateProducts(b.zuperCompany, {
    count: ITEMS_PER_CONNECTION,
    product_type: 'PRODUCT',
    name_prefix: 'Gadget',
    quantity_per_location: START_QTY,
    location_uids: [b.locations.main],
  });
  env.log('webhook-to-quantity: linking 2 × 25 items through the link workflow');
  await Promise.all([linkCatalog(stack, a.connectionId), linkCatalog(stack, b.connectionId)]);
  await waitQuiet(stack.emulators, 3000);
  stack.emulators.setRateLimits(true);
  const items = [...(await linkedItems(stack, a)), ...(await linkedItems(stack, b))];
  const unequal = items.filter(
    (i) =>
      qboQty(stack.emulators, i.connection.realmId, i.qboItemId) !==
      zuperQty(stack.emulators, i.connection.zuperCompany, i.zuperUid),
  );
  if (items.length !== 2 * ITEMS_PER_CONNECTION || unequal.length > 0) {
    throw new Error(`seeding left ${items.length} linked items, ${unequal.length} of them unequal`);
  }
  return items;
}

/** Webhook POST → quantity visible in the other system, over paced consumptions in both directions. */
export const webhookToQuantity: Benchmark = {
  name: 'webhook-to-quantity',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const events = env.quick ? 60 : 500;
    const arrivals = new WebhookArrivals();
    // Every process of the stack exports its spans; the stage table is read once all of them flushed on stop.
    const { started: stack, collector } = await startTraced((traceTo) =>
      startBenchStack(env, {
        timeScale: 1,
        zuperPlanPerMinute: ZUPER_PLAN,
        workers: env.workers ?? 1,
        intake: true,
        database: 'postgres',
        beforeListen: (app) => arrivals.install(app),
        traceTo,
      }),
    );
    const measured = { fromMs: Number.NaN, toMs: Number.NaN };
    let result: BenchResult;
    try {
      const items = await seed(env, stack);
      measured.fromMs = Date.now();
      const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
      const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
      env.log(`webhook-to-quantity: ${events} consumptions at ${EVENTS_PER_MINUTE}/min over ${items.length} items`);
      const { outcomes, timedOut, drivenMs } = await drive(env, stack, items, arrivals, {
        events,
        perMinute: EVENTS_PER_MINUTE,
        label: 'webhook-to-quantity',
      });
      await waitQuiet(stack.emulators, 3000);
      measured.toMs = Date.now();
      const qboRequests = qboLog.stop();
      const zuperAll = zuperLog.stop();
      const zuperRequests = serviceCalls(zuperAll);
      // A burst on one item of the Zuper-master connection (technicians consume in Zuper), with its own tallies.
      const burstItem = items.find((i) => i.connection.connectionId === connectionIdFor(env, 'lat-zuper'))!;
      const qboBurstLog = new RequestTally(stack.emulators.qbo.admin).start();
      const zuperBurstLog = new RequestTally(stack.emulators.zuper.admin).start();
      env.log(`webhook-to-quantity: a burst of ${BURST} Zuper consumptions on one item`);
      const burstOutcome = await burst(stack, burstItem, arrivals, BURST);
      await waitQuiet(stack.emulators, 3000);
      const qboBurst = qboBurstLog.stop();
      const zuperBurst = serviceCalls(zuperBurstLog.stop());
      const burstAdjustments = qboBurst.filter((e) => e.method === 'POST' && e.path.includes('inventoryadjustment'));
      env.log(`webhook-to-quantity: ${ALONE} lone consumptions each way, for the calls by cause`);
      const qboItem = items.find((i) => i.connection.connectionId === connectionIdFor(env, 'lat-qbo'))!;
      const aloneFromQbo = await callsByCause(stack, qboItem, 'qbo');
      const aloneFromZuper = await callsByCause(stack, burstItem, 'zuper');
      const unequal = items.filter(
        (i) =>
          qboQty(stack.emulators, i.connection.realmId, i.qboItemId) !==
          zuperQty(stack.emulators, i.connection.zuperCompany, i.zuperUid),
      ).length;

      const withWebhook = outcomes.flatMap((o) => (o.fromWebhookMs === null ? [] : [o.fromWebhookMs]));
      const latency = summarize(withWebhook);
      const byDirection = (from: 'qbo' | 'zuper') =>
        summarize(outcomes.flatMap((o) => (o.from === from && o.fromWebhookMs !== null ? [o.fromWebhookMs] : [])));
      const qboToZuper = byDirection('qbo');
      const zuperToQbo = byDirection('zuper');
      const fromConsumption = summarize(outcomes.map((o) => o.fromConsumptionMs));
      const stamp = (e: { at: string }) => Date.parse(e.at);
      const minutes = drivenMs / 60_000;
      result = {
        name: 'webhook-to-quantity',
        description: `Consumption in one system → webhook → quantity visible in the other, ${events} events over ${items.length} linked items in 2 connections, real API limits (timeScale 1)`,
        figures: [
          figure('events', 'consumptions measured (webhook seen, quantity followed)', latency.count),
          figure('p50Ms', 'webhook POST → visible, p50', latency.p50, 'ms'),
          figure('p99Ms', 'webhook POST → visible, p99', latency.p99, 'ms', atMost(300)),
          figure('maxMs', 'webhook POST → visible, max', latency.max, 'ms'),
          figure('qboToZuperP50Ms', 'QBO invoice → Zuper, p50', qboToZuper.p50, 'ms'),
          figure('qboToZuperP99Ms', 'QBO invoice → Zuper, p99', qboToZuper.p99, 'ms'),
          figure('zuperToQboP50Ms', 'Zuper invoice → QBO, p50', zuperToQbo.p50, 'ms'),
          figure('zuperToQboP99Ms', 'Zuper invoice → QBO, p99', zuperToQbo.p99, 'ms'),
          figure('consumptionP99Ms', 'consumption → visible (incl. webhook dispatch), p99', fromConsumption.p99, 'ms'),
          figure(
            'lost',
            'consumptions not followed within 60 s or without webhook',
            timedOut + outcomes.length - latency.count,
            '',
            exactly(0),
          ),
          figure('unequalAtEnd', 'items whose quantities differ at the end', unequal, '', exactly(0)),
          figure('qboCallsPerEvent', 'QBO API calls per consumption', qboRequests.length / events),
          figure('zuperCallsPerEvent', 'Zuper API calls per consumption', zuperRequests.length / events),
          figure(
            'burstFollowed',
            `burst of ${BURST} on one item: QuickBooks shows the total within 60 s`,
            burstOutcome.followed ? 1 : 0,
            '',
            exactly(1),
          ),
          figure(
            'burstFromLastWebhookMs',
            'burst: last webhook POST → total visible',
            burstOutcome.fromLastWebhookMs ?? Number.NaN,
            'ms',
          ),
          figure(
            'burstFromFirstMs',
            'burst: first consumption → total visible',
            burstOutcome.fromFirstConsumptionMs,
            'ms',
          ),
          figure('burstMovements', 'burst: QuickBooks adjustments written (coalesced)', burstAdjustments.length),
          figure('burstQboCalls', 'burst: QBO API calls per consumption', qboBurst.length / BURST),
          figure('burstZuperCalls', 'burst: Zuper API calls per consumption', zuperBurst.length / BURST),
          figure(
            'throttled',
            'API answers 429 (either system)',
            throttled(qboRequests).length + throttled(zuperAll).length,
          ),
        ],
        calls: [
          {
            title: `Paced drive: calls per consumption by endpoint (${events} consumptions, both directions)`,
            rows: perConsumption(bySystem(qboRequests, zuperRequests), events, (c) => endpointOf(c.entry)),
          },
          {
            title: `Burst: calls per consumption by endpoint (${BURST} Zuper consumptions of one item)`,
            rows: perConsumption(bySystem(qboBurst, zuperBurst), BURST, (c) => endpointOf(c.entry)),
          },
          { title: `QBO consumption alone: calls by cause (${ALONE}, one at a time)`, rows: aloneFromQbo },
          { title: `Zuper consumption alone: calls by cause (${ALONE}, one at a time)`, rows: aloneFromZuper },
        ],
        notes: [
          `Topology: emulators, the HTTP intake and this driver in one process; ${stack.workers.length} worker process(es) on one task queue; PostgreSQL; the run's Temporal server. QBO webhooks are signed CloudEvents, Zuper webhooks are registered through its API by connectZuper, both delivered by the emulators to the intake.`,
          `Paced at ${EVENTS_PER_MINUTE} consumptions/min (${(events / minutes).toFixed(0)}/min achieved), alternating QBO invoices (admin act) and Zuper invoices (its API, location Main Warehouse) of 1-3 units, one outstanding per item; connection "lat-qbo" has QBO as master, "lat-zuper" Zuper.`,
          `"Webhook POST" is when the emulator's POST reached the intake (hooks on the intake); "visible" is when a 2 ms poll of the emulator's in-process state first shows the expected quantity.`,
          `Limits: QBO ${QBO_REQUESTS_PER_MINUTE}/min per realm (service budget ${stack.budgets.qboRequestsPerMinute}), Zuper plan ${ZUPER_PLAN}/min (budget ${stack.budgets.zuperRequestsPerMinute}); peak per rolling minute seen: QBO ${peakInWindow(accepted(qboRequests).map(stamp), 60_000)} over both realms, Zuper ${peakInWindow(accepted(zuperAll).map(stamp), 60_000)} over both companies incl. the driver's invoices.`,
          `Calls by cause: ${ALONE} consumptions each way after the burst, one at a time, each followed and then left 1.5 s quiet, so every call in its window is its own. A movement-list read after our write is that write's echo; a quantity read after the first is a later pass of the settle (a request that reached the item after its pass began).`,
          `Stages: the spans (docs/observability.md) of every process, this one and the workers, exported over OTLP/HTTP to a collector in this process and read after the stack stopped (each process flushes its spans on stop); only spans that started between the end of seeding and the end of the drive. The figures above are measured with tracing on. RunWorkflow:itemQuantityWorkflow lasts an item workflow's whole run, its idle wait (ITEM_IDLE_TIMEOUT) included, and only runs that ended before the stack stopped appear; StartActivity:<type> is an activity as its workflow sees it (queueing and retries included), RunActivity:<type> one execution.`,
        ],
      };
    } finally {
      await stack.stop();
    }
    try {
      return { ...result, stages: stageTimings(collector.spans(), measured) };
    } finally {
      await collector.close();
    }
  },
};
