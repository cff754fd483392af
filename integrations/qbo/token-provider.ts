import type { QboOAuth } from './oauth.js';
import type { QboTokens } from './tokens.js';

export interface QboTokenStore {
  load(): Promise<QboTokens>;
  /** Runs `fn` holding an exclusive, cross-process lock on this connection's tokens. `fn` receives the tokens as
   * currently stored and returns the tokens to store (or the same object to change nothing). */
  withRefreshLock(fn: (current: QboTokens) => Promise<QboTokens>): Promise<QboTokens>;
}

/** What the API client needs: a usable access token, and a way to replace one QuickBooks rejected. */
export interface QboAccessTokenSource {
  getAccessToken(): Promise<string>;
  /** Called after a 401 with the token that was rejected; returns a token to retry with. */
  forceRefresh(rejectedAccessToken?: string): Promise<string>;
}

export interface QboTokenProviderOptions {
  oauth: Pick<QboOAuth, 'refresh'>;
  store: QboTokenStore;
  /** Refresh this long before the access token expires (default 5 minutes). */
  refreshMarginMs?: number;
  now?: () => Date;
}

/**
 * Hands out access tokens, refreshing ahead of expiry under the store's lock. The decision is re-made inside the
 * lock on the tokens as stored then, so when several workers race only the first refreshes and the others pick up
 * its result: nobody ever sends a refresh token that a concurrent refresh has rotated out.
 */
export function createQboTokenProvider(opts: QboTokenProviderOptions): QboAccessTokenSource {
  const margin = opts.refreshMarginMs ?? 5 * 60_000;
  const now = opts.now ?? (() => new Date());
  const fresh = (t: QboTokens) => t.accessTokenExpiresAt.getTime() - margin > now().getTime();

  async function refreshUnless(isGood: (current: QboTokens) => boolean): Promise<string> {
    const stored = await opts.store.withRefreshLock(async (current) =>
      isGood(current) ? current : opts.oauth.refresh(current.refreshToken),
    );
    return stored.accessToken;
  }

  return {
    async getAccessToken() {
      const tokens = await opts.store.load();
      return fresh(tokens) ? tokens.accessToken : refreshUnless(fresh);
    },
    forceRefresh(rejectedAccessToken) {
      // If the stored token already differs from the rejected one, another caller refreshed meanwhile: use it.
      return refreshUnless(
        (current) => rejectedAccessToken !== undefined && current.accessToken !== rejectedAccessToken && fresh(current),
      );
    },
  };
}
