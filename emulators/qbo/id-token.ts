import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** The issuer Intuit puts in its id_tokens; intuit-oauth's validateIdToken accepts no other. */
export const intuitIdTokenIssuer = 'https://oauth.platform.intuit.com/op/v1';

export interface IdTokenClaims {
  sub: string;
  aud: string[];
  realmid: string;
  auth_time: number;
  iss: string;
  exp: number;
  iat: number;
}

export interface Jwk {
  kty: 'RSA';
  kid: string;
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Signs OpenID id_tokens (RS256) and publishes the public key as a JWKS. The key pair is made on first use, so
 * emulators that never see the `openid` scope do not pay for RSA key generation.
 */
export class IdTokenSigner {
  private key: { kid: string; privateKey: KeyObject; jwk: Jwk } | undefined;

  private keys(): { kid: string; privateKey: KeyObject; jwk: Jwk } {
    if (this.key) return this.key;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const exported = publicKey.export({ format: 'jwk' });
    const kid = `emulator-${b64url(Buffer.from(String(exported.n)).subarray(0, 9))}`;
    this.key = {
      kid,
      privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
      jwk: { kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: String(exported.n), e: String(exported.e) },
    };
    return this.key;
  }

  /** A token for a user of `realmId` who authorised `clientId` at `nowMs`, valid for an hour like Intuit's. */
  issue(clientId: string, realmId: string, nowMs: number): string {
    const { kid, privateKey } = this.keys();
    const iat = Math.floor(nowMs / 1000);
    const claims: IdTokenClaims = {
      sub: `emulator-user-${realmId}`,
      aud: [clientId],
      realmid: realmId,
      auth_time: iat,
      iss: intuitIdTokenIssuer,
      exp: iat + 3600,
      iat,
    };
    const signingInput = `${b64url(JSON.stringify({ kid, alg: 'RS256' }))}.${b64url(JSON.stringify(claims))}`;
    return `${signingInput}.${b64url(sign('sha256', Buffer.from(signingInput), privateKey))}`;
  }

  jwks(): { keys: Jwk[] } {
    return { keys: [this.keys().jwk] };
  }
}
