import type { Store } from '../../integrations/store.js';
import type { Connection } from '../../storage/repositories/connections.js';
import {
  clearQboTokens,
  loadQboTokens,
  qboCredentials,
  qboRealmOf,
  qboTokenTimes,
  saveQboTokens,
  withQboTokenLock,
} from '../../integrations/qbo/credentials.js';
import { clearQbdLogin, findQbdLogin, saveQbdLogin } from '../../integrations/qbd/credentials.js';
import { loadZuperKey, saveZuperKey, zuperAccountOf, zuperCredentials } from '../../integrations/zuper/credentials.js';
import type { QboTokens } from '../../integrations/qbo/tokens.js';

/** Each system's credentials of a store, as the tests write and read them (through the systems' own declarations). */
export const storedCredentials = (store: Pick<Store, 'credentials'>) => ({
  saveQbo: (id: string, realmId: string, tokens: QboTokens) => saveQboTokens(store, id, realmId, tokens),
  loadQboTokens: (id: string) => loadQboTokens(store, id),
  withQboTokenLock: (id: string, fn: (current: QboTokens) => Promise<QboTokens>) => withQboTokenLock(store, id, fn),
  clearQbo: (id: string) => clearQboTokens(store, id),
  saveZuper: (id: string, company: string, apiUrl: string, apiKey: string, webhookSecret: string) =>
    saveZuperKey(store, id, { company, apiUrl, apiKey, webhookSecret }),
  loadZuper: (id: string) => loadZuperKey(store, id),
  clearZuper: (id: string) => zuperCredentials.clear(store, id),
  saveQbd: (id: string, username: string, password: string) => saveQbdLogin(store, id, username, password),
  clearQbd: (id: string) => clearQbdLogin(store, id),
  findQbdLogin: (username: string) => findQbdLogin(store, username),
});

/** What a connection shows of each system's credentials, in the older flat shape the tests check. */
export const credentialFields = (connection: Connection) => {
  const times = qboTokenTimes(connection);
  return {
    qboRealmId: qboRealmOf(connection),
    hasQboTokens: qboCredentials.isConnected(connection),
    qboRefreshExpiresAt: times.refreshExpiresAt ?? null,
    qboRefreshHardCapped: times.refreshHardCapped,
    hasZuperKey: zuperCredentials.isConnected(connection),
    zuperCompany: zuperAccountOf(connection).company,
    zuperApiUrl: zuperAccountOf(connection).apiUrl,
  };
};

/** A connection's QuickBooks Online credentials as the store reads them with the connection (tokens left sealed). */
export const qboCredentialRow = (c: {
  realmId: string | null;
  connected?: boolean;
  accessExpiresAt?: Date | null;
  refreshExpiresAt?: Date | null;
  refreshHardCapped?: boolean;
}): Connection['credentials'] => ({
  qbo: {
    system: 'qbo',
    lookupKey: c.realmId,
    connected: c.connected ?? true,
    details: {
      ...(c.accessExpiresAt ? { accessExpiresAt: c.accessExpiresAt.toISOString() } : {}),
      ...(c.refreshExpiresAt ? { refreshExpiresAt: c.refreshExpiresAt.toISOString() } : {}),
      refreshHardCapped: c.refreshHardCapped ?? false,
    },
  },
});
