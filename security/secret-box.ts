import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a key id in every ciphertext so keys can rotate: `v1.<keyId>.<iv>.<tag>.<data>` (base64url). */
export interface SecretBox {
  readonly currentKeyId: string;
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** True when `sealed` was written with an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export function createSecretBox(
  current: { id: string; key: Buffer },
  previous: { id: string; key: Buffer }[] = [],
): SecretBox {
  const keys = new Map<string, Buffer>([[current.id, current.key], ...previous.map((k) => [k.id, k.key] as const)]);
  for (const [id, key] of keys) {
    if (key.length !== 32) throw new SecretBoxError(`secret key ${id} must be 32 bytes`);
  }
  const parse = (sealed: string) => {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new SecretBoxError('not a sealed secret');
    const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
    return { keyId, iv, tag, data };
  };
  return {
    currentKeyId: current.id,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(current.id));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const b64 = (b: Buffer) => b.toString('base64url');
      return ['v1', current.id, b64(iv), b64(cipher.getAuthTag()), b64(data)].join('.');
    },
    open(sealed) {
      const { keyId, iv, tag, data } = parse(sealed);
      const key = keys.get(keyId);
      if (!key)
        throw new SecretBoxError(`secret sealed with unknown key id "${keyId}"; add it to SECRETS_PREVIOUS_KEYS`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          `secret sealed with key "${keyId}" failed authentication (wrong key or tampered data)`,
        );
      }
    },
    needsRotation(sealed) {
      return parse(sealed).keyId !== current.id;
    },
  };
}
