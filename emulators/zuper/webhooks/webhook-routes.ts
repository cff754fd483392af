import type { FastifyInstance, FastifyRequest } from 'fastify';
import { companyOf } from '../auth.js';
import type { ZuperContext } from '../context.js';
import { wrapped } from '../http/body.js';
import { recordEnvelope, writeEnvelope } from '../http/envelope.js';
import { notFound } from '../http/not-found.js';
import { pageOf, parsePaging } from '../http/paging.js';
import { queryOf } from '../http/query.js';
import { parseOrThrow } from '../http/validate.js';
import type { WebhookRecord } from '../store/types.js';
import { activationInputSchema } from './webhook-input.js';
import type { WebhookHistory } from './webhook-history.js';
import { webhookView } from './webhook-view.js';
import { createWebhook, updateWebhook } from './webhook-write.js';

type Params = { Params: { uid: string } };

/** The docs disagree on paths (OpenAPI vs curl samples), so both spellings are served. */
const bases = ['/webhook', '/service/notifications/webhook'];

export function registerWebhookRoutes(api: FastifyInstance, ctx: ZuperContext, history: WebhookHistory): void {
  const find = (request: FastifyRequest<Params>): WebhookRecord => {
    const webhook = companyOf(request).webhooks.get(request.params.uid);
    if (!webhook) throw notFound(ctx, 'Webhook');
    return webhook;
  };

  for (const base of bases) {
    api.post(base, (request) => {
      const webhook = createWebhook(ctx, companyOf(request), wrapped(request.body, 'web_hook'));
      return { type: 'success', data: { webhook_uid: webhook.webhook_uid }, message: 'Webhook created successfully' };
    });
    api.get<Params>(`${base}/:uid`, (request) => recordEnvelope(webhookView(find(request))));
    for (const method of ['POST', 'PUT'] as const) {
      api.route<Params>({
        method,
        url: `${base}/:uid`,
        handler: (request) => {
          const webhook = find(request);
          updateWebhook(ctx, companyOf(request), webhook, wrapped(request.body, 'web_hook'));
          return writeEnvelope('Webhook details updated successfully', { webhook_uid: webhook.webhook_uid });
        },
      });
    }
    api.post<Params>(`${base}/:uid/activation`, (request) => {
      const webhook = find(request);
      webhook.is_active = parseOrThrow(activationInputSchema, request.body).type === 'ACTIVATE';
      webhook.updated_at = ctx.nowIso();
      return writeEnvelope('Webhook Activation Updated', { webhook_uid: webhook.webhook_uid });
    });
    api.delete<Params>(`${base}/:uid`, (request) => {
      const webhook = find(request);
      companyOf(request).webhooks.delete(webhook.webhook_uid);
      return { type: 'success', data: {}, message: 'Webhook deleted successfully' };
    });
    api.post<Params>(`${base}/:uid/retry`, async (request) => {
      const row = await history.retry(companyOf(request), request.params.uid);
      if (!row) throw notFound(ctx, 'Webhook History');
      return writeEnvelope('Webhook Retriggered', row);
    });
  }

  for (const path of ['/webhooks', '/service/notifications/webhook']) {
    api.get(path, (request) => {
      const query = queryOf(request);
      const paging = parsePaging(query, 10, ctx.settings().paging);
      const module = query['filter.webhook_module'];
      const event = query['filter.webhook_event'];
      const items = [...companyOf(request).webhooks.values()].filter(
        (w) => (!module || w.webhook_module === module) && (!event || w.webhook_event === event),
      );
      return pageOf(items.reverse(), paging, webhookView);
    });
  }

  api.get('/service/notifications/webhook_history', (request) => {
    const query = queryOf(request);
    const paging = parsePaging(query, 10, ctx.settings().paging);
    const outcome = query['filter.response_status'];
    const day = query['filter.created_at'];
    const ok = (status: number) => status >= 200 && status < 300;
    const rows = history
      .rows(companyOf(request))
      .filter(
        (row) =>
          (!outcome || (outcome === 'SUCCESS') === ok(row.response_status)) && (!day || row.created_at.startsWith(day)),
      );
    return pageOf(rows, paging, (row) => row);
  });
}
