import { z } from 'zod';
import { describeIssues } from './describe-issues.js';

/** What routing needs from a Zuper webhook body. */
export interface ZuperWebhookEvent {
  event: string;
  productUid: string | null;
  invoiceUid: string | null;
}

const uid = z.string().min(1).max(200).nullish();
const name = z.string().min(1).max(200).optional();
const uids = { product_uid: uid, invoice_uid: uid };
const isRecord = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
// A nested value that is not an object (a string, a list) carries no record; one that is must be well-formed.
const nestedRecord = z.preprocess((v) => (isRecord(v) ? v : undefined), z.looseObject(uids).optional());

/**
 * Zuper publishes no payload schema (zuper-api.md §6.3): the event name is in `webhook_event` or `event`, and the
 * record is the body itself or sits under `data` or `payload`. Only those fields are checked; a body without an event
 * name, or with uids that are not strings, is rejected.
 */
const bodySchema = z
  .looseObject({ webhook_event: name, event: name, ...uids, data: nestedRecord, payload: nestedRecord })
  .transform((b, ctx) => {
    const event = b.webhook_event ?? b.event;
    if (event === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected an event name in webhook_event or event' });
      return z.NEVER;
    }
    const records = [b, b.data ?? {}, b.payload ?? {}];
    const first = (key: keyof typeof uids) => records.map((r) => r[key]).find((v) => typeof v === 'string') ?? null;
    return { event, productUid: first('product_uid'), invoiceUid: first('invoice_uid') };
  });

export type ZuperPayloadResult = { ok: true; event: ZuperWebhookEvent } | { ok: false; error: string };

export function parseZuperPayload(body: unknown): ZuperPayloadResult {
  const parsed = bodySchema.safeParse(body);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
