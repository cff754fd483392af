import OAuthClient from 'intuit-oauth';
import { z } from 'zod';
import type { QboConfig } from './config.js';
import { qboAuthErrorFor, mapOAuthLibraryError } from './oauth-errors.js';
import { tokensFromResponse, type QboTokens } from './tokens.js';

export const qboAccountingScope = 'com.intuit.quickbooks.accounting';

export interface QboOAuth {
  /** Where to send the user's browser to connect a QuickBooks company. */
  authorizeUrl(state: string, scopes?: readonly string[]): string;
  /** Exchanges the code in the redirect back from Intuit (full URL, or path plus query) for tokens. */
  exchangeCode(callbackUrl: string): Promise<{ realmId: string; state?: string; tokens: QboTokens }>;
  /** Refreshes; the returned refresh token may be a new one and must replace the stored one. */
  refresh(refreshToken: string): Promise<QboTokens>;
  /** Revokes a refresh or access token (disconnects the app from the company). */
  revoke(token: string): Promise<void>;
}

const callbackSchema = z.object({ code: z.string().min(1), realmId: z.string().min(1), state: z.string().optional() });

/** OAuth 2.0 with Intuit through the official intuit-oauth library, pointed at the configured endpoints. */
export function createQboOAuth(config: QboConfig, opts: { now?: () => Date } = {}): QboOAuth {
  const now = opts.now ?? (() => new Date());

  // A fresh library client per call: it keeps token state on the instance, which we never rely on.
  // setAuthorizeURLs writes class-wide statics; each library call reads them synchronously when it starts, so
  // setting them right before the call keeps clients for different configurations (emulator, sandbox) apart.
  function library(): OAuthClient {
    const client = new OAuthClient({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      environment: config.environment === 'production' ? 'production' : 'sandbox',
      redirectUri: config.redirectUri,
      // Intuit reports the 5-year hard cap (x_refresh_token_hard_expires_in) only when asked.
      includeRefreshTokenHardExpiresIn: true,
    });
    return client.setAuthorizeURLs({
      authorizeEndpoint: config.authorizeUrl,
      tokenEndpoint: config.tokenUrl,
      revokeEndpoint: config.revokeUrl,
      userInfoEndpoint: config.userInfoUrl ?? '',
    });
  }

  async function tokenCall(operation: string, call: (client: OAuthClient) => Promise<{ json: unknown }>) {
    try {
      const response = await call(library());
      return tokensFromResponse(response.json, now(), operation);
    } catch (err) {
      throw mapOAuthLibraryError(err, operation, now());
    }
  }

  return {
    authorizeUrl(state, scopes = [qboAccountingScope]) {
      return library().authorizeUri({ scope: [...scopes], state });
    },

    async exchangeCode(callbackUrl) {
      const params = Object.fromEntries(new URL(callbackUrl, config.redirectUri).searchParams);
      if (params.error !== undefined) {
        throw qboAuthErrorFor(params.error, { description: params.error_description });
      }
      const parsed = callbackSchema.safeParse(params);
      if (!parsed.success) {
        throw qboAuthErrorFor('invalid_request', { description: 'callback URL lacks code or realmId' });
      }
      const tokens = await tokenCall('token exchange', (client) => client.createToken(callbackUrl));
      return { realmId: parsed.data.realmId, ...(parsed.data.state ? { state: parsed.data.state } : {}), tokens };
    },

    refresh(refreshToken) {
      return tokenCall('token refresh', (client) => client.refreshUsingToken(refreshToken));
    },

    async revoke(token) {
      try {
        await library().revoke({ refresh_token: token });
      } catch (err) {
        throw mapOAuthLibraryError(err, 'token revoke', now());
      }
    },
  };
}
