import { z } from 'zod';
import { parseQboResponse } from './schema-parse.js';

/** A connection's OAuth tokens with absolute expiry instants (the token endpoint only gives relative seconds). */
export interface QboTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  x_refresh_token_expires_in: z.number().positive(),
});

/** Converts a token-endpoint response into QboTokens, timing expiries from `now` (when the response arrived). */
export function tokensFromResponse(body: unknown, now: Date, operation: string): QboTokens {
  const t = parseQboResponse(tokenResponseSchema, body, operation);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    accessTokenExpiresAt: new Date(now.getTime() + t.expires_in * 1000),
    refreshTokenExpiresAt: new Date(now.getTime() + t.x_refresh_token_expires_in * 1000),
  };
}
