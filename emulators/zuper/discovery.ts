import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZuperEmulatorSettings } from './settings.js';
import type { CompanyRegistry } from './store/registry.js';
import { discoveryPath } from './http/api-routes.js';
import { parseOrThrow } from './http/validate.js';

const discoverySchema = z.object({ company_name: z.string().min(1) });

/**
 * `POST https://accounts.zuperpro.com/api/config`: finds a company's data centre. `dc_api_url` points back at
 * this emulator (the client appends /api).
 */
export function registerDiscovery(
  app: FastifyInstance,
  registry: CompanyRegistry,
  settings: () => ZuperEmulatorSettings,
): void {
  app.post(discoveryPath, (request, reply) => {
    const { company_name } = parseOrThrow(discoverySchema, request.body);
    const config = settings().discovery;
    if (!registry.byCompanyName(company_name)) {
      reply.code(config.unknownCompanyStatus);
      return config.unknownCompanyBody;
    }
    const apiUrl = config.dcApiUrl ?? `${request.protocol}://${request.host}`;
    return {
      type: 'success',
      config: {
        dc_name: config.dcName,
        dc_provider: config.dcProvider,
        dc_country: config.dcCountry,
        dc_api_url: apiUrl,
        dc_socket_url: apiUrl,
      },
    };
  });
}
