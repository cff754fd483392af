import type { TokenResponse } from '../../emulators/qbo/index.js';

/** Tokens the QBO emulator issued, as the store keeps them for a connection. */
export function storedQboTokens(issued: TokenResponse, now = Date.now()) {
  return {
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    accessTokenExpiresAt: new Date(now + issued.expires_in * 1000),
    refreshTokenExpiresAt: new Date(now + issued.x_refresh_token_expires_in * 1000),
  };
}
