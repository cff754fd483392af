import type { AppContext } from '../service/context.js';
import type { RunningEmulators } from '../emulators/start-both.js';
import { emulatorQboApp, publicBaseUrl, qboRedirectUri } from '../service/qbo-app-config.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { startLinkRun } from '../client/runs.js';
import { ensureReconcileSchedule } from '../client/schedules.js';
import { connectEmulatedCompanies, createEmulatedCompanies } from './emulated-connection.js';

export const DEMO_CONNECTION = 'demo';
export const DEMO_ZUPER_COMPANY = 'demo-field-services';
/** The verifier token the bundled QBO emulator signs its webhooks with. */
export const DEMO_QBO_VERIFIER = 'qzsync-dev-verifier-token';

export interface DemoCompany {
  connectionId: string;
  realmId: string;
  vanLocationUid: string;
  zuperApiKey: string;
  link: LinkCatalogResult;
}

/**
 * A demo QBO company and Zuper company in the emulators, connected and linked. The emulators keep their data in
 * memory, so the demo connection is re-created on every start (nothing else in the data folder is touched).
 */
export async function seedDemo(ctx: AppContext, emulators: RunningEmulators): Promise<DemoCompany> {
  const { qbo, zuper } = emulators;
  qbo.admin.registerApp({
    ...emulatorQboApp,
    redirectUris: [qboRedirectUri(ctx.env)],
    webhookUrl: `${publicBaseUrl(ctx.env)}/webhooks/qbo`,
    verifierToken: DEMO_QBO_VERIFIER,
    webhookFormat: 'cloudevents',
  });
  const companies = createEmulatedCompanies(emulators, {
    qboCompany: 'Demo Plumbing & HVAC',
    zuperCompany: DEMO_ZUPER_COMPANY,
    van: 'Van 7',
    category: 'Plumbing',
  });
  const { realmId } = companies;
  qbo.admin.seedItems(realmId, { count: 6, namePrefix: 'Copper Fitting', qtyOnHand: 40, unitPrice: 4 });
  qbo.admin.seedItems(realmId, { count: 2, type: 'NonInventory', namePrefix: 'Sealant', unitPrice: 9 });
  qbo.admin.seedItems(realmId, { count: 1, type: 'Service', namePrefix: 'Callout Fee', unitPrice: 95 });
  zuper.admin.generateProducts(DEMO_ZUPER_COMPANY, {
    count: 1,
    name_prefix: 'Zuper-only Gasket',
    quantity_per_location: 3,
  });

  const existing = await ctx.store.connections.find(DEMO_CONNECTION);
  if (existing) await ctx.store.db.query('DELETE FROM connections WHERE id = $1', [DEMO_CONNECTION]);
  await connectEmulatedCompanies(ctx, companies, {
    id: DEMO_CONNECTION,
    displayName: 'Demo (emulated QuickBooks ↔ Zuper)',
    settings: {
      productMaster: 'qbo',
      minQuantity: 5,
      nonInventoryQuantity: 100,
      accounts: {},
      qboQuantityWrite: 'inventory-adjustment',
      reconcileEvery: ctx.env.RECONCILE_INTERVAL,
    },
    zuperWebhooks: true,
  });
  await ensureReconcileSchedule(ctx.temporal, {
    connectionId: DEMO_CONNECTION,
    every: ctx.env.RECONCILE_INTERVAL,
    taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
  });
  const link = await (await startLinkRun(ctx.workflows, DEMO_CONNECTION, false)).result();
  return {
    connectionId: DEMO_CONNECTION,
    realmId,
    vanLocationUid: companies.locations.van,
    zuperApiKey: companies.zuperApiKey,
    link,
  };
}
