import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { IntakeSource } from '../../domain/intake-batches.js';
import { metrics } from '../../observability/metrics.js';

/** A webhook's sender: also where its changes are stored in the intake outbox. */
export type WebhookSource = IntakeSource;

/** Counts a webhook outcome (accepted, duplicate, ignored or rejected and why) and logs it as one structured line. */
export function recordOutcome(
  log: FastifyBaseLogger,
  source: WebhookSource,
  outcome: string,
  fields: Record<string, unknown>,
  message: string,
  level: 'info' | 'warn' | 'error' = 'info',
): void {
  metrics.webhooks.inc({ source, outcome });
  log[level]({ source, outcome, ...fields }, message);
}

export interface Rejection {
  status: number;
  outcome: string;
  message: string;
}

/** Every way a webhook request is refused before anything is recorded or started. */
export const rejections = {
  unknownConnection: { status: 404, outcome: 'unknown_connection', message: 'no such connection' },
  malformedJson: { status: 400, outcome: 'malformed_json', message: 'the body is not JSON' },
  rateLimited: { status: 429, outcome: 'rate_limited', message: 'too many webhook requests for this connection' },
  tooLarge: { status: 413, outcome: 'too_large', message: 'the body exceeds the size limit' },
} satisfies Record<string, Rejection>;

/** How a webhook signed with the app's key (`header`, key in `setting`) is refused when it cannot be verified. */
export const signatureRejections = (header: string, setting: string) =>
  ({
    notConfigured: { status: 503, outcome: 'verifier_not_configured', message: `${setting} is not set` },
    missingSignature: { status: 401, outcome: 'missing_signature', message: `no ${header} header` },
    badSignature: { status: 401, outcome: 'bad_signature', message: `${header} does not match the body` },
  }) satisfies Record<string, Rejection>;

/** How a webhook authenticated by a stored secret (`header`) is refused when the secret is not there or wrong. */
export const secretRejections = (label: string, system: string, header: string) =>
  ({
    notConnected: {
      status: 404,
      outcome: `${system}_not_connected`,
      message: `the connection has no ${label} webhook secret`,
    },
    missingSecret: { status: 401, outcome: 'missing_secret', message: `no ${header} header` },
    badSecret: { status: 401, outcome: 'bad_secret', message: `${header} is wrong` },
  }) satisfies Record<string, Rejection>;

export function reject(
  log: FastifyBaseLogger,
  reply: FastifyReply,
  source: WebhookSource,
  rejection: Rejection,
  fields: Record<string, unknown> = {},
) {
  recordOutcome(log, source, rejection.outcome, fields, `webhook rejected: ${rejection.message}`, 'warn');
  return reply.code(rejection.status).send({ error: rejection.outcome, message: rejection.message });
}

/** A schema mismatch, with a description of the offending fields (never their values). */
export const invalidPayload = (detail: string): Rejection => ({
  status: 400,
  outcome: 'invalid_payload',
  message: `the body does not match the expected shape: ${detail}`,
});
