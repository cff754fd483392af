import { z } from 'zod';
import { storableText } from '../../domain/input-rules.js';
import { describeIssues } from '../../domain/describe-issues.js';
import { classifyZuperEvent, zuperRouteUidField, type ZuperEventRoute } from './events.js';

/** What routing needs from a Zuper delivery. */
export interface ZuperWebhookEvent {
  event: string;
  route: ZuperEventRoute;
  productUid: string | null;
  invoiceUid: string | null;
  /** The movement a movement delivery names, when the body carries it (the field's real name is unconfirmed). */
  transactionUid: string | null;
}

/** Every way a Zuper body is refused, as the outcome it is counted under. */
export const zuperPayloadRefusals = [
  'invalid_payload',
  'unknown_event',
  'missing_uid',
  'invalid_workflow_builder',
  'stale_delivery',
] as const;
export type ZuperPayloadRefusal = (typeof zuperPayloadRefusals)[number];

export type ZuperPayloadResult =
  | { ok: true; delivery: { kind: 'change'; event: ZuperWebhookEvent } | { kind: 'ignored'; event: string } }
  | { ok: false; reason: ZuperPayloadRefusal; error: string };

/** Zuper retries a failed delivery three times with backoff; anything older than this is a replay, not a retry. */
export const zuperDeliveryMaxAgeMs = 24 * 60 * 60 * 1000;

// Stored and sent on as ids: text PostgreSQL cannot hold (NUL, unpaired surrogates) is refused, never a 500.
const uid = storableText().nullish();
// Zuper's keys are `<module>.<action>` in lower snake case.
const eventKey = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, 'expected a Zuper event key such as product.update');
// Zuper writes this field as a Python dict repr (`{'workflow_uid': None, …}`), not JSON: only its outline is checked.
const workflowBuilder = z
  .string()
  .max(2000)
  .regex(/^\s*\{[\s\S]*\}\s*$/, 'expected a mapping written as {…}')
  .optional();

/**
 * The flat body Zuper sends (docs/zuper-behaviour.md, "Delivery body"): the event key, the record's uid at top level, and
 * scalars as strings. Unknown fields are ignored; the body is a hint of what changed, never data.
 */
const bodySchema = z.looseObject({
  event: eventKey,
  product_uid: uid,
  invoice_uid: uid,
  transaction_uid: uid,
  triggered_at: z.string().max(100).optional(),
  workflow_builder: z.unknown().optional(),
});

const refuse = (reason: ZuperPayloadRefusal, error: string): ZuperPayloadResult => ({ ok: false, reason, error });

export function parseZuperPayload(body: unknown, now: Date): ZuperPayloadResult {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    return refuse('invalid_payload', `the body does not match the expected shape: ${describeIssues(parsed.error)}`);
  }
  const b = parsed.data;
  if (!workflowBuilder.safeParse(b.workflow_builder).success) {
    return refuse('invalid_workflow_builder', 'workflow_builder is not a mapping');
  }
  const triggeredAt = b.triggered_at === undefined ? NaN : Date.parse(b.triggered_at);
  if (now.getTime() - triggeredAt > zuperDeliveryMaxAgeMs) {
    return refuse('stale_delivery', `triggered_at is more than ${zuperDeliveryMaxAgeMs / 3_600_000} h old`);
  }
  const kind = classifyZuperEvent(b.event);
  if (kind.kind === 'unknown') return refuse('unknown_event', `${b.event} is not a Zuper product or invoice event`);
  if (kind.kind === 'ignored') return { ok: true, delivery: { kind: 'ignored', event: b.event } };
  const productUid = b.product_uid ?? null;
  const invoiceUid = b.invoice_uid ?? null;
  const needed = kind.route === 'product' ? productUid : kind.route === 'invoice' ? invoiceUid : '';
  if (needed === null) return refuse('missing_uid', `${b.event} needs ${zuperRouteUidField[kind.route]}`);
  return {
    ok: true,
    delivery: {
      kind: 'change',
      event: { event: b.event, route: kind.route, productUid, invoiceUid, transactionUid: b.transaction_uid ?? null },
    },
  };
}
