import { z } from 'zod';
import type { z as zod } from 'zod';
import type { actSchema, createRealmSchema, issueTokensSchema, seedItemsSchema } from './qbo/admin-schemas.js';
import type { OAuthAppInput } from './qbo/oauth-apps.js';
import type { CreateCompanyInput, GenerateProductsInput } from './zuper/admin/admin-inputs.js';

/**
 * The emulators' admin APIs over HTTP, for whoever does not hold them in-process: the demo drives them this way both
 * when `npm start` runs them and when they run apart (`npm run emulators`, `EMULATORS=external`).
 */
export interface EmulatorsAdminClient {
  qbo: QboAdminClient;
  zuper: ZuperAdminClient;
}

export interface QboAdminClient {
  baseUrl: string;
  registerApp(input: OAuthAppInput): Promise<void>;
  listRealms(): Promise<Array<{ realmId: string; company: { companyName: string } }>>;
  createRealm(input: zod.input<typeof createRealmSchema>): Promise<{ realmId: string }>;
  issueTokens(input: zod.input<typeof issueTokensSchema>): Promise<TokenReply>;
  seedItems(realmId: string, input: zod.input<typeof seedItemsSchema>): Promise<string[]>;
  act(realmId: string, input: zod.input<typeof actSchema>): Promise<Record<string, unknown>>;
  getEntity(realmId: string, entity: string, id: string): Promise<Record<string, unknown> | undefined>;
}

export interface ZuperAdminClient {
  baseUrl: string;
  listCompanies(): Promise<ZuperCompanyReply[]>;
  createCompany(input: CreateCompanyInput): Promise<ZuperCompanyReply>;
  generateProducts(company: string, input: GenerateProductsInput): Promise<string[]>;
  product(company: string, productUid: string): Promise<Record<string, unknown> | undefined>;
}

const tokenReplySchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number(),
  x_refresh_token_expires_in: z.number(),
  x_refresh_token_hard_expires_in: z.number().optional(),
  token_type: z.literal('bearer'),
});
export type TokenReply = z.infer<typeof tokenReplySchema>;

const zuperCompanySchema = z.object({
  company_name: z.string(),
  api_key: z.string(),
  location_uids: z.array(z.string()),
});
export type ZuperCompanyReply = z.infer<typeof zuperCompanySchema>;

const record = z.record(z.string(), z.unknown());

/** One admin call; an emulator that is not there or refuses gets one line naming it and its answer. */
async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T | undefined> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/__admin${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(`The emulator at ${baseUrl} does not answer (${(error as Error).message}): is it running?`);
  }
  if (response.status === 404 && method === 'GET') return undefined;
  const text = await response.text();
  if (!response.ok)
    throw new Error(`The emulator at ${baseUrl} refused ${method} /__admin${path}: ${response.status} ${text}`);
  return schema.parse(JSON.parse(text));
}

async function required<T>(answer: Promise<T | undefined>): Promise<T> {
  const value = await answer;
  if (value === undefined) throw new Error('The emulator answered 404 to an admin call it serves');
  return value;
}

export function emulatorsAdminClient(urls: { qbo: string; zuper: string }): EmulatorsAdminClient {
  return { qbo: qboAdminClient(urls.qbo), zuper: zuperAdminClient(urls.zuper) };
}

/** The QBO emulator's admin API at `q`. */
export function qboAdminClient(q: string): QboAdminClient {
  const realm = (id: string) => `/realms/${encodeURIComponent(id)}`;
  return {
    baseUrl: q,
    registerApp: async (input) => void (await call(q, 'POST', '/apps', record, input)),
    listRealms: () =>
      required(
        call(
          q,
          'GET',
          '/realms',
          z.array(z.object({ realmId: z.string(), company: z.object({ companyName: z.string() }) })),
        ),
      ),
    createRealm: (input) => required(call(q, 'POST', '/realms', z.object({ realmId: z.string() }), input)),
    issueTokens: (input) => required(call(q, 'POST', '/tokens', tokenReplySchema, input)),
    seedItems: async (id, input) =>
      (await required(call(q, 'POST', `${realm(id)}/seed-items`, z.object({ ids: z.array(z.string()) }), input))).ids,
    act: (id, input) => required(call(q, 'POST', `${realm(id)}/act`, record, input)),
    getEntity: (id, entity, entityId) =>
      call(q, 'GET', `${realm(id)}/entities/${encodeURIComponent(entity)}/${encodeURIComponent(entityId)}`, record),
  };
}

/** The Zuper emulator's admin API at `zu` (the QuickBooks Desktop demo runs it without the QBO emulator). */
export function zuperAdminClient(zu: string): ZuperAdminClient {
  const company = (name: string) => `/companies/${encodeURIComponent(name)}`;
  return {
    baseUrl: zu,
    listCompanies: () => required(call(zu, 'GET', '/companies', z.array(zuperCompanySchema))),
    createCompany: (input) => required(call(zu, 'POST', '/companies', zuperCompanySchema, input)),
    generateProducts: async (name, input) =>
      (
        await required(
          call(
            zu,
            'POST',
            `${company(name)}/products/generate`,
            z.object({ product_uids: z.array(z.string()) }),
            input,
          ),
        )
      ).product_uids,
    product: (name, uid) => call(zu, 'GET', `${company(name)}/products/${encodeURIComponent(uid)}`, record),
  };
}
