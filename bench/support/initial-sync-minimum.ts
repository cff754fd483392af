import { QBO_BATCHES_PER_MINUTE, QBO_REQUESTS_PER_MINUTE } from '../../harness/emulators.js';

/** QBO's largest query page (MAXRESULTS), the operations one batch request holds, and Zuper's list page the client uses. */
const QBO_PAGE = 1000;
const QBO_BATCH = 30;
const ZUPER_PAGE = 100;

/** An initial sync to price: every master item is new to the other side (docs/initial-sync.md, "The minimum"). */
export interface InitialSyncScenario {
  master: 'qbo' | 'zuper';
  /** Master items copied. */
  copied: number;
  /** QBO Item records (items and categories) and Zuper products when the plan reads the catalogs. */
  qboRecords: number;
  zuperProducts: number;
  /** Categories the copies need that the other side lacks (Zuper's default category counts where it is missing). */
  categoriesToCreate: number;
  /** Whether QBO's accounts for new items must be looked up (not configured): one query. */
  qboAccountsLookup: boolean;
}

/** The fewest requests each API must answer; QBO batch requests also count against its 500 a minute. */
export interface MinimumCalls {
  qboRequests: number;
  qboBatches: number;
  zuper: number;
}

/** Both phases' minimum: the catalogs must be read (and matched) before the first copy can be written. */
export interface InitialSyncMinimum {
  read: MinimumCalls;
  write: MinimumCalls;
  total: MinimumCalls;
}

/**
 * Reading QBO's catalog: ceil(records / 1000) page queries, at most 30 to a batch request; the first request also
 * counts the records, so no page past the end is asked for (each query is a metered read).
 */
export const qboCatalogRequests = (records: number) => {
  const pages = Math.max(1, Math.ceil(records / QBO_PAGE));
  return 1 + Math.ceil((pages - 1) / QBO_BATCH);
};

/** Zuper's catalog: its product pages and the one list of categories that names them. */
export const zuperCatalogRequests = (products: number) => Math.max(1, Math.ceil(products / ZUPER_PAGE)) + 1;

export function initialSyncMinimum(scenario: InitialSyncScenario): InitialSyncMinimum {
  const qboRead = qboCatalogRequests(scenario.qboRecords);
  const read = { qboRequests: qboRead, qboBatches: qboRead, zuper: zuperCatalogRequests(scenario.zuperProducts) };
  const write =
    scenario.master === 'qbo'
      ? // One product create per item carries its stock at the location; categories are created first.
        { qboRequests: 0, qboBatches: 0, zuper: scenario.copied + scenario.categoriesToCreate }
      : {
          // Items go 30 to a batch request, categories (needed first) too; the accounts are one query.
          qboBatches: Math.ceil(scenario.copied / QBO_BATCH) + Math.ceil(scenario.categoriesToCreate / QBO_BATCH),
          qboRequests:
            Math.ceil(scenario.copied / QBO_BATCH) +
            Math.ceil(scenario.categoriesToCreate / QBO_BATCH) +
            (scenario.qboAccountsLookup ? 1 : 0),
          zuper: 0,
        };
  return {
    read,
    write,
    total: {
      qboRequests: read.qboRequests + write.qboRequests,
      qboBatches: read.qboBatches + write.qboBatches,
      zuper: read.zuper + write.zuper,
    },
  };
}

/** Minutes one phase takes at least: the busiest of the published limits it is held to. */
export const phaseMinutes = (calls: MinimumCalls, zuperPerMinute: number) =>
  Math.max(
    calls.qboRequests / QBO_REQUESTS_PER_MINUTE,
    calls.qboBatches / QBO_BATCHES_PER_MINUTE,
    calls.zuper / zuperPerMinute,
  );

/** The wall-time floor: the read phase, then the write phase, each at the published limits. */
export const floorMinutes = (minimum: InitialSyncMinimum, zuperPerMinute: number) =>
  phaseMinutes(minimum.read, zuperPerMinute) + phaseMinutes(minimum.write, zuperPerMinute);
