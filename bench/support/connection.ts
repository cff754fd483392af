import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { emulatorQboApp } from '../../app/qbo-app-config.js';
import { tokensFromResponse } from '../../integrations/qbo/tokens.js';
import { connectZuper } from '../../operator/connect-zuper.js';
import type { BenchEmulators } from './emulators.js';

export interface BenchConnection {
  connectionId: string;
  realmId: string;
  zuperCompany: string;
  zuperApiKey: string;
  zuperApiUrl: string;
  locations: { main: string; van: string };
}

/**
 * One connection as app/demo.ts seeds it: a QBO company (categories on) with tokens for the service's app, a Zuper
 * company with a warehouse and a van, settings, and, with `zuperWebhooks`, Zuper webhooks registered through the API
 * to the service's intake (the QBO app's webhook URL is set once per emulator).
 */
export async function seedConnection(
  ctx: AppContext,
  emulators: BenchEmulators,
  options: { connectionId: string; master: 'qbo' | 'zuper'; zuperWebhooks: boolean },
): Promise<BenchConnection> {
  const { connectionId } = options;
  const { realmId } = emulators.qbo.admin.createRealm({
    companyName: `Bench ${connectionId}`,
    itemCategoriesFeature: true,
  });
  const issued = emulators.qbo.admin.issueTokens({ clientId: emulatorQboApp.clientId, realmId });
  const company = emulators.zuper.admin.createCompany({
    company_name: `bench-${connectionId}-${randomBytes(3).toString('hex')}`,
    locations: [{ location_name: 'Main Warehouse' }, { location_name: 'Van 1', location_type: 'VAN' }],
    categories: [{ category_name: 'Parts' }],
  });
  const [main, van] = company.location_uids as [string, string];
  const zuperApiUrl = `${emulators.zuper.baseUrl}/api`;

  await ctx.store.connections.create(connectionId, `Benchmark ${connectionId}`);
  await ctx.store.connections.saveQbo(connectionId, realmId, tokensFromResponse(issued, new Date(), 'issue tokens'));
  await ctx.store.connections.saveSettings(connectionId, {
    productMaster: options.master,
    defaultLocationUid: main,
    minQuantity: 0,
    nonInventoryQuantity: 0,
    accounts: {},
    qboQuantityWrite: 'inventory-adjustment',
    reconcileEvery: '24h',
  });
  if (options.zuperWebhooks) {
    await connectZuper(ctx, connectionId, {
      company: company.company_name,
      apiKey: company.api_key,
      apiUrl: zuperApiUrl,
    });
  } else {
    await ctx.store.connections.saveZuper(
      connectionId,
      company.company_name,
      zuperApiUrl,
      company.api_key,
      randomBytes(16).toString('hex'),
    );
  }
  ctx.clients.forget(connectionId);
  return {
    connectionId,
    realmId,
    zuperCompany: company.company_name,
    zuperApiKey: company.api_key,
    zuperApiUrl,
    locations: { main, van },
  };
}
