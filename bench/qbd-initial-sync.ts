import type { SessionReport } from '../emulators/qbd/index.js';
import { maxRequestsPerMessage } from '../integrations/qbd/qbxml.js';
import type { Benchmark, BenchEnvironment } from './support/benchmark.js';
import { linkCatalogWithinBound } from './support/catalog.js';
import { zuperCatalogRequests } from './support/initial-sync-minimum.js';
import { atMost, exactly, figure, type BenchResult, type Figure } from './support/report.js';
import { callBreakdown, RequestTally, throttled } from './support/request-tally.js';
import { tallyQbdTraffic } from './support/qbd-exchanges.js';
import { startQbdBenchStack } from './support/qbd-stack.js';

/** Zuper's lowest plan, which the service's default budget assumes. */
const ZUPER_PLAN = 200;
/** Items a QuickBooks Desktop ItemQuery page holds as the catalog read asks (MaxReturned). */
const QBD_PAGE = 1000;
const POLL_REAL_SECONDS = 1;

/** What one direction must cost at least (docs/sides.md, "Benchmarks"). */
export function qbdInitialSyncMinimum(master: 'qbo' | 'zuper', items: number) {
  return master === 'qbo'
    ? {
        // The catalog through the iterator, every page in one session (an iterator ends with its session); an
        // iterator's page goes in an exchange of its own.
        qbxml: Math.max(1, Math.ceil(items / QBD_PAGE)),
        exchanges: Math.max(1, Math.ceil(items / QBD_PAGE)),
        polls: 1,
        // Zuper's empty catalog (a page and the categories), then a create per product and its default category.
        zuperRead: zuperCatalogRequests(0),
        zuperWrite: items + 1,
      }
    : {
        // The empty company's catalog (an iterator's page, alone in its exchange), then one ItemInventoryAddRq per
        // item, as many to an exchange as a message holds.
        qbxml: 1 + items,
        exchanges: 1 + Math.ceil(items / maxRequestsPerMessage),
        polls: 1,
        zuperRead: zuperCatalogRequests(items),
        zuperWrite: 0,
      };
}

async function syncDirection(
  env: BenchEnvironment,
  master: 'qbo' | 'zuper',
  size: number,
  zuperTimeScale: number,
  boundMs: number,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const bench = await startQbdBenchStack(env, {
    connectionId: `qbd-init-${master}`,
    master,
    pollRealSeconds: POLL_REAL_SECONDS,
    zuperPlanPerMinute: ZUPER_PLAN,
    zuperTimeScale,
    zuperWebhooks: false,
  });
  try {
    const { qbd, connector, connection, stack } = bench;
    if (master === 'qbo') {
      qbd.admin.seedItems(
        Array.from({ length: size }, (_, i) => ({
          fullName: `Stock Item ${String(i + 1).padStart(5, '0')}`,
          quantityOnHand: 20,
        })),
      );
    } else {
      stack.emulators.zuper.admin.generateProducts(connection.zuperCompany, {
        count: size,
        product_type: 'PRODUCT',
        name_prefix: 'Stock Product',
        quantity_per_location: 20,
        location_uids: [connection.mainLocation],
      });
    }
    const label = master === 'qbo' ? 'QBD→Zuper' : 'Zuper→QBD';
    env.log(`qbd-initial-sync: ${size} items ${label}, Zuper at timeScale ${zuperTimeScale}`);
    connector.start();
    const sessionsBefore = connector.sessions.length;
    const zuperLog = new RequestTally(stack.emulators.zuper.admin).start();
    const { handle, result, realSeconds } = await linkCatalogWithinBound(stack, connection.connectionId, boundMs);
    await connector.stop();
    const zuperCalls = zuperLog.stop();
    if (!result) await handle.terminate('benchmark time bound reached');
    const links = (await stack.ctx.store.links.list(connection.connectionId)).length;

    const sessions: SessionReport[] = connector.sessions.slice(sessionsBefore);
    const { link, watch, mixedExchanges } = tallyQbdTraffic(sessions);
    const minimum = qbdInitialSyncMinimum(master, size);
    const zuperMinimum = minimum.zuperRead + minimum.zuperWrite;
    const floorMinutes = zuperMinimum / ZUPER_PLAN;
    const nominalMinutes = master === 'qbo' ? (realSeconds / 60) * zuperTimeScale : realSeconds / 60;
    const name = master === 'qbo' ? 'qbdMaster' : 'zuperMaster';
    const perItem = (n: number) => n / size;
    return {
      figures: [
        figure(`${name}Copied`, `${label}: items linked`, links, '', exactly(size)),
        figure(`${name}Polls`, `${label}: Web Connector sessions carrying the link's requests`, link.sessions, ''),
        figure(`${name}PollsMinimum`, `${label}: sessions, minimum`, minimum.polls, ''),
        figure(`${name}Qbxml`, `${label}: the link's qbXML requests`, link.requests, ''),
        figure(`${name}QbxmlMinimum`, `${label}: qbXML requests, minimum`, minimum.qbxml, ''),
        figure(
          `${name}QbxmlVsMinimum`,
          `${label}: qbXML requests ÷ minimum`,
          link.requests / minimum.qbxml,
          '',
          atMost(1.1),
        ),
        figure(
          `${name}Exchanges`,
          `${label}: Web Connector exchanges carrying the link's requests`,
          link.exchanges,
          '',
        ),
        figure(`${name}ExchangesMinimum`, `${label}: exchanges, minimum`, minimum.exchanges, ''),
        figure(`${name}ExchangesVsMinimum`, `${label}: exchanges ÷ minimum`, link.exchanges / minimum.exchanges, ''),
        figure(`${name}ZuperCallsPerItem`, `${label}: Zuper calls per item`, perItem(zuperCalls.length), ''),
        figure(`${name}ZuperMinimumPerItem`, `${label}: Zuper minimum per item`, perItem(zuperMinimum), ''),
        figure(
          `${name}ZuperCallsVsMinimum`,
          `${label}: Zuper calls ÷ minimum`,
          zuperCalls.length / zuperMinimum,
          '',
          atMost(1.1),
        ),
        figure(`${name}ZuperThrottled`, `${label}: Zuper 429 answers (retried)`, throttled(zuperCalls).length, ''),
        figure(
          `${name}Minutes`,
          `${label}: wall time (${master === 'qbo' ? "Zuper's nominal time" : 'real time'})`,
          nominalMinutes,
          'min',
        ),
        figure(`${name}FloorMinutes`, `${label}: floor at Zuper's ${ZUPER_PLAN}/min`, floorMinutes, 'min'),
        figure(`${name}WatchQbxml`, `${label}: the quantity watch's qbXML requests meanwhile`, watch.requests, ''),
        figure(
          `${name}WatchExchanges`,
          `${label}: exchanges carrying the quantity watch's requests meanwhile`,
          watch.exchanges,
          '',
        ),
        figure(
          `${name}MixedExchanges`,
          `${label}: exchanges carrying both the link's and the watch's`,
          mixedExchanges,
          '',
        ),
      ],
      notes: [
        result
          ? `${label}: completed in ${realSeconds.toFixed(0)} s real; link summary ${JSON.stringify(result.summary)}${result.failed.length ? `; first failure: ${result.failed[0]!.error}` : ''}.`
          : `${label}: did not complete within the ${boundMs / 1000} s bound (terminated) with ${links} of ${size} linked.`,
        `${label}: ${sessions.length} sessions in all, the link's requests by type: ${JSON.stringify(link.byType)}; the watch's: ${JSON.stringify(watch.byType)}.`,
        `${label}: Zuper calls: ${callBreakdown(zuperCalls)}.`,
      ],
    };
  } finally {
    await bench.stop();
  }
}

