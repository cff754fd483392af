import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../common/clock.js';
import { IdTokenSigner } from './id-token.js';
import type { OAuthApp } from './oauth-apps.js';
import type { QboEmulatorSettings } from './settings.js';

/** One authorization of an app for a company: its tokens live and die together. */
interface Grant {
  id: string;
  clientId: string;
  realmId: string;
  scopes: string[];
  createdAtMs: number;
  hardExpiresAtMs: number;
  currentRefreshToken: string;
  revoked: boolean;
}

interface RefreshTokenRecord {
  grantId: string;
  issuedAtMs: number;
  expiresAtMs: number;
  supersededAtMs?: number;
}

interface AccessTokenRecord {
  grantId: string;
  expiresAtMs: number;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  realmId: string;
  scopes: string[];
  expiresAtMs: number;
}

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
  /** OpenID Connect: only when the grant asked for the `openid` scope, and only from the code exchange. */
  id_token?: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export type AccessCheck =
  | { ok: true; clientId: string; realmId: string }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

const authCodeTtlMs = 5 * 60_000;

function opaque(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Apps, authorization codes and tokens, with expiry measured on the emulator clock. */
export class OAuthStore {
  readonly apps = new Map<string, OAuthApp>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly idTokens = new IdTokenSigner();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: () => QboEmulatorSettings['oauth'],
  ) {}

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  /** Checks Basic client credentials. */
  authenticateClient(clientId: string, clientSecret: string): OAuthApp {
    const app = this.apps.get(clientId);
    if (!app || app.clientSecret !== clientSecret)
      throw new OAuthError(401, 'invalid_client', 'Invalid client credentials');
    return app;
  }

  issueCode(clientId: string, redirectUri: string, realmId: string, scopes: string[]): string {
    const code = opaque('AB1', 24);
    this.codes.set(code, { clientId, redirectUri, realmId, scopes, expiresAtMs: this.nowMs() + authCodeTtlMs });
    return code;
  }

  /** `authorization_code` grant: single-use code bound to the client and redirect URI. */
  exchangeCode(
    clientId: string,
    code: string,
    redirectUri: string,
    includeHardExpiry: boolean,
  ): TokenResponse & { realmId: string } {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.clientId !== clientId || record.expiresAtMs <= this.nowMs()) {
      throw new OAuthError(400, 'invalid_grant', 'Token invalid');
    }
    if (record.redirectUri !== redirectUri) throw new OAuthError(400, 'invalid_grant', 'Redirect URI mismatch');
    return { ...this.connect(clientId, record.realmId, record.scopes, includeHardExpiry), realmId: record.realmId };
  }

  /** Starts a new grant (the browser flow, or an admin shortcut) and returns its first tokens. */
  connect(clientId: string, realmId: string, scopes: string[], includeHardExpiry: boolean): TokenResponse {
    const now = this.nowMs();
    const grant: Grant = {
      id: opaque('g', 9),
      clientId,
      realmId,
      scopes,
      createdAtMs: now,
      hardExpiresAtMs: now + this.settings().refreshTokenHardTtlSec * 1000,
      currentRefreshToken: '',
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    this.newRefreshToken(grant, now);
    const tokens = this.respond(grant, now, includeHardExpiry);
    if (scopes.includes('openid')) tokens.id_token = this.idTokens.issue(clientId, realmId, now);
    return tokens;
  }

  /** `refresh_token` grant with rotation: a new RT once the current one is old enough; superseded RTs get a grace period. */
  refresh(clientId: string, refreshToken: string, includeHardExpiry: boolean): TokenResponse {
    const now = this.nowMs();
    const record = this.refreshTokens.get(refreshToken);
    const grant = record ? this.grants.get(record.grantId) : undefined;
    if (!record || !grant || grant.clientId !== clientId) {
      throw new OAuthError(400, 'invalid_grant', 'Incorrect or invalid refresh token');
    }
    if (grant.revoked || record.expiresAtMs <= now || grant.hardExpiresAtMs <= now) {
      throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    const s = this.settings();
    if (record.supersededAtMs !== undefined) {
      if (now - record.supersededAtMs >= s.refreshTokenGraceMs) {
        throw new OAuthError(400, 'invalid_grant', 'Incorrect or invalid refresh token');
      }
    } else if (now - record.issuedAtMs >= s.refreshTokenRotateAfterMs) {
      record.supersededAtMs = now;
      this.newRefreshToken(grant, now);
    }
    return this.respond(grant, now, includeHardExpiry);
  }

  /** Revoking any token of a grant disconnects the app from the company: every token of the grant dies. */
  revoke(clientId: string, token: string): void {
    const grantId = this.refreshTokens.get(token)?.grantId ?? this.accessTokens.get(token)?.grantId;
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (grant && grant.clientId === clientId) grant.revoked = true;
  }

  checkAccessToken(token: string | undefined): AccessCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const record = this.accessTokens.get(token);
    const grant = record ? this.grants.get(record.grantId) : undefined;
    if (!record || !grant) return { ok: false, reason: 'unknown' };
    if (grant.revoked) return { ok: false, reason: 'revoked' };
    if (record.expiresAtMs <= this.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, clientId: grant.clientId, realmId: grant.realmId };
  }

  /** Apps currently connected to a company (an unrevoked grant whose refresh token still works). */
  connectedApps(realmId: string): OAuthApp[] {
    const now = this.nowMs();
    const ids = new Set<string>();
    for (const grant of this.grants.values()) {
      if (grant.realmId !== realmId || grant.revoked || grant.hardExpiresAtMs <= now) continue;
      const rt = this.refreshTokens.get(grant.currentRefreshToken);
      if (rt && rt.expiresAtMs > now) ids.add(grant.clientId);
    }
    return [...ids].map((id) => this.apps.get(id)).filter((a): a is OAuthApp => a !== undefined);
  }

  /** Apps, codes, grants and tokens for the state file (the id-token signing key is made anew per start). */
  snapshot(): Record<string, unknown> {
    const { apps, codes, grants, refreshTokens, accessTokens } = this;
    return { apps, codes, grants, refreshTokens, accessTokens };
  }

  restore(fields: Record<string, unknown>): void {
    this.reset();
    for (const name of ['apps', 'codes', 'grants', 'refreshTokens', 'accessTokens'] as const) {
      const saved = fields[name];
      if (!(saved instanceof Map)) throw new Error(`The QBO emulator state file has no ${name}`);
      for (const [key, value] of saved) (this[name] as Map<unknown, unknown>).set(key, value);
    }
  }

  reset(): void {
    this.apps.clear();
    this.codes.clear();
    this.grants.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  private newRefreshToken(grant: Grant, now: number): void {
    const token = opaque('AB11', 36);
    const ttlMs = this.settings().refreshTokenTtlSec * 1000;
    this.refreshTokens.set(token, {
      grantId: grant.id,
      issuedAtMs: now,
      expiresAtMs: Math.min(now + ttlMs, grant.hardExpiresAtMs),
    });
    grant.currentRefreshToken = token;
  }

  private respond(grant: Grant, now: number, includeHardExpiry: boolean): TokenResponse {
    const s = this.settings();
    const accessToken = opaque('eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..', 48);
    this.accessTokens.set(accessToken, { grantId: grant.id, expiresAtMs: now + s.accessTokenTtlSec * 1000 });
    const rt = this.refreshTokens.get(grant.currentRefreshToken);
    const response: TokenResponse = {
      token_type: 'bearer',
      access_token: accessToken,
      expires_in: s.accessTokenTtlSec,
      refresh_token: grant.currentRefreshToken,
      x_refresh_token_expires_in: Math.max(0, Math.floor(((rt?.expiresAtMs ?? now) - now) / 1000)),
    };
    if (includeHardExpiry) response.x_refresh_token_hard_expires_in = Math.floor((grant.hardExpiresAtMs - now) / 1000);
    return response;
  }
}
