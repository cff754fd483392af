import { z } from 'zod';
import { parseQboResponse } from './schema-parse.js';

/** A connection's OAuth tokens with absolute expiry instants (the token endpoint only gives relative seconds). */
export interface QboTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** When refreshing stops working: the rolling expiry, or the 5-year hard cap if that comes first. */
  refreshTokenExpiresAt: Date;
  /** True when that instant is the hard cap: refreshing cannot extend it, only a new authorisation can. */
  refreshHardCapped?: boolean;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  x_refresh_token_expires_in: z.number().positive(),
  // Only present when the request asks for it (header `x-include-refresh-token-hard-expires-in: true`).
  // A countdown in whole seconds, so it may read 0 right at the cap.
  x_refresh_token_hard_expires_in: z.number().nonnegative().optional(),
});

/**
 * The instant a refresh token stops working: its rolling expiry, cut short by the authorisation's hard cap when
 * the response reports one, so expiry warnings track whichever comes first.
 */
export function refreshTokenExpiry(now: Date, rollingSeconds: number, hardSeconds?: number): Date {
  const seconds = hardSeconds === undefined ? rollingSeconds : Math.min(rollingSeconds, hardSeconds);
  return new Date(now.getTime() + seconds * 1000);
}

/** Converts a token-endpoint response into QboTokens, timing expiries from `now` (when the response arrived). */
export function tokensFromResponse(body: unknown, now: Date, operation: string): QboTokens {
  const t = parseQboResponse(tokenResponseSchema, body, operation);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessTokenExpiresAt: new Date(now.getTime() + t.expires_in * 1000),
    refreshTokenExpiresAt: refreshTokenExpiry(now, t.x_refresh_token_expires_in, t.x_refresh_token_hard_expires_in),
    refreshHardCapped:
      t.x_refresh_token_hard_expires_in !== undefined &&
      t.x_refresh_token_hard_expires_in <= t.x_refresh_token_expires_in,
  };
}
