import { z } from 'zod';
import type { ZuperTransport } from './http-transport.js';
import { nullWhenNotFound } from './not-found.js';
import { collectAllPages, toPage } from './paging.js';
import { flag, listEnvelope, recordEnvelope, successEnvelope, writeEnvelope } from './schemas.js';

export interface ZuperWebhookInput {
  name: string;
  /** Event key, e.g. `product.update`; Zuper does not publish the list. */
  event: string;
  url: string;
  module?: string | null;
  /** Sent verbatim with every delivery; the sync authenticates deliveries with a secret header here. */
  headers?: Record<string, string>;
}

export interface ZuperWebhook {
  uid: string;
  name: string;
  event: string;
  module: string | null;
  url: string;
  isActive: boolean;
  headers: Record<string, string> | null;
}

// Zuper's own pages disagree on paths; these are the ones a live integration is known to use, else the curl samples.
const COLLECTION = '/service/notifications/webhook';
const byUid = (uid: string) => `${COLLECTION}/${encodeURIComponent(uid)}`;
const legacyByUid = (uid: string) => `/webhook/${encodeURIComponent(uid)}`;

const headerMap = z.record(z.string(), z.string());
// Zuper stores headers as a JSON string. One that does not decode to an object of strings (e.g. double-encoded)
// is never sent with deliveries, so it reads as "no headers".
const storedHeaders = z.union([
  headerMap,
  z.string().transform((text) => headerMap.safeParse(safeJson(text)).data ?? null),
]);

const webhookRecord = z.looseObject({
  webhook_uid: z.string().min(1),
  webhook_name: z.string(),
  webhook_event: z.string(),
  webhook_module: z.string().nullish(),
  webhook_url: z.string(),
  is_active: flag,
  headers: storedHeaders.nullish(),
});

function normalizeWebhook(raw: z.output<typeof webhookRecord>): ZuperWebhook {
  return {
    uid: raw.webhook_uid,
    name: raw.webhook_name,
    event: raw.webhook_event,
    module: raw.webhook_module ?? null,
    url: raw.webhook_url,
    isActive: raw.is_active,
    headers: raw.headers ?? null,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toBody(input: Partial<ZuperWebhookInput>) {
  return {
    ...(input.name === undefined ? {} : { webhook_name: input.name }),
    ...(input.event === undefined ? {} : { webhook_event: input.event }),
    ...(input.url === undefined ? {} : { webhook_url: input.url }),
    ...(input.module === undefined ? {} : { webhook_module: input.module }),
    // An object, never a pre-stringified value: Zuper stores a string double-encoded and never sends it.
    ...(input.headers === undefined ? {} : { headers: input.headers }),
  };
}

const webhookList = listEnvelope(webhookRecord);
const webhookAnswer = recordEnvelope(webhookRecord);
const webhookCreated = writeEnvelope('webhook_uid');

export function createWebhooksApi(transport: ZuperTransport, pageSize: number) {
  const activation = async (uid: string, type: 'ACTIVATE' | 'DEACTIVATE') => {
    await transport.call(successEnvelope, { method: 'POST', path: `${byUid(uid)}/activation`, body: { type } });
  };

  return {
    /** Returns the new webhook_uid. */
    async createWebhook(input: ZuperWebhookInput): Promise<string> {
      const body = { web_hook: { ...toBody(input), content_type: 'application/json', request_method: 'POST' } };
      const answer = await transport.call(webhookCreated, { method: 'POST', path: COLLECTION, body });
      return answer.data.webhook_uid;
    },

    async listWebhooks(filters: { module?: string; event?: string } = {}): Promise<ZuperWebhook[]> {
      return collectAllPages(async (page) => {
        const query = {
          page,
          count: pageSize,
          'filter.webhook_module': filters.module,
          'filter.webhook_event': filters.event,
        };
        const answer = await transport.call(webhookList, { method: 'GET', path: COLLECTION, query });
        return toPage(answer, page, pageSize, normalizeWebhook);
      });
    },

    /** Null when Zuper does not know the uid. */
    async getWebhook(uid: string): Promise<ZuperWebhook | null> {
      const answer = await nullWhenNotFound(transport.call(webhookAnswer, { method: 'GET', path: byUid(uid) }));
      return answer && normalizeWebhook(answer.data);
    },

    async updateWebhook(uid: string, patch: Partial<ZuperWebhookInput>): Promise<void> {
      await transport.call(successEnvelope, {
        method: 'PUT',
        path: legacyByUid(uid),
        body: { web_hook: toBody(patch) },
      });
    },

    activateWebhook: (uid: string) => activation(uid, 'ACTIVATE'),
    deactivateWebhook: (uid: string) => activation(uid, 'DEACTIVATE'),

    /** A webhook that is already gone counts as deleted. */
    async deleteWebhook(uid: string): Promise<void> {
      await nullWhenNotFound(transport.call(successEnvelope, { method: 'DELETE', path: legacyByUid(uid) }));
    },
  };
}
