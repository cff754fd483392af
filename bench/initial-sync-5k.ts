import type { Benchmark, BenchEnvironment } from './support/benchmark.js';
import { linkCatalogWithinBound } from './support/catalog.js';
import { seedConnection } from '../harness/connection.js';
import { QBO_BATCHES_PER_MINUTE, QBO_REQUESTS_PER_MINUTE } from '../harness/emulators.js';
import { figure, atMost, exactly, type BenchResult, type Figure } from './support/report.js';
import { floorMinutes, initialSyncMinimum } from './support/initial-sync-minimum.js';
import { accepted, callBreakdown, RequestTally, throttled } from './support/request-tally.js';
import { startBenchStack } from './support/stack.js';

/** Zuper's lowest plan, which the service's default budget assumes. */
const ZUPER_PLAN = 200;

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
    const { handle, result, realSeconds } = await linkCatalogWithinBound(stack, connection.connectionId, boundMs);
    const nominalMinutes = (realSeconds / 60) * timeScale;
    const qboCalls = qboLog.stop();
    const zuperCalls = zuperLog.stop();
    const links = (await stack.ctx.store.links.list(connection.connectionId)).length;
    if (!result) await handle.terminate('benchmark time bound reached');
    const failed = result?.failed ?? [];

    const batches = qboCalls.filter((e) => e.path.endsWith('/batch')).length;
    const throttledFailures = failed.filter((f) =>
      /throttl|rate limit|too many requests|429/i.test(`${f.error} ${f.fix ?? ''}`),
    ).length;
    // The emulators start with no item in QBO and one Zuper category ("Parts", where generated products go): a QBO
    // master's items (no category) need Zuper's default category created, a Zuper master's products need "Parts".
    const minimum = initialSyncMinimum({
      master,
      copied: size,
      qboRecords: master === 'qbo' ? size : 0,
      zuperProducts: master === 'zuper' ? size : 0,
      categoriesToCreate: 1,
      qboAccountsLookup: true,
    });
    const floor = floorMinutes(minimum, ZUPER_PLAN);
    const name = master === 'qbo' ? 'qboMaster' : 'zuperMaster';
    const label = master === 'qbo' ? 'QBO→Zuper' : 'Zuper→QBO';
    const perItem = (calls: number) => calls / size;
    return {
      figures: [
        figure(
          `${name}Copied`,
          `${label}: items linked${result ? '' : ` before the ${boundMs / 1000} s safety bound`}`,
          links,
          '',
          exactly(size),
        ),
        figure(`${name}QboCallsPerItem`, `${label}: QBO calls per item`, perItem(qboCalls.length)),
        figure(`${name}QboMinimumPerItem`, `${label}: QBO minimum per item`, perItem(minimum.total.qboRequests)),
        figure(
          `${name}QboCallsVsMinimum`,
          `${label}: QBO calls ÷ minimum`,
          qboCalls.length / minimum.total.qboRequests,
          '',
          atMost(1.1),
        ),
        figure(`${name}ZuperCallsPerItem`, `${label}: Zuper calls per item`, perItem(zuperCalls.length)),
        figure(`${name}ZuperMinimumPerItem`, `${label}: Zuper minimum per item`, perItem(minimum.total.zuper)),
        figure(
          `${name}ZuperCallsVsMinimum`,
          `${label}: Zuper calls ÷ minimum`,
          zuperCalls.length / minimum.total.zuper,
          '',
          atMost(1.1),
        ),
        figure(`${name}ProjectedMinutes`, `${label}: projected real wall time (API time)`, nominalMinutes, 'min'),
        figure(`${name}FloorMinutes`, `${label}: floor (minimum calls ÷ published limits)`, floor, 'min'),
        figure(`${name}WallVsFloor`, `${label}: wall time ÷ floor`, nominalMinutes / floor, '', atMost(1.15)),
        figure(`${name}QboBatches`, `${label}: QBO batch requests`, batches),
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
          : `${label}: did not complete within the ${boundMs / 1000} s safety bound (terminated) with ${links} of ${size} items linked.`,
        `${label}: minimum calls: read phase QBO ${minimum.read.qboRequests} (${minimum.read.qboBatches} batch), Zuper ${minimum.read.zuper}; write phase QBO ${minimum.write.qboRequests} (${minimum.write.qboBatches} batch), Zuper ${minimum.write.zuper}.`,
        `${label}: ${(accepted(qboCalls).length / realSeconds).toFixed(0)} QBO and ${(accepted(zuperCalls).length / realSeconds).toFixed(0)} Zuper calls per real second against scaled ceilings of ${((QBO_REQUESTS_PER_MINUTE * timeScale) / 60).toFixed(0)} and ${((ZUPER_PLAN * timeScale) / 60).toFixed(0)}/s.`,
        `${label}: QBO calls: ${callBreakdown(qboCalls)}; QBO refusals by limit: ${JSON.stringify(stack.emulators.qbo.admin.counters().throttled)}`,
        `${label}: Zuper calls: ${callBreakdown(zuperCalls)}`,
        ...failed.slice(0, 3).map((f) => `${label}: failed ${f.action.action}: ${f.error}`),
      ],
    };
  } finally {
    await stack.stop();
  }
}

