import { createQboClient, type QboClient } from './qbo/client.js';
import { createQboOAuth } from './qbo/oauth.js';
import { createQboTokenProvider, type QboAccessTokenSource } from './qbo/token-provider.js';
import type { QboConfig } from './qbo/config.js';
import { createZuperClient, type ZuperClient } from './zuper/client.js';
import type { Store } from './store.js';
import { metrics } from '../observability/metrics.js';
import type { RateLimiter } from './rate-limiter.js';
import { createReadMeter, type ReadMeter } from './read-meter.js';
import { defaultMonthlyReadAllowance, meteredMonth, readUsage, type ReadUsage } from '../domain/metered-reads.js';
import type { System } from '../domain/systems.js';
import { loadQboTokens, qboRealmOf, withQboTokenLock } from './qbo/credentials.js';
import { loadZuperKey, zuperAccountOf } from './zuper/credentials.js';

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** read (GET), write (any other method) or batch (a QuickBooks batch, reads and writes together). */
const operationClass = (method: string, kind: 'request' | 'batch') =>
  kind === 'batch' ? 'batch' : method === 'GET' ? 'read' : 'write';

/** Counts and times one API response of either system: the one place every outbound call passes. */
function recordResponse(
  connectionId: string,
  system: System,
  response: { method: string; kind: 'request' | 'batch'; status: number; throttled: boolean; durationMs: number },
) {
  const status = statusClass(response.status);
  metrics.apiCalls.inc({ connection: connectionId, system, status });
  const operation = operationClass(response.method, response.kind);
  metrics.apiCallSeconds.observe({ system, operation, status }, response.durationMs / 1000);
  if (response.throttled) metrics.apiThrottled.inc({ connection: connectionId, system });
}

/**
 * Builds and caches each connection's API clients from its stored (sealed) credentials. Tokens refresh through the
 * store's row lock, API calls wait for the connection's shared rate budget, and every response is counted and
 * timed; QBO's metered reads are also counted per connection and month in the store (`readMeter`, written every few
 * seconds).
 */
export function createConnectionClients(deps: {
  store: Store;
  qboConfig: QboConfig;
  limiter: RateLimiter;
  readMeter?: ReadMeter;
  /** Metered reads the whole app may spend per calendar month (QBO_MONTHLY_READ_ALLOWANCE). */
  monthlyReadAllowance?: number;
  /** Records per page of QuickBooks Desktop's change reads (QBD_CHANGE_READ_PAGE_SIZE); unset: the defaults. */
  qbdChangeReadPageSize?: number;
}) {
  const allowance = deps.monthlyReadAllowance ?? defaultMonthlyReadAllowance;
  const readMeter =
    deps.readMeter ??
    createReadMeter(deps.store, {
      onError: (error) => console.warn('could not store the count of metered QuickBooks reads; retrying', error),
    });
  const qboClients = new Map<string, Promise<{ client: QboClient; realmId: string; tokens: QboAccessTokenSource }>>();
  const zuperClients = new Map<string, Promise<ZuperClient>>();
  const oauth = createQboOAuth(deps.qboConfig);

  const buildQbo = async (connectionId: string) => {
    const connection = await deps.store.connections.get(connectionId);
    const realmId = qboRealmOf(connection);
    if (!realmId) throw new Error(`connection "${connectionId}" is not connected to QuickBooks`);
    const tokens = createQboTokenProvider({
      oauth,
      store: {
        load: () => loadQboTokens(deps.store, connectionId),
        withRefreshLock: (fn) => withQboTokenLock(deps.store, connectionId, fn),
      },
    });
    const client = createQboClient({
      config: deps.qboConfig,
      realmId,
      tokens,
      hooks: {
        beforeRequest: ({ kind }) => deps.limiter.qbo(realmId, kind),
        afterResponse: (response) => {
          recordResponse(connectionId, 'qbo', response);
          if (response.meteredReads > 0) {
            readMeter.count(connectionId, response.meteredReads);
            metrics.qboMeteredReads.inc({ connection: connectionId }, response.meteredReads);
          }
        },
      },
    });
    return { client, realmId, tokens };
  };

  const buildZuper = async (connectionId: string) => {
    const { apiUrl, apiKey } = await loadZuperKey(deps.store, connectionId);
    const connection = await deps.store.connections.get(connectionId);
    const budgetKey = zuperAccountOf(connection).company ?? connectionId;
    return createZuperClient({
      apiBaseUrl: apiUrl,
      apiKey,
      hooks: {
        beforeRequest: () => deps.limiter.zuper(budgetKey),
        afterResponse: (response) => recordResponse(connectionId, 'zuper', { ...response, kind: 'request' }),
      },
    });
  };

  const cached =
    <T>(cache: Map<string, Promise<T>>, build: (id: string) => Promise<T>) =>
    (id: string) => {
      let entry = cache.get(id);
      if (!entry) {
        entry = build(id);
        cache.set(id, entry);
        entry.catch(() => cache.delete(id));
      }
      return entry;
    };

  /**
   * The app's metered reads this month: what every process stored plus what this one has not written yet (other
   * processes' last seconds are missing). Sets the usage gauges.
   */
  const readsThisMonth = async (
    now = new Date(),
  ): Promise<{ usage: ReadUsage; perConnection: { connectionId: string; reads: number }[] }> => {
    const month = meteredMonth(now);
    const stored = await deps.store.meteredReads.ofMonth(month);
    const pending = readMeter.pending(month);
    const perConnection = stored.map((row) => ({ ...row, reads: row.reads + (pending.get(row.connectionId) ?? 0) }));
    for (const [connectionId, reads] of pending) {
      if (!stored.some((row) => row.connectionId === connectionId)) perConnection.push({ connectionId, reads });
    }
    perConnection.sort((a, b) => b.reads - a.reads || a.connectionId.localeCompare(b.connectionId));
    const usage = readUsage(
      perConnection.reduce((sum, row) => sum + row.reads, 0),
      allowance,
      now,
    );
    metrics.qboReadsShare.set({ basis: 'used' }, usage.share);
    metrics.qboReadsShare.set({ basis: 'projected' }, usage.projectedShare);
    return { usage, perConnection };
  };

  return {
    readsThisMonth,
    /** Counts of metered QuickBooks reads not yet in the store; flush before reading the store for exact figures. */
    readMeter,
    qbo: async (connectionId: string) => (await cached(qboClients, buildQbo)(connectionId)).client,
    zuper: cached(zuperClients, buildZuper),
    /** QuickBooks Desktop is reached through each connection's work queue, which the Web Connector empties. */
    qbdQueue: deps.store.qbdQueue,
    ...(deps.qbdChangeReadPageSize === undefined
      ? {}
      : { qbdChangeReadPageSizes: { items: deps.qbdChangeReadPageSize, transactions: deps.qbdChangeReadPageSize } }),
    /** Refreshes the QBO access token when it is close to expiry (the provider decides under the row lock). */
    keepQboTokenFresh: async (connectionId: string) => {
      await (await cached(qboClients, buildQbo)(connectionId)).tokens.getAccessToken();
    },
    /** Drops cached clients after credentials change (reconnect, disconnect). */
    forget(connectionId: string) {
      qboClients.delete(connectionId);
      zuperClients.delete(connectionId);
    },
  };
}

export type ConnectionClients = ReturnType<typeof createConnectionClients>;
