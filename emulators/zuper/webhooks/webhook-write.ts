import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import { parseOrThrow } from '../http/validate.js';
import type { CompanyStore } from '../store/company-store.js';
import type { WebhookRecord } from '../store/types.js';
import { encodeHeaders } from './stored-headers.js';
import { webhookInputSchema } from './webhook-input.js';

const invalid = 'Invalid Data';

function checkUniqueName(company: CompanyStore, name: string, self: string | null): void {
  for (const other of company.webhooks.values()) {
    if (other.webhook_uid !== self && other.webhook_name === name)
      throw badRequest('Webhook name already exists', invalid);
  }
}

export function createWebhook(ctx: ZuperContext, company: CompanyStore, raw: Record<string, unknown>): WebhookRecord {
  const input = parseOrThrow(webhookInputSchema, raw);
  for (const field of ['webhook_name', 'webhook_event', 'webhook_url'] as const) {
    if (input[field] === undefined) throw badRequest(`"${field}" is required`, invalid);
  }
  checkUniqueName(company, input.webhook_name ?? '', null);
  const now = ctx.nowIso();
  const webhook: WebhookRecord = {
    _id: ctx.ids.objectId(),
    webhook_uid: ctx.ids.uuid(),
    webhook_name: input.webhook_name ?? '',
    webhook_module: input.webhook_module ?? null,
    webhook_event: input.webhook_event ?? '',
    webhook_url: input.webhook_url ?? '',
    secret_key: ctx.ids.uuid().replaceAll('-', ''),
    is_active: input.is_active ?? true,
    content_type: input.content_type ?? 'application/json',
    request_method: input.request_method ?? 'POST',
    headers: encodeHeaders(input.headers),
    created_at: now,
    updated_at: now,
  };
  company.webhooks.set(webhook.webhook_uid, webhook);
  return webhook;
}

export function updateWebhook(
  ctx: ZuperContext,
  company: CompanyStore,
  webhook: WebhookRecord,
  raw: Record<string, unknown>,
): void {
  const input = parseOrThrow(webhookInputSchema, raw);
  if (input.webhook_name !== undefined) checkUniqueName(company, input.webhook_name, webhook.webhook_uid);
  const { headers, webhook_module, ...rest } = input;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (webhook as unknown as Record<string, unknown>)[key] = value;
  }
  if (webhook_module !== undefined) webhook.webhook_module = webhook_module;
  if (headers !== undefined) webhook.headers = encodeHeaders(headers);
  webhook.updated_at = ctx.nowIso();
}