/** Initial sync of a 5,000-item catalog in each direction, run to completion: calls and wall time against the floor. */
export const initialSync5k: Benchmark = {
  name: 'initial-sync-5k',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const size = env.quick ? 1000 : 5000;
    // Not a measuring window: a run that has not finished by then has hung, and is reported as incomplete.
    const boundMs = env.quick ? 300_000 : 1_200_000;
    // Each direction's clock is sped up only as far as this 2-core machine still copies faster than the scaled
    // limits allow (about one Zuper call per item one way, one QBO batch per 30 items the other).
    const qboScale = env.quick ? 10 : 4;
    const zuperScale = env.quick ? 10 : 4;
    const qbo = await syncDirection(env, 'qbo', size, qboScale, boundMs);
    const zuper = await syncDirection(env, 'zuper', size, zuperScale, boundMs);
    return {
      name: 'initial-sync-5k',
      description: `Initial sync of ${size} items in each direction, run to completion (QBO master: QBO items copied to Zuper; Zuper master: Zuper products copied to QBO)`,
      figures: [...qbo.figures, ...zuper.figures],
      notes: [
        `Minimum calls (docs/initial-sync.md): reading QBO's catalog takes 1 request (a batch counting the items and reading the first page of 1000) plus one batch per further 30 pages; Zuper's, one call per 100 products and one list of categories. Writing takes one Zuper create per product (its stock at the location rides on the create) and each missing category, or one QBO batch per 30 items, one per 30 missing categories and one accounts query. Calls counted: every request each emulator logged, 429s included.`,
        `Floor: the read phase (both catalogs, before anything can be matched) plus the write phase, each at the published limits: QBO ${QBO_REQUESTS_PER_MINUTE} requests/min and ${QBO_BATCHES_PER_MINUTE} batch requests/min per realm (a batch counts against both), Zuper plan ${ZUPER_PLAN}/min. The service keeps budgets a little under them (QBO 480 and 38 a minute, Zuper the same 96 % share of the plan here), and its bucket's burst is two seconds' worth.`,
        `Time scale: the emulators' clock runs ${qboScale}× (QBO master) and ${zuperScale}× (Zuper master) faster, their rate windows shrink accordingly and so does the minute the service's budgets are counted in; the wall time is in API (nominal) time, which is what a real company waits. It is scale-independent as long as the service, not the machine, paces the calls (calls per real second below the scaled ceilings, see below). No webhooks are registered (initial sync only).`,
        ...qbo.notes,
        ...zuper.notes,
      ],
    };
  },
};
