import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../config/env.js';
import { createSecretBox, type SecretBox } from './secret-box.js';

const DEV_KEY_FILE = 'dev-secrets.key';

/**
 * The secret box from SECRETS_KEY (+ SECRETS_PREVIOUS_KEYS for rotation). Outside production, without a key, a random
 * development key is kept in the data folder so a restart can still read what it stored.
 */
export function secretBoxFromEnv(env: Env): SecretBox {
  const { current, previous } = keyMaterial(env);
  return createSecretBox(current, previous);
}

/** The current key (SECRETS_KEY, or the development key) and the previous ones still accepted for reading. */
export function keyMaterial(env: Env): {
  current: { id: string; key: Buffer };
  previous: { id: string; key: Buffer }[];
} {
  const previous = (env.SECRETS_PREVIOUS_KEYS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [id, key] = pair.split(':') as [string, string];
      return { id, key: Buffer.from(key, 'base64') };
    });
  const current = env.SECRETS_KEY
    ? { id: env.SECRETS_KEY_ID, key: Buffer.from(env.SECRETS_KEY, 'base64') }
    : { id: 'dev', key: developmentKey(env.DATA_DIR) };
  return { current, previous };
}

function developmentKey(dataDir: string): Buffer {
  const file = join(dataDir, DEV_KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}
