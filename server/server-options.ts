import type { Writable } from 'node:stream';
import type { RateLimit } from './webhooks/token-buckets.js';

export interface ServerOptions {
  /** Key for `intuit-signature`; defaults to QBO_WEBHOOK_VERIFIER_TOKEN. */
  qboVerifierToken?: string;
  /** Log level and destination (JSON lines); `false` silences logging. Defaults to LOG_LEVEL on stdout. */
  logger?: { level?: string; stream?: Writable } | false;
  /** Clock for the stale-event check. */
  now?: () => Date;
  /** Per source and connection. */
  webhookRateLimit?: RateLimit;
  /** Longest the intake dispatcher waits for Temporal to accept one batch's workflow before trying again. */
  handOffTimeoutMs?: number;
  /** Longest each readiness check may take. */
  readinessTimeoutMs?: number;
}

export const serverDefaults = {
  // Intuit batches up to about 100 events and about 1 MB per POST (docs/qbo-behaviour.md, "Webhook payloads and delivery"): a smaller limit would refuse
  // real deliveries, and every refused retry brings Intuit closer to disabling the endpoint.
  qboBodyLimitBytes: 1024 * 1024,
  // Older QBO events are refused as stale, and delivery ids are kept this long to recognise redeliveries.
  replayWindowMs: 7 * 24 * 60 * 60_000,
  webhookRateLimit: { perSecond: 50, burst: 200 },
  handOffTimeoutMs: 5_000,
  readinessTimeoutMs: 1_500,
} as const;
