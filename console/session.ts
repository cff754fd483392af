import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Env } from '../config/env.js';

/** How long a sign-in lasts; a session older than this is treated as signed out. */
export const sessionMaxAgeMs = 12 * 3_600_000;

/**
 * What a signed-in browser holds (encrypted and authenticated in its cookie). `role` decides which operator token
 * the console calls the API with: 'operator' reaches every connection. A per-connection role would carry the
 * connection ids and map to a scoped token the same way.
 */
export interface ConsoleUser {
  name: string;
  role: 'operator';
  signedInAt: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    user: ConsoleUser;
    flash: string;
  }
}

/** The 32-byte key that seals console sessions, derived from the operator token (shared by every replica). */
export function sessionKey(operatorToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', operatorToken, 'qzsync', 'console session key', 32));
}

export const isFresh = (user: ConsoleUser | undefined, now = Date.now()): user is ConsoleUser =>
  user !== undefined &&
  user.role === 'operator' &&
  now - user.signedInAt >= 0 &&
  now - user.signedInAt < sessionMaxAgeMs;

export interface ConsoleCredentials {
  username: string;
  password: string;
}

/** The configured sign-in, or null when none is configured. */
export function consoleCredentials(env: Env): ConsoleCredentials | null {
  if (env.CONSOLE_USERNAME && env.CONSOLE_PASSWORD) {
    return { username: env.CONSOLE_USERNAME, password: env.CONSOLE_PASSWORD };
  }
  return null;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares both fields in constant time (hashes of equal length), and always both. */
export function credentialsMatch(expected: ConsoleCredentials, username: string, password: string): boolean {
  const user = timingSafeEqual(digest(expected.username), digest(username));
  const pass = timingSafeEqual(digest(expected.password), digest(password));
  return user && pass;
}

/** Single-use sign-in links for development (`npm start` prints one), valid for ten minutes. */
export function oneTimeSignIns(now = () => Date.now()) {
  const issued = new Map<string, number>();
  return {
    issue(): string {
      const token = randomBytes(24).toString('base64url');
      issued.set(token, now() + 10 * 60_000);
      return token;
    },
    consume(token: string): boolean {
      const until = issued.get(token);
      issued.delete(token);
      return until !== undefined && now() < until;
    },
  };
}
