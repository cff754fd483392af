import { createQboClient, type QboClient } from '../integrations/qbo/client.js';
import { createQboOAuth } from '../integrations/qbo/oauth.js';
import { createQboTokenProvider, type QboAccessTokenSource } from '../integrations/qbo/token-provider.js';
import type { QboConfig } from '../integrations/qbo/config.js';
import { createZuperClient, type ZuperClient } from '../integrations/zuper/client.js';
import type { Store } from '../storage/index.js';
import { metrics } from '../observability/metrics.js';
import type { RateLimiter } from './rate-limiter.js';

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * Builds and caches each connection's API clients from its stored (sealed) credentials. Tokens refresh through the
 * store's row lock, API calls wait for the connection's shared rate budget, and every response is counted.
 */
export function createConnectionClients(deps: { store: Store; qboConfig: QboConfig; limiter: RateLimiter }) {
  const qboClients = new Map<string, Promise<{ client: QboClient; realmId: string; tokens: QboAccessTokenSource }>>();
  const zuperClients = new Map<string, Promise<ZuperClient>>();
  const oauth = createQboOAuth(deps.qboConfig);

  const buildQbo = async (connectionId: string) => {
    const connection = await deps.store.connections.get(connectionId);
    if (!connection.qboRealmId) throw new Error(`connection "${connectionId}" is not connected to QuickBooks`);
    const realmId = connection.qboRealmId;
    const tokens = createQboTokenProvider({
      oauth,
      store: {
        load: () => deps.store.connections.loadQboTokens(connectionId),
        withRefreshLock: (fn) => deps.store.connections.withQboTokenLock(connectionId, fn),
      },
    });
    const client = createQboClient({
      config: deps.qboConfig,
      realmId,
      tokens,
      hooks: {
        beforeRequest: ({ kind }) => deps.limiter.qbo(realmId, kind),
        afterResponse: ({ status, throttled }) => {
          metrics.apiCalls.inc({ connection: connectionId, system: 'qbo', status: statusClass(status) });
          if (throttled) metrics.apiThrottled.inc({ connection: connectionId, system: 'qbo' });
        },
      },
    });
    return { client, realmId, tokens };
  };

  const buildZuper = async (connectionId: string) => {
    const { apiUrl, apiKey } = await deps.store.connections.loadZuper(connectionId);
    const connection = await deps.store.connections.get(connectionId);
    const budgetKey = connection.zuperCompany ?? connectionId;
    return createZuperClient({
      apiBaseUrl: apiUrl,
      apiKey,
      hooks: {
        beforeRequest: () => deps.limiter.zuper(budgetKey),
        afterResponse: ({ status, throttled }) => {
          metrics.apiCalls.inc({ connection: connectionId, system: 'zuper', status: statusClass(status) });
          if (throttled) metrics.apiThrottled.inc({ connection: connectionId, system: 'zuper' });
        },
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

  return {
    qbo: async (connectionId: string) => (await cached(qboClients, buildQbo)(connectionId)).client,
    zuper: cached(zuperClients, buildZuper),
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
