import { randomBytes } from 'node:crypto';
import type { AppContext } from '../service/context.js';
import { emulatorQboApp } from '../integrations/qbo/app-config.js';
import type { EmulatorsAdminClient } from '../emulators/admin-client.js';
import { storableSettings, type ConnectionSettings } from '../integrations/connection-settings.js';
import { tokensFromResponse, type QboTokens } from '../integrations/qbo/tokens.js';
import { connectWithApiKey } from '../integrations/connection-credentials.js';
import { saveQboTokens } from '../integrations/qbo/credentials.js';
import { saveZuperKey } from '../integrations/zuper/credentials.js';

export interface EmulatedCompanies {
  realmId: string;
  qboTokens: QboTokens;
  zuperCompany: string;
  zuperApiKey: string;
  zuperApiUrl: string;
  locations: { main: string; van: string };
}

/**
 * A QBO company (categories on) with tokens for the service's app (registered in the emulator beforehand), and a Zuper
 * company with a main warehouse, a van and one category, made through the emulators' admin APIs. Nothing is stored
 * yet: data seeded before connecting raises no webhooks.
 */
export async function createEmulatedCompanies(
  emulators: EmulatorsAdminClient,
  names: { qboCompany: string; zuperCompany: string; van: string; category: string },
): Promise<EmulatedCompanies> {
  const { realmId } = await emulators.qbo.createRealm({ companyName: names.qboCompany, itemCategoriesFeature: true });
  const issued = await emulators.qbo.issueTokens({
    clientId: emulatorQboApp.clientId,
    realmId,
    includeHardExpiry: true, // as the service's own token calls ask for it
  });
  const company = await emulators.zuper.createCompany({
    company_name: names.zuperCompany,
    locations: [{ location_name: 'Main Warehouse' }, { location_name: names.van, location_type: 'VAN' }],
    categories: [{ category_name: names.category }],
  });
  const [main, van] = company.location_uids as [string, string];
  return {
    realmId,
    qboTokens: tokensFromResponse(issued, new Date(), 'issue tokens'),
    zuperCompany: company.company_name,
    zuperApiKey: company.api_key,
    zuperApiUrl: `${emulators.zuper.baseUrl}/api`,
    locations: { main, van },
  };
}

/**
 * Stores a connection to emulated companies: QBO tokens, settings (stock lands in the main warehouse) and the Zuper
 * key, with Zuper's webhooks registered through its API to the service's intake when `zuperWebhooks` is set.
 */
export async function connectEmulatedCompanies(
  ctx: AppContext,
  companies: EmulatedCompanies,
  connection: {
    id: string;
    displayName: string;
    settings: Omit<ConnectionSettings, 'field'>;
    zuperWebhooks: boolean;
  },
): Promise<void> {
  const { id } = connection;
  await ctx.store.connections.create(id, connection.displayName);
  await saveQboTokens(ctx.store, id, companies.realmId, companies.qboTokens);
  await ctx.store.connections.saveSettings(
    id,
    storableSettings({
      ...connection.settings,
      field: { system: 'zuper', defaultLocationUid: companies.locations.main },
    }),
  );
  const { zuperCompany, zuperApiKey, zuperApiUrl } = companies;
  if (connection.zuperWebhooks) {
    await connectWithApiKey(ctx, id, { company: zuperCompany, apiKey: zuperApiKey, apiUrl: zuperApiUrl });
  } else {
    // No webhooks will present the secret: a random one fills its place.
    await saveZuperKey(ctx.store, id, {
      company: zuperCompany,
      apiUrl: zuperApiUrl,
      apiKey: zuperApiKey,
      webhookSecret: randomBytes(16).toString('hex'),
    });
  }
  ctx.clients.forget(id);
}
