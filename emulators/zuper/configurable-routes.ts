import type { FastifyInstance } from 'fastify';
import { companyOf } from './auth.js';
import type { ZuperContext } from './context.js';
import { pageOf, parsePaging } from './http/paging.js';
import { queryBoolean, queryOf } from './http/query.js';
import { locationView } from './locations/location-view.js';
import { createLocation } from './locations/location-write.js';
import { wrapped } from './http/body.js';
import { writeEnvelope } from './http/envelope.js';
import { isWebhookManagementPath } from './http/api-routes.js';
import { cannotGet } from './http/not-found.js';
import type { LocationRecord } from './store/types.js';
import type { CompanyStore } from './store/company-store.js';

/** The inventory org settings as a client can read them (the path is UNCONFIRMED and configurable). */
export function orgSettingsView(company: CompanyStore): Record<string, unknown> {
  const s = company.settings;
  return {
    allow_negative_stock: s.allow_negative_stock,
    consumption_module: s.consumption_module,
    consumption_job_status: s.consumption_job_status,
    purchase_cost_update: s.purchase_cost_update,
    part_prefix: s.part_prefix,
  };
}

/**
 * Routes whose real path is unknown, so their path is a runtime setting: the stock-location list and create, and
 * the inventory org settings. Served from hooks (after auth, rate limit and faults) so a settings change needs
 * no restart; a null path leaves the request to the normal 404. The create needs the parsed body, so it is served
 * at preHandler, which Fastify also runs before its not-found handler.
 */
export function installConfigurableRoutes(app: FastifyInstance, ctx: ZuperContext): void {
  // Webhook management is served at both places; the one the setting does not name answers like a missing route.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    const underApi = path.startsWith('/api/') && isWebhookManagementPath(path.slice('/api'.length));
    const place = ctx.settings().routes.webhookManagementAt;
    if ((underApi && place === 'root') || (isWebhookManagementPath(path) && place === 'api')) {
      return reply.code(404).type('text/html; charset=utf-8').send(cannotGet(request.method, path));
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const { locationListPath } = ctx.settings().routes;
    if (locationListPath === null || request.url.split('?', 1)[0] !== `/api${locationListPath}`) return;
    const location = createLocation(ctx, companyOf(request), wrapped(request.body, 'product_location'));
    return reply.send(writeEnvelope('Location created successfully', { location_uid: location.location_uid }));
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const path = request.url.split('?', 1)[0];
    const { locationListPath, orgSettingsPath } = ctx.settings().routes;
    if (orgSettingsPath !== null && path === `/api${orgSettingsPath}`) {
      return reply.send({ type: 'success', data: orgSettingsView(companyOf(request)) });
    }
    if (locationListPath !== null && path === `/api${locationListPath}`) {
      const company = companyOf(request);
      const query = queryOf(request);
      const paging = parsePaging(query, 10, ctx.settings().paging);
      const deleted = queryBoolean(query, 'filter.is_deleted') ?? false;
      const keyword = query['filter.keyword']?.toLowerCase();
      const type = query['filter.location_type'];
      const items: LocationRecord[] = [];
      for (const l of company.locations.values()) {
        if (l.is_deleted !== deleted || (type && l.location_type !== type)) continue;
        if (keyword && !l.location_name.toLowerCase().includes(keyword)) continue;
        items.push(l);
      }
      return reply.send(pageOf(items, paging, locationView));
    }
  });
}
