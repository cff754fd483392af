import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CategorySeed, CreateCompanyInput, GenerateProductsInput, LocationSeed } from './admin-inputs.js';
import { advanceSchema, seedListSchema } from './admin-inputs.js';
import { adminCall, AdminError } from './admin-error.js';
import type { CompanySettings } from '../company-settings.js';
import type { ZuperSettingsPatch } from '../settings.js';
import type { ZuperEmulatorAdmin } from './admin-handle.js';

type CompanyParams = { Params: { company: string } };
type RecordParams = { Params: { company: string; uid: string } };

function list<T>(body: unknown, key: string): T[] {
  return adminCall(() => seedListSchema(key).parse(body)[key] as T[]);
}

const logFilterSchema = z.object({
  method: z.string().optional(),
  pathIncludes: z.string().optional(),
  afterSeq: z.coerce.number().int().optional(),
});

/** The admin HTTP API (`/__admin/...`): the same operations as the in-process `admin` handle. */
export function registerAdminRoutes(app: FastifyInstance, admin: ZuperEmulatorAdmin): void {
  void app.register(
    (r, _opts, done) => {
      r.setErrorHandler((error, _request, reply) => {
        const status =
          error instanceof AdminError ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
        return reply.code(status).send({ error: (error as Error).message });
      });

      r.post('/companies', (request) => admin.createCompany(request.body as CreateCompanyInput));
      r.get('/companies', () => admin.listCompanies());
      r.get('/settings', () => admin.getSettings());
      r.patch('/settings', (request) => admin.updateSettings(request.body as ZuperSettingsPatch));
      r.get<CompanyParams>('/companies/:company/settings', (request) =>
        admin.getCompanySettings(request.params.company),
      );
      r.patch<CompanyParams>('/companies/:company/settings', (request) =>
        admin.updateCompanySettings(request.params.company, request.body as Partial<CompanySettings>),
      );
      r.post<CompanyParams>('/companies/:company/locations', (request) =>
        admin.seedLocations(request.params.company, list<LocationSeed>(request.body, 'locations')),
      );
      r.post<CompanyParams>('/companies/:company/categories', (request) =>
        admin.seedCategories(request.params.company, list<CategorySeed>(request.body, 'categories')),
      );
      r.post<CompanyParams>('/companies/:company/products', (request) => ({
        product_uids: admin.seedProducts(
          request.params.company,
          list<Record<string, unknown>>(request.body, 'products'),
        ),
      }));
      r.post<CompanyParams>('/companies/:company/products/generate', (request) => ({
        product_uids: admin.generateProducts(request.params.company, request.body as GenerateProductsInput),
      }));
      r.get<RecordParams>('/companies/:company/products/:uid', (request, reply) => {
        const product = admin.product(request.params.company, request.params.uid);
        if (product) return product;
        reply.code(404);
        return { error: 'Unknown product' };
      });
      r.get<RecordParams>('/companies/:company/invoices/:uid', (request, reply) => {
        const invoice = admin.invoice(request.params.company, request.params.uid);
        if (invoice) return invoice;
        reply.code(404);
        return { error: 'Unknown invoice' };
      });
      r.get('/requests', (request) => admin.requestLog(adminCall(() => logFilterSchema.parse(request.query))));
      r.get('/counters', () => admin.counters());
      r.get('/webhooks/deliveries', () => admin.webhookDeliveries());
      r.post('/webhooks/idle', async () => {
        await admin.waitForWebhooksIdle();
        return { idle: true };
      });
      r.post('/clock/advance', (request) => {
        admin.advanceClock(adminCall(() => advanceSchema.parse(request.body)).ms);
        return { ok: true };
      });
      r.post('/reset', () => {
        admin.reset();
        return { ok: true };
      });
      done();
    },
    { prefix: '/__admin' },
  );
}
