import type { FastifyInstance, FastifyReply } from 'fastify';
import { ZodError, z } from 'zod';
import { AdminError, type QboEmulatorAdmin } from './admin.js';
import { requestLogQuerySchema, testWebhookSchema } from './admin-schemas.js';
import { QboFault } from './fault-shapes.js';
import { faultBody, sendJson } from './replies.js';

const realmParams = z.object({ realmId: z.string() });
const appParams = z.object({ clientId: z.string() });

/** Errors from admin calls: bad input 400 (zod issues), unknown things 404/409, QBO faults as QBO answers them. */
export function adminErrorReply(err: unknown, reply: FastifyReply, now: Date): FastifyReply | undefined {
  if (err instanceof ZodError) return sendJson(reply, 400, { error: 'Invalid input', issues: err.issues });
  if (err instanceof AdminError) return sendJson(reply, err.status, { error: err.message });
  if (err instanceof QboFault) return sendJson(reply, err.status, faultBody(err, now));
  return undefined;
}

/** The `/__admin` HTTP API: a thin layer over QboEmulatorAdmin. */
export function registerAdminRoutes(app: FastifyInstance, admin: QboEmulatorAdmin): void {
  app.post('/__admin/apps', (request) => admin.registerApp(request.body as never));
  app.get('/__admin/apps', () => admin.listApps());
  app.post('/__admin/realms', (request) => admin.createRealm((request.body ?? {}) as never));
  app.get('/__admin/realms', () => admin.listRealms());
  app.patch('/__admin/realms/:realmId', (request) =>
    admin.updateCompany(realmParams.parse(request.params).realmId, request.body as never),
  );
  app.post('/__admin/tokens', (request) => admin.issueTokens(request.body as never));
  app.get('/__admin/settings', () => admin.getSettings());
  app.patch('/__admin/settings', (request) => admin.updateSettings(request.body));
  app.get('/__admin/clock', () => ({ now: admin.now().toISOString() }));
  app.post('/__admin/clock/advance', (request) => ({ now: admin.advanceClock(request.body as never).toISOString() }));
  app.post('/__admin/realms/:realmId/items/:id/edit', (request) => {
    const { realmId, id } = realmParams.extend({ id: z.string() }).parse(request.params);
    return admin.editItemAsOtherUser(realmId, id, request.body as never);
  });
  app.post('/__admin/realms/:realmId/act', (request) =>
    admin.act(realmParams.parse(request.params).realmId, request.body as never),
  );
  app.get('/__admin/realms/:realmId/entities/:entity/:id', (request, reply) => {
    const { realmId, entity, id } = realmParams.extend({ entity: z.string(), id: z.string() }).parse(request.params);
    const record = admin.getEntity(realmId, entity, id);
    return record ? record : reply.code(404).send({ error: `${entity} ${id} not found` });
  });
  app.post('/__admin/realms/:realmId/seed-items', (request) => ({
    ids: admin.seedItems(realmParams.parse(request.params).realmId, request.body as never),
  }));
  app.get('/__admin/requests', (request) => admin.requestLog(requestLogQuerySchema.parse(request.query)));
  app.delete('/__admin/requests', () => {
    admin.clearRequestLog();
    return { cleared: true };
  });
  app.get('/__admin/counters', () => admin.counters());
  app.get('/__admin/webhooks/deliveries', () => admin.webhookDeliveries());
  app.post('/__admin/webhooks/idle', async () => {
    await admin.waitForWebhooksIdle();
    return { idle: true };
  });
  app.post('/__admin/webhooks/test', (request) => {
    const { clientId, realmId } = testWebhookSchema.parse(request.body);
    admin.sendTestWebhook(clientId, realmId);
    return { sent: true };
  });
  app.post('/__admin/apps/:clientId/webhooks/test', (request) => {
    const { realmId } = z.object({ realmId: z.string() }).strict().parse(request.body);
    admin.sendTestWebhook(appParams.parse(request.params).clientId, realmId);
    return { sent: true };
  });
  app.post('/__admin/reset', () => {
    admin.reset();
    return { reset: true };
  });
}
