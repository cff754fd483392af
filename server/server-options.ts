import type { Writable } from 'node:stream';
import type { System } from '../domain/systems.js';
import type { RateLimit } from './webhooks/token-buckets.js';

export interface ServerOptions {
  /** The keys webhooks addressed to the app are signed with, by system; each defaults to its setting in the environment. */
  webhookSigningKeys?: Partial<Record<System, string>>;
  /** Log level and destination (JSON lines); `false` silences logging. Defaults to LOG_LEVEL on stdout. */
  logger?: { level?: string; stream?: Writable } | false;
  /** Clock for the stale-event check of app webhooks. */
  now?: () => Date;
  /** Per source and connection. */
  webhookRateLimit?: RateLimit;
  /** Longest the intake dispatcher waits for Temporal to accept one batch's workflow before trying again. */
  handOffTimeoutMs?: number;
  /** Longest each readiness check may take. */
  readinessTimeoutMs?: number;
}

export const serverDefaults = {
  // Older events of app webhooks are passed over as stale, and delivery ids are kept this long to recognise redeliveries.
  replayWindowMs: 7 * 24 * 60 * 60_000,
  webhookRateLimit: { perSecond: 50, burst: 200 },
  handOffTimeoutMs: 5_000,
  readinessTimeoutMs: 1_500,
} as const;
