import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZuperEmulatorSettings } from './settings.js';
import type { CompanyStore } from './store/company-store.js';
import type { CompanyRegistry } from './store/registry.js';

const companies = new WeakMap<FastifyRequest, CompanyStore>();

/** The company whose API key authenticated this request (only on authenticated API routes). */
export function companyOf(request: FastifyRequest): CompanyStore {
  const company = companies.get(request);
  if (!company) throw new Error('companyOf() called on a request that was not authenticated');
  return company;
}

/** The name of the company whose API key authenticated this request; undefined when none did. */
export const companyNameOf = (request: FastifyRequest): string | undefined =>
  companies.get(request)?.identity.company_name;

/**
 * `x-api-key` authentication: a missing or unknown key gets the configured 401; a read-only key may only
 * make GET calls (anything else gets the configured 401/403, rule-engine POST filters included).
 */
export function installAuth(
  app: FastifyInstance,
  registry: CompanyRegistry,
  settings: () => ZuperEmulatorSettings,
  isApiRoute: (url: string) => boolean,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRoute(request.url)) return;
    const key = request.headers['x-api-key'];
    const grant = typeof key === 'string' ? registry.byApiKey(key) : undefined;
    const auth = settings().auth;
    if (!grant) return reply.code(auth.unauthorizedStatus).send(auth.unauthorizedBody);
    if (grant.readOnly && request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(auth.readOnlyStatus).send(auth.readOnlyBody);
    }
    companies.set(request, grant.company);
  });
}
