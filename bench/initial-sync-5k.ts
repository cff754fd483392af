import type { Benchmark, BenchEnvironment } from './support/benchmark.js';
import { startLinkCatalog } from './support/catalog.js';
import { seedConnection } from '../harness/connection.js';
import { QBO_BATCHES_PER_MINUTE, QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
import { figure, atLeast, exactly, type BenchResult, type Figure } from './support/report.js';
import { accepted, callBreakdown, RequestTally, throttled } from './support/request-tally.js';
import { startBenchStack } from './support/stack.js';

const ZUPER_PLAN = 500;

interface DirectionResult {
  figures: Figure[];
  notes: string[];
}

/**
 * The service's initial linking of a catalog that exists only in the master: every item is copied to the other
 * system. The emulators' clock runs `timeScale` times faster, and so do the service's budgets.
 */
async function syncDirection(
  env: BenchEnvironment,
  master: 'qbo' | 'zuper',
  size: number,
  timeScale: number,
  boundMs: number,
): Promise<DirectionResult> {
  const stack = await startBenchStack(env, {
    timeScale,
    zuperPlanPerMinute: ZUPER_PLAN,
    workers: env.workers ?? 1,
    intake: false,
    database: 'postgres',
  });
  try {
    const connection = await seedConnection(stack.ctx, stack.emulators, {
      connectionId: `init-${master}`,
      master,
      zuperWebhooks: false,
    });
    if (master === 'qbo') {
      stack.emulators.qbo.admin.seedItems(connection.realmId, { count: size, namePrefix: 'Stock Item', qtyOnHand: 20 });
    } else {
      stack.emulators.zuper.admin.generateProducts(connection.zuperCompany, {
        count: size,
        product_type: 'PRODUCT',
        name_prefix: 'Stock Product',
        quantity_per_location: 20,
        location_uids: [connection.locations.main],
      });
    }
    const qboLog = new RequestTally(stack.emulators.qbo.admin).start();
    const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
    env.log(
      `initial-sync: ${size} ${master === 'qbo' ? 'QBO items → Zuper' : 'Zuper products → QBO'} at timeScale ${timeScale}`,
    );
    const started = performance.now();
    const handle = await startLinkCatalog(stack, connection.connectionId);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), boundMs)));
    const result = await Promise.race([handle.result(), bound]);
    clearTimeout(timer);
    const realSeconds = (performance.now() - started) / 1000;
    const nominalMinutes = (realSeconds / 60) * timeScale;
    const qboCalls = qboLog.stop();
    const zuperCalls = zuperLog.stop();
    const links = (await stack.ctx.store.links.list(connection.connectionId)).length;
    if (!result) await handle.terminate('benchmark time bound reached');
    const failed = result?.failed ?? [];

    const batches = qboCalls.filter((e) => e.path.endsWith('/batch')).length;
    const qboFraction = accepted(qboCalls).length / (nominalMinutes * QBO_REQUESTS_PER_MINUTE);
    const zuperFraction = accepted(zuperCalls).length / (nominalMinutes * ZUPER_PLAN);
    const throttledFailures = failed.filter((f) =>
      /throttl|rate limit|too many requests|429/i.test(`${f.error} ${f.fix ?? ''}`),
    ).length;
    const name = master === 'qbo' ? 'qboMaster' : 'zuperMaster';
    const label = master === 'qbo' ? 'QBO→Zuper' : 'Zuper→QBO';
    return {
      figures: [
        figure(
          `${name}Copied`,
          `${label}: items linked${result ? '' : ` within the ${boundMs / 1000} s bound`}`,
          links,
          '',
          result ? exactly(size) : undefined,
        ),
        figure(`${name}NominalMinutes`, `${label}: duration in API time`, nominalMinutes, 'min'),
        figure(`${name}ItemsPerMinute`, `${label}: items linked per API minute`, links / nominalMinutes, '/min'),
        figure(
          `${name}ProjectedMinutes`,
          `${label}: projected time for all ${size} items`,
          (size * nominalMinutes) / links,
          'min',
        ),
        figure(
          `${name}CeilingFraction`,
          `${label}: fraction of the busier API's ceiling`,
          Math.max(qboFraction, zuperFraction),
          '',
          atLeast(0.8),
        ),
        figure(`${name}QboFraction`, `${label}: QBO calls ÷ (500/min × duration)`, qboFraction),
        figure(`${name}ZuperFraction`, `${label}: Zuper calls ÷ (${ZUPER_PLAN}/min × duration)`, zuperFraction),
        figure(`${name}QboCallsPerItem`, `${label}: QBO calls per item linked`, qboCalls.length / links),
        figure(`${name}ZuperCallsPerItem`, `${label}: Zuper calls per item linked`, zuperCalls.length / links),
        figure(`${name}QboThrottled`, `${label}: QBO 429 answers (retried)`, throttled(qboCalls).length),
        figure(`${name}ZuperThrottled`, `${label}: Zuper 429 answers (retried)`, throttled(zuperCalls).length),
        figure(
          `${name}ThrottledFailures`,
          `${label}: throttles that surfaced as failures`,
          throttledFailures,
          '',
          exactly(0),
        ),
        figure(`${name}Failed`, `${label}: link actions failed (any cause)`, failed.length),
      ],
      notes: [
        result
          ? `${label}: completed; link summary ${JSON.stringify(result.summary)}.`
          : `${label}: stopped at the ${boundMs / 1000} s time bound with ${links} of ${size} items linked (terminated); the fraction is the rate over the measured window.`,
        `${label}: ${(accepted(qboCalls).length / realSeconds).toFixed(0)} QBO and ${(accepted(zuperCalls).length / realSeconds).toFixed(0)} Zuper calls per real second against scaled ceilings of ${((QBO_REQUESTS_PER_MINUTE * timeScale) / 60).toFixed(0)} and ${((ZUPER_PLAN * timeScale) / 60).toFixed(0)}/s; QBO batch requests: ${batches}${batches === 0 ? ' (the sync does not use batch, so the QBO ceiling is 500 requests/min; with batch it would add 40 batches of 30 per minute)' : ''}.`,
        `${label}: QBO calls: ${callBreakdown(qboCalls)}; QBO refusals by limit: ${JSON.stringify(stack.emulators.qbo.admin.counters().throttled)}`,
        `${label}: Zuper calls: ${callBreakdown(zuperCalls)}`,
        ...failed.slice(0, 3).map((f) => `${label}: failed ${f.action.action}: ${f.error}`),
      ],
    };
  } finally {
    await stack.stop();
  }
}

