import { z } from 'zod';
import type { Store } from '../store.js';
import type { Connection } from '../../storage/repositories/connections.js';
import { systemCredentials } from '../system-credentials.js';
import type { QboTokens } from './tokens.js';

const isoTime = z.iso.datetime().transform((at) => new Date(at));

/**
 * QuickBooks Online's credentials: the OAuth tokens sealed as one value, found by the company's realm id (Intuit's
 * webhooks and the OAuth callback name it), and their expiry times in clear for the token keeper and the status.
 */
export const qboCredentials = systemCredentials({
  system: 'qbo',
  secrets: z.object({ tokens: z.string() }),
  details: z.object({
    accessExpiresAt: isoTime.optional(),
    refreshExpiresAt: isoTime.optional(),
    /** The refresh expiry is Intuit's hard cap: only reconnecting renews it. */
    refreshHardCapped: z.boolean().default(false),
  }),
});

type QboCredentialDetails = NonNullable<ReturnType<typeof qboCredentials.detailsOf>>;

/** The company (realm) the connection is authorised for; null when it is not connected to QuickBooks Online. */
export const qboRealmOf = (connection: Connection): string | null => qboCredentials.lookupKeyOf(connection);

/** The stored tokens' expiry times, without opening them. */
export const qboTokenTimes = (connection: Connection): QboCredentialDetails =>
  qboCredentials.detailsOf(connection) ?? { refreshHardCapped: false };

const stored = (realmId: string | null, tokens: QboTokens) => ({
  lookupKey: realmId,
  // Stored as JSON: the dates become ISO text, which the details' schema reads back.
  details: {
    accessExpiresAt: tokens.accessTokenExpiresAt,
    refreshExpiresAt: tokens.refreshTokenExpiresAt,
    refreshHardCapped: tokens.refreshHardCapped ?? false,
  },
  secrets: {
    tokens: JSON.stringify({
      ...tokens,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
    }),
  },
});

const openTokens = (sealedJson: string): QboTokens => {
  const raw = JSON.parse(sealedJson) as Record<string, string>;
  return {
    accessToken: raw.accessToken!,
    refreshToken: raw.refreshToken!,
    accessTokenExpiresAt: new Date(raw.accessTokenExpiresAt!),
    refreshTokenExpiresAt: new Date(raw.refreshTokenExpiresAt!),
  };
};

type CredentialStore = Pick<Store, 'credentials'>;

/** Stores the tokens of a company the connection was authorised for, which makes the connection active again. */
export const saveQboTokens = (store: CredentialStore, connectionId: string, realmId: string, tokens: QboTokens) =>
  qboCredentials.save(store, connectionId, stored(realmId, tokens), { activates: true });

export const loadQboTokens = async (store: CredentialStore, connectionId: string): Promise<QboTokens> =>
  openTokens((await qboCredentials.open(store, connectionId)).secrets.tokens);

/** Serialises token refreshes across processes with a row lock, so a rotated refresh token is never reused. */
export const withQboTokenLock = async (
  store: CredentialStore,
  connectionId: string,
  refresh: (current: QboTokens) => Promise<QboTokens>,
): Promise<QboTokens> => {
  let latest: QboTokens | undefined;
  await qboCredentials.withLock(store, connectionId, async (credentials) => {
    const current = openTokens(credentials.secrets.tokens);
    const next = await refresh(current);
    latest = next === current ? current : next;
    return next === current ? null : stored(credentials.lookupKey, next);
  });
  return latest!;
};

/** The connection authorised for a QuickBooks company; null when none is. */
export const connectionOfRealm = (store: CredentialStore, realmId: string) =>
  qboCredentials.connectionOf(store, realmId);

/** Forgets the tokens and the company, and marks the connection disconnected. */
export const clearQboTokens = (store: CredentialStore, connectionId: string) =>
  qboCredentials.clear(store, connectionId, {
    status: { status: 'disconnected', reason: 'QuickBooks disconnected' },
  });
