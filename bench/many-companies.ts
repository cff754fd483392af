import { connectionIdFor, type Benchmark, type BenchEnvironment } from './support/benchmark.js';
import { waitQuiet } from './support/catalog.js';
import { drive, EVENT_TIMEOUT_MS, type Item } from './support/consumption-driver.js';
import {
  connectionsOutOfStep,
  evenShare,
  isDriverInvoice,
  latencyByConnection,
  loadByCompany,
  medianAndWorst,
  qboRealmOf,
  seedCompanies,
  zuperCompanyOf,
} from './support/many-companies.js';
import { summarize } from './support/percentiles.js';
import { atMost, exactly, figure, type BenchResult, type Figure } from './support/report.js';
import { RequestTally } from './support/request-tally.js';
import { sampleRss } from './support/rss.js';
import { startBenchStack, type BenchStack } from './support/stack.js';
import { WebhookArrivals } from './support/webhook-arrivals.js';
import { QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';

/** Zuper's lowest plan, which the service's default budget assumes. */
const ZUPER_PLAN = 200;
const START_QTY = 100_000;
/**
 * Consumptions per minute over all connections: about what this 2-core machine sustains with the whole stack on it
 * (webhook-to-quantity keeps p99 near 300 ms at 150/min). Per connection that is about one a minute, as a busy
 * company's day (200 consumptions in 8 hours) is spread over one deployment's companies.
 */
const PER_MINUTE = 240;
/** The slowest connection's p99 may be this many times the median connection's: beyond it, a connection starves. */
const FAIRNESS = 3;
const DRAIN_BOUND_MS = 120_000;

interface Phase {
  workers: number;
  consumptions: number;
  medianConnectionP99Ms: number;
  medianConnection: string;
  worstConnectionP99Ms: number;
  worstConnection: string;
  longestWaitMs: number;
  eventsPerConnection: { min: number; max: number };
  p50Ms: number;
  p99Ms: number;
  lost: number;
  drained: boolean;
  outOfStep: number;
  qboWorstPeak: number;
  zuperWorstPeak: number;
  zuperWorstPeakWithDriver: number;
  throttled: number;
  qboCallsPerConsumption: number;
  zuperCallsPerConsumption: number;
  peakRssMb: number;
  rssByWorker: string;
}

/** One consumption of each of `items` (in that order) at PER_MINUTE, with `stack.workers` running. */
async function measure(
  env: BenchEnvironment,
  stack: BenchStack,
  items: Item[],
  arrivals: WebhookArrivals,
): Promise<Phase> {
  const workers = stack.workers.length;
  const rss = stack.workers.map((w) => ({ pid: w.pid, sampler: sampleRss(w.pid, 500) }));
  const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
  const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
  const events = items.length;
  env.log(`many-companies: ${events} consumptions at ${PER_MINUTE}/min with ${workers} worker(s)`);
  const { outcomes, timedOut, timedOutConnections } = await drive(env, stack, items, arrivals, {
    events,
    perMinute: PER_MINUTE,
    label: `many-companies@${workers}w`,
  });
  const drained = await waitQuiet(stack.emulators, 5000, DRAIN_BOUND_MS).then(
    () => true,
    () => false,
  );
  const qbo = qboLog.stop();
  const zuperAll = zuperLog.stop();
  const zuper = zuperAll.filter((e) => !isDriverInvoice(e));
  const peakRss = rss.map(({ pid, sampler }) => ({ pid, mb: sampler.stop() }));
  const touched = items.slice(0, events);
  const latencies = latencyByConnection(outcomes, timedOutConnections, EVENT_TIMEOUT_MS);
  const { median, worst, longestWaitMs } = medianAndWorst(latencies);
  const overall = summarize(outcomes.flatMap((o) => (o.fromWebhookMs === null ? [] : [o.fromWebhookMs])));
  const worstPeak = (loads: { peak: number }[]) => Math.max(0, ...loads.map((l) => l.peak));
  const qboLoads = loadByCompany(qbo, qboRealmOf, 60_000);
  const zuperLoads = loadByCompany(zuper, zuperCompanyOf, 60_000);
  return {
    workers,
    consumptions: events,
    medianConnectionP99Ms: median?.p99Ms ?? Number.NaN,
    medianConnection: median?.connectionId ?? 'none',
    worstConnectionP99Ms: worst?.p99Ms ?? Number.NaN,
    worstConnection: worst?.connectionId ?? 'none',
    longestWaitMs,
    eventsPerConnection: {
      min: Math.min(...latencies.map((l) => l.events)),
      max: Math.max(...latencies.map((l) => l.events)),
    },
    p50Ms: overall.p50,
    p99Ms: overall.p99,
    lost: timedOut + outcomes.length - overall.count,
    drained,
    outOfStep: connectionsOutOfStep(stack, touched).length,
    qboWorstPeak: worstPeak(qboLoads),
    zuperWorstPeak: worstPeak(zuperLoads),
    zuperWorstPeakWithDriver: worstPeak(loadByCompany(zuperAll, zuperCompanyOf, 60_000)),
    throttled: [...qboLoads, ...zuperLoads].reduce((sum, l) => sum + l.throttled, 0),
    qboCallsPerConsumption: qbo.length / events,
    zuperCallsPerConsumption: zuper.length / events,
    peakRssMb: Math.max(...peakRss.map((r) => r.mb)),
    rssByWorker: peakRss.map((r) => `pid ${r.pid} ${r.mb.toFixed(0)} MB`).join(', '),
  };
}

/** One line per phase for each figure, so 1 and 2 workers read side by side. */
function phaseFigures(phases: Phase[]): Figure[] {
  const each = (key: string, label: string, value: (p: Phase) => number, unit = '', target?: Figure['target']) =>
    phases.map((p) => figure(`w${p.workers}.${key}`, `${p.workers}w: ${label}`, value(p), unit, target));
  return [
    ...each('consumptions', 'consumptions driven', (p) => p.consumptions),
    ...each('medianConnectionP99Ms', 'median connection: p99 webhook → visible', (p) => p.medianConnectionP99Ms, 'ms'),
    ...each('worstConnectionP99Ms', 'worst connection: p99 webhook → visible', (p) => p.worstConnectionP99Ms, 'ms'),
    ...each(
      'worstToMedian',
      'worst connection p99 ÷ median connection p99',
      (p) => p.worstConnectionP99Ms / p.medianConnectionP99Ms,
      '',
      atMost(FAIRNESS),
    ),
    ...each('longestWaitMs', 'longest single wait, webhook → visible', (p) => p.longestWaitMs, 'ms'),
    ...each('p50Ms', 'all connections: p50 webhook → visible', (p) => p.p50Ms, 'ms'),
    ...each('p99Ms', 'all connections: p99 webhook → visible', (p) => p.p99Ms, 'ms'),
    ...each('lost', 'consumptions not followed within 60 s', (p) => p.lost, '', exactly(0)),
    ...each('drained', 'the backlog drained after the load (1 = yes)', (p) => (p.drained ? 1 : 0), '', exactly(1)),
    ...each('outOfStep', 'connections whose two sides disagree at the end', (p) => p.outOfStep, '', exactly(0)),
    ...each(
      'qboWorstCompanyPeak',
      'QBO: busiest realm, requests in any rolling minute',
      (p) => p.qboWorstPeak,
      '',
      atMost(QBO_REQUESTS_PER_MINUTE),
    ),
    ...each(
      'zuperWorstCompanyPeak',
      'Zuper: busiest company, service requests in any rolling minute',
      (p) => p.zuperWorstPeak,
      '',
      atMost(ZUPER_PLAN),
    ),
    ...each('throttled', '429 answers to the service (either API)', (p) => p.throttled, '', exactly(0)),
    ...each('qboCallsPerConsumption', 'QBO calls per consumption', (p) => p.qboCallsPerConsumption),
    ...each('zuperCallsPerConsumption', 'Zuper calls per consumption', (p) => p.zuperCallsPerConsumption),
    ...each('peakRssMb', 'worker peak RSS (largest worker)', (p) => p.peakRssMb, 'MB'),
  ];
}

/**
 * Many small companies on one deployment: random consumptions on all of them, first with one worker process, then
 * with a second one joining on the same task queue, over the same seeded connections.
 */
export const manyCompanies: Benchmark = {
  name: 'many-companies',
  defaultWorkers: 2,
  async run(env): Promise<BenchResult> {
    const connections = env.quick ? 20 : 200;
    const itemsPerConnection = env.size ?? (env.quick ? 100 : 500);
    const minutes = env.quick ? 1 : 5;
    // Without --workers: one worker, then two; with it (a sweep), only the count asked for.
    const counts = env.workers === null ? [1, 2] : [env.workers];
    const arrivals = new WebhookArrivals();
    const stack = await startBenchStack(env, {
      timeScale: 1,
      zuperPlanPerMinute: ZUPER_PLAN,
      workers: counts[0]!,
      intake: true,
      database: 'postgres',
      beforeListen: (app) => arrivals.install(app),
    });
    try {
      env.log(`many-companies: seeding ${connections} connections × ${itemsPerConnection} linked items`);
      const seededAt = performance.now();
      const items = await seedCompanies(
        stack,
        { connections, itemsPerConnection, qty: START_QTY, idPrefix: connectionIdFor(env, 'many') },
        (line) => env.log(`many-companies: ${line}`),
      );
      const seedSeconds = (performance.now() - seededAt) / 1000;
      const phases: Phase[] = [];
      // The same count for every connection, so each connection's p99 is over a sample of the same size.
      const perConnection = Math.max(1, Math.floor((PER_MINUTE * minutes) / connections));
      for (const [k, count] of counts.entries()) {
        while (stack.workers.length < count) await stack.addWorker();
        // Each phase consumes items of its own, so no item carries a workflow over from the phase before.
        const share = evenShare(items, { perConnection, skip: k * perConnection, seed: 17 + k });
        phases.push(await measure(env, stack, share, arrivals));
      }
      return {
        name: 'many-companies',
        description: `${connections} connections (a QBO company and a Zuper company each) × ${itemsPerConnection} linked items on one deployment: random consumptions on all of them for ${minutes} min, with ${counts.join(' then ')} worker process(es)`,
        figures: phaseFigures(phases),
        notes: [
          `Load: ${PER_MINUTE} consumptions a minute over all connections, alternating QBO invoices (entered as a user) and Zuper invoices (its API) of 1-3 units, ${perConnection} items of each connection per phase in a fixed random order (seed 17, then 18), each item at most once, so every connection has the same number of consumptions at random moments: ${phases.map((p) => `${p.workers}w ${p.eventsPerConnection.min}-${p.eventsPerConnection.max}`).join(', ')} consumptions per connection. Seeding (companies, webhooks, links written straight to the store) took ${seedSeconds.toFixed(0)} s.`,
          `Limits: each realm QBO's ${QBO_REQUESTS_PER_MINUTE}/min, each Zuper company the ${ZUPER_PLAN}/min plan, real time (timeScale 1); the service's budgets per company are QBO ${stack.budgets.qboRequestsPerMinute}/min and Zuper ${stack.budgets.zuperRequestsPerMinute}/min. Peaks: the most requests one company received from the service in any rolling 60 s of the emulators' logs, 429 answers included. With the driver's own Zuper invoices, the busiest Zuper company saw ${phases.map((p) => `${p.workers}w ${p.zuperWorstPeakWithDriver}`).join(', ')} in a minute.`,
          `Fairness: each connection's p99 of webhook POST → quantity visible on the other side over its ${perConnection} consumptions (nearest rank; below 100 consumptions that is its slowest one; a consumption not followed within ${EVENT_TIMEOUT_MS / 1000} s counts as ${EVENT_TIMEOUT_MS / 1000} s), the median connection's and the worst connection's (${phases.map((p) => `${p.workers}w: median ${p.medianConnection}, worst ${p.worstConnection}`).join('; ')}), and the longest single wait. Target: the worst within ${FAIRNESS}× the median.`,
          `Calls per consumption count every request the service sent during the phase and its drain (route reads, settles, own-echo skips), not the driver's Zuper invoices. Workers run no upkeep (no schedules, no watches), as in the other benchmarks.`,
          `Worker RSS sampled every 0.5 s during each phase: ${phases.map((p) => `${p.workers}w: ${p.rssByWorker}`).join('; ')}.`,
        ],
      };
    } finally {
      await stack.stop();
    }
  },
};
