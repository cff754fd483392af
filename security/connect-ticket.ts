import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Env } from '../config/env.js';
import { keyMaterial } from './keyring.js';

export interface ConnectTickets {
  /** A ticket for the connect link of this connection, valid for `ttlMs`: `<expiry ms>.<HMAC>`. */
  issue(connectionId: string, ttlMs?: number): string;
  /** True only for an unexpired ticket issued for this very connection. */
  verify(connectionId: string, ticket: string | undefined): boolean;
}

const mac = (key: Buffer, connectionId: string, expires: number) =>
  createHmac('sha256', key).update(`qbo-connect\n${connectionId}\n${expires}`).digest();

/**
 * Proof that the operator API issued a QuickBooks connect link: without it, anyone who knows a connection id could
 * start OAuth for it and attach a QuickBooks company of their own. Stateless (an HMAC over the connection and an
 * expiry), so any server replica can check it.
 */
export function createConnectTickets(key: Buffer, now: () => number = () => Date.now()): ConnectTickets {
  return {
    issue(connectionId, ttlMs = 60 * 60_000) {
      const expires = now() + ttlMs;
      return `${expires}.${mac(key, connectionId, expires).toString('base64url')}`;
    },
    verify(connectionId, ticket) {
      const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(ticket ?? '');
      if (!match?.[1] || !match[2]) return false;
      const expires = Number(match[1]);
      const given = Buffer.from(match[2], 'base64url');
      return expires > now() && timingSafeEqual(given, mac(key, connectionId, expires));
    },
  };
}

/** Tickets keyed from the secrets key (derived, so the two uses never share key material). */
export function connectTicketsFromEnv(env: Env): ConnectTickets {
  const { current } = keyMaterial(env);
  return createConnectTickets(
    Buffer.from(hkdfSync('sha256', current.key, Buffer.alloc(0), 'qzsync qbo connect links', 32)),
  );
}