/**
 * A first sync of a QuickBooks Desktop connection through the Web Connector, each direction: sessions and qbXML
 * requests against the fewest possible, and Zuper calls per item against Zuper's minimum.
 */
export const qbdInitialSync: Benchmark = {
  name: 'qbd-initial-sync',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const qbdSize = env.size ?? (env.quick ? 1000 : 5000);
    // Each create is one exchange and a chunk's creates go one after the other: the rate is per item, not per batch.
    const zuperSize = env.size ?? (env.quick ? 200 : 1000);
    const zuperTimeScale = env.quick ? 10 : 5;
    const boundMs = env.quick ? 300_000 : 1_500_000;
    const qbd = await syncDirection(env, 'qbo', qbdSize, zuperTimeScale, boundMs);
    const zuper = await syncDirection(env, 'zuper', zuperSize, 1, boundMs);
    const qbdMinimum = qbdInitialSyncMinimum('qbo', qbdSize);
    const zuperMinimum = qbdInitialSyncMinimum('zuper', zuperSize);
    return {
      name: 'qbd-initial-sync',
      description: `First sync of a QuickBooks Desktop connection through the Web Connector (a session every ${POLL_REAL_SECONDS} s real, its nominal minute scaled): ${qbdSize} QuickBooks Desktop items copied to Zuper, and ${zuperSize} Zuper products copied to QuickBooks Desktop`,
      figures: [...qbd.figures, ...zuper.figures],
      notes: [
        `Minimum, QBD master (${qbdSize} items): the catalog through ItemQuery's iterator at ${QBD_PAGE} a page, ceil(${qbdSize}/${QBD_PAGE}) = ${qbdMinimum.qbxml} requests, each alone in its exchange (an iterator's page may fill a message), so ${qbdMinimum.exchanges} exchanges, all in one session (an iterator ends with its session), so 1 poll; Zuper: its empty catalog (${qbdMinimum.zuperRead} calls: a product page and the categories) and one create per product plus its default category (${qbdMinimum.zuperWrite}); floor ${(qbdMinimum.zuperRead + qbdMinimum.zuperWrite) / ZUPER_PLAN} min at Zuper's ${ZUPER_PLAN} calls a minute (QuickBooks Desktop meters nothing).`,
        `Minimum, Zuper master (${zuperSize} products): Zuper's catalog at 100 a page and its categories (${zuperMinimum.zuperRead} calls); QuickBooks Desktop's empty catalog (1 ItemQueryRq, an iterator's page, alone in its exchange) and one ItemInventoryAddRq per item, ${zuperMinimum.qbxml} requests; the service sends up to ${maxRequestsPerMessage} queued requests in one exchange, so 1 + ceil(${zuperSize}/${maxRequestsPerMessage}) = ${zuperMinimum.exchanges} exchanges; every one could go in a single session, so 1 poll.`,
        `Each exchange's message is split into its requests (every …Rq element with a requestID), and each request is told as the link's or the quantity watch's (which runs as deployed, its six change queries 5 s after each answer) on its own, by its filters: the watch's carry FromModifiedDate (alone or in ModifiedDateRangeFilter) or are a deleted-records query. An exchange carrying both counts for both. No Zuper webhooks (initial sync only). The QBD-master direction runs Zuper's clock ${zuperTimeScale}× faster (its rate window shrinks with it, and so does the service's budget minute), so its wall time is in Zuper's nominal time; the Zuper-master direction runs at real time (its cost is the Web Connector's exchanges).`,
        ...qbd.notes,
        ...zuper.notes,
      ],
    };
  },
};
