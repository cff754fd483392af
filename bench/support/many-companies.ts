import { createRng } from '../../emulators/common/rng.js';
import type { RequestLogEntry } from '../../emulators/common/admin.js';
import { seedConnection } from '../../harness/connection.js';
import { qboQty, zuperQty } from './catalog.js';
import type { Item, Outcome } from './consumption-driver.js';
import { seedLinkedPairs } from './linked-pairs.js';
import { peakInWindow, percentile } from './percentiles.js';
import type { BenchStack } from './stack.js';

/** Connections seeded at a time: each takes a few admin calls and Zuper's webhook registration. */
const SEED_CONCURRENCY = 10;

/**
 * `connections` connections, each with a QBO company and a Zuper company of its own (QBO the master, Zuper webhooks
 * registered to the intake) and `itemsPerConnection` linked items seeded directly (seedLinkedPairs), with the
 * emulators' limits off while seeding. Returns every item, connection by connection.
 */
export async function seedCompanies(
  stack: BenchStack,
  options: { connections: number; itemsPerConnection: number; qty: number; idPrefix: string },
  log: (line: string) => void,
): Promise<Item[]> {
  stack.emulators.setRateLimits(false);
  const items: Item[] = [];
  for (let from = 0; from < options.connections; from += SEED_CONCURRENCY) {
    const seeded = await Promise.all(
      Array.from({ length: Math.min(SEED_CONCURRENCY, options.connections - from) }, async (_, k) => {
        const connection = await seedConnection(stack.ctx, stack.emulators, {
          connectionId: `${options.idPrefix}-${from + k}`,
          master: 'qbo',
          zuperWebhooks: true,
        });
        const pairs = await seedLinkedPairs(stack, connection, options.itemsPerConnection, options.qty);
        return pairs.map((pair) => ({ connection, ...pair }));
      }),
    );
    items.push(...seeded.flat());
    if ((from + SEED_CONCURRENCY) % 50 === 0)
      log(`seeded ${from + SEED_CONCURRENCY}/${options.connections} connections`);
  }
  stack.emulators.setRateLimits(true);
  return items;
}

/** The items in an order fixed by `seed`, so consumptions land on random connections and items yet repeat exactly. */
export function shuffled<T>(values: readonly T[], seed: number): T[] {
  const random = createRng(seed);
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The same number of consumptions for every connection: `perConnection` items of each (its items from `skip` on, so a
 * later phase takes items of its own), in an order fixed by `seed` so the connections' turns are spread at random
 * over the window. Every connection's p99 is then taken over a sample of the same size.
 */
export function evenShare<T extends { connection: { connectionId: string } }>(
  items: readonly T[],
  options: { perConnection: number; skip: number; seed: number },
): T[] {
  const byConnection = new Map<string, T[]>();
  for (const item of items) {
    const own = byConnection.get(item.connection.connectionId);
    if (own) own.push(item);
    else byConnection.set(item.connection.connectionId, [item]);
  }
  const share = [...byConnection].flatMap(([connectionId, own]) => {
    const taken = own.slice(options.skip, options.skip + options.perConnection);
    if (taken.length < options.perConnection) {
      throw new RangeError(
        `connection ${connectionId} has ${own.length} items, fewer than ${options.skip + options.perConnection}`,
      );
    }
    return taken;
  });
  return shuffled(share, options.seed);
}

/** Connections whose two sides disagree on some item's quantity (a consumption not followed, or followed twice). */
export function connectionsOutOfStep(stack: BenchStack, items: readonly Item[]): string[] {
  const out = new Set<string>();
  for (const { connection, qboItemId, zuperUid } of items) {
    const qbo = qboQty(stack.emulators, connection.realmId, qboItemId);
    if (qbo !== zuperQty(stack.emulators, connection.zuperCompany, zuperUid)) out.add(connection.connectionId);
  }
  return [...out];
}

/** What one company's API saw from the service: the most requests in any rolling window, refused ones included. */
export interface CompanyLoad {
  company: string;
  /** Requests in the busiest window, 429 answers included (each was a request the service chose to send). */
  peak: number;
  /** Every request the company received from the service, refused ones included. */
  requests: number;
  throttled: number;
}

/**
 * Per company: the busiest `windowMs` of its requests and its 429 answers. The emulators stamp their logs in real time
 * and shrink their windows by the time scale, so an API minute is 60 s ÷ the time scale. `companyOf` names an entry's
 * company; entries it cannot name are left out.
 */
export function loadByCompany(
  entries: readonly RequestLogEntry[],
  companyOf: (entry: RequestLogEntry) => string | undefined,
  windowMs: number,
): CompanyLoad[] {
  const byCompany = new Map<string, RequestLogEntry[]>();
  for (const entry of entries) {
    const company = companyOf(entry);
    if (company === undefined) continue;
    const own = byCompany.get(company);
    if (own) own.push(entry);
    else byCompany.set(company, [entry]);
  }
  return [...byCompany].map(([company, own]) => ({
    company,
    peak: peakInWindow(
      own.map((e) => Date.parse(e.at)),
      windowMs,
    ),
    requests: own.length,
    throttled: own.filter((e) => e.status === 429).length,
  }));
}

/** The realm of a QuickBooks API request (`/v3/company/:realmId/…`). */
export const qboRealmOf = (entry: RequestLogEntry): string | undefined =>
  /\/v3\/company\/([^/]+)\//.exec(entry.path)?.[1];

/** Zuper's requests carry their company in the log (the one whose API key authenticated them). */
export const zuperCompanyOf = (entry: RequestLogEntry): string | undefined => entry.company;

/** Our driver's own Zuper invoices: consumptions, not the service's calls. */
export const isDriverInvoice = (entry: RequestLogEntry) => entry.method === 'POST' && entry.path === '/api/invoice';

export interface ConnectionLatency {
  connectionId: string;
  events: number;
  p99Ms: number;
  /** The connection's slowest consumption. */
  maxMs: number;
}

/**
 * Each connection's p99 of webhook POST → quantity visible, ascending: the fairness of one deployment is whether the
 * slowest connection is far behind the typical one. A consumption not followed in time counts as `timeoutMs` for its
 * connection (a lower bound), so a connection whose consumptions time out ranks last instead of dropping out.
 */
export function latencyByConnection(
  outcomes: readonly Outcome[],
  timedOutConnections: readonly string[] = [],
  timeoutMs = Number.POSITIVE_INFINITY,
): ConnectionLatency[] {
  const byConnection = new Map<string, number[]>();
  const add = (connectionId: string, ms: number) => {
    const values = byConnection.get(connectionId);
    if (values) values.push(ms);
    else byConnection.set(connectionId, [ms]);
  };
  for (const o of outcomes) if (o.fromWebhookMs !== null) add(o.connectionId, o.fromWebhookMs);
  for (const connectionId of timedOutConnections) add(connectionId, timeoutMs);
  return [...byConnection]
    .map(([connectionId, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { connectionId, events: values.length, p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1)! };
    })
    .sort((a, b) => a.p99Ms - b.p99Ms);
}

/**
 * The median connection (nearest rank) and the worst of an ascending list, and the longest single wait of any
 * connection.
 */
export function medianAndWorst(latencies: readonly ConnectionLatency[]): {
  median: ConnectionLatency | undefined;
  worst: ConnectionLatency | undefined;
  longestWaitMs: number;
} {
  const median = latencies[Math.max(0, Math.ceil(latencies.length / 2) - 1)];
  const longestWaitMs = latencies.length === 0 ? Number.NaN : Math.max(...latencies.map((l) => l.maxMs));
  return { median, worst: latencies.at(-1), longestWaitMs };
}