/** Initial sync of a 5,000-item catalog in each direction, as a fraction of the API rate-limit ceiling. */
export const initialSync5k: Benchmark = {
  name: 'initial-sync-5k',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const size = env.quick ? 300 : 5000;
    const boundMs = env.quick ? 60_000 : 100_000;
    // Zuper-bound (3 Zuper calls per QBO item) and QBO-bound (1 QBO call per Zuper product): each direction's clock is
    // sped up only as far as this 2-core machine still copies faster than the scaled limit allows.
    const qboScale = env.quick ? 10 : 4;
    const zuperScale = env.quick ? 10 : 2;
    const qbo = await syncDirection(env, 'qbo', size, qboScale, boundMs);
    const zuper = await syncDirection(env, 'zuper', size, zuperScale, boundMs);
    return {
      name: 'initial-sync-5k',
      description: `Initial sync of ${size} items in each direction (QBO master: QBO items copied to Zuper; Zuper master: Zuper products copied to QBO)`,
      figures: [...qbo.figures, ...zuper.figures],
      notes: [
        `Ceilings: QBO ${QBO_REQUESTS_PER_MINUTE} requests/min per realm (plus ${QBO_BATCHES_PER_MINUTE} batches/min, unused), Zuper plan ${ZUPER_PLAN}/min. The fraction is (calls the emulator accepted) ÷ (limit × duration) for each API; the busier API is judged.`,
        `Time scale: the emulators' clock runs ${qboScale}× (QBO master) and ${zuperScale}× (Zuper master) faster, their rate windows shrink accordingly and the service's budgets grow by the same factor; durations and rates are in API (nominal) time. The fraction is scale-independent as long as the service, not the machine, paces the calls (calls per real second below the scaled ceiling, see below): on a busier machine a scaled run understates it. Each direction is bounded to ${boundMs / 1000} s of real time.`,
        `Throttles that surfaced as failures: link actions reported failed with a rate-limit cause; 429s retried by the activity are counted separately. No webhooks are registered (initial sync only).`,
        ...qbo.notes,
        ...zuper.notes,
      ],
    };
  },
};
