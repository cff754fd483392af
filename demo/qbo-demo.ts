import type { AppContext } from '../service/context.js';
import type { EmulatorsAdminClient } from '../emulators/admin-client.js';
import { publicBaseUrl } from '../config/public-url.js';
import { emulatorQboApp, qboRedirectUri } from '../integrations/qbo/app-config.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import { startLinkRun } from '../client/runs.js';
import { ensureReconcileSchedule } from '../client/schedules.js';
import { connectEmulatedCompanies, createEmulatedCompanies } from './emulated-connection.js';
import { pauseDemo, resumePausedDemo, type DemoIdentity } from './pause.js';
import { qboRealmOf } from '../integrations/qbo/credentials.js';
import { zuperAccountOf } from '../integrations/zuper/credentials.js';

export const DEMO_CONNECTION = 'demo';
export const DEMO_ZUPER_COMPANY = 'demo-field-services';
/** The verifier token the bundled QBO emulator signs its webhooks with. */
export const DEMO_QBO_VERIFIER = 'qzsync-dev-verifier-token';
const DEMO_DISPLAY_NAME = 'Demo (emulated QuickBooks ↔ Zuper)';
export const QBO_DEMO: DemoIdentity = {
  id: DEMO_CONNECTION,
  displayName: DEMO_DISPLAY_NAME,
  zuperCompany: DEMO_ZUPER_COMPANY,
};

export interface DemoCompany {
  connectionId: string;
  realmId: string;
  vanLocationUid: string;
  zuperApiKey: string;
  /** What linking the catalogs did; null when an earlier run's demo was resumed as it was. */
  link: LinkCatalogResult | null;
}

/** Why the demo connection is paused while the emulators it was made against are not running. */
export const DEMO_WITHOUT_EMULATORS =
  'it was made against the bundled emulators, which this start does not run (EMULATORS=off, or QuickBooks credentials are set); start with EMULATORS=on, or run `npm run emulators` and start with EMULATORS=external, to resume it';
/** Why the demo connection is paused while the QuickBooks Desktop demo runs instead. */
export const DEMO_ON_DESKTOP =
  'it was made against the QuickBooks Online emulator, which a start with DEMO_ACCOUNTING=qbd does not run; start without DEMO_ACCOUNTING=qbd to resume it';

/** Pauses the demo connection while the emulators are not running; true when it was paused now. */
export async function pauseDemoWithoutEmulators(ctx: AppContext): Promise<boolean> {
  return pauseDemo(ctx, QBO_DEMO, DEMO_WITHOUT_EMULATORS);
}

/**
 * The demo connection of an earlier run, when the emulators still hold both of its companies (they persist in the
 * data folder): it is resumed with its links and history. Null when there is none to resume.
 */
async function resumableDemo(ctx: AppContext, emulators: EmulatorsAdminClient): Promise<DemoCompany | null> {
  const connection = await ctx.store.connections.find(DEMO_CONNECTION);
  const realmId = connection ? qboRealmOf(connection) : null;
  const zuperCompany = connection ? zuperAccountOf(connection).company : null;
  if (!realmId || zuperCompany === null) return null;
  const realms = await emulators.qbo.listRealms();
  const company = (await emulators.zuper.listCompanies()).find((c) => c.company_name === zuperCompany);
  const van = company?.location_uids[1];
  if (!realms.some((r) => r.realmId === realmId) || !company || van === undefined) return null;
  await resumePausedDemo(ctx, DEMO_CONNECTION, [DEMO_WITHOUT_EMULATORS, DEMO_ON_DESKTOP]);
  return { connectionId: DEMO_CONNECTION, realmId, vanLocationUid: van, zuperApiKey: company.api_key, link: null };
}

/**
 * A demo QBO company and Zuper company in the emulators, connected and linked — or, when the emulators still hold
 * the companies of the stored demo connection, that demo as it was (same items, quantities, links and history).
 */
export async function seedDemo(ctx: AppContext, emulators: EmulatorsAdminClient): Promise<DemoCompany> {
  const { qbo, zuper } = emulators;
  // Registered on every start: the service's address may have changed since the emulators saved the app.
  await qbo.registerApp({
    ...emulatorQboApp,
    redirectUris: [qboRedirectUri(ctx.env)],
    webhookUrl: `${publicBaseUrl(ctx.env)}/webhooks/qbo`,
    verifierToken: DEMO_QBO_VERIFIER,
    webhookFormat: 'cloudevents',
  });
  const schedule = () =>
    ensureReconcileSchedule(ctx.temporal, {
      connectionId: DEMO_CONNECTION,
      every: ctx.env.RECONCILE_INTERVAL,
      taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
    });
  const resumed = await resumableDemo(ctx, emulators);
  if (resumed) {
    await schedule();
    return resumed;
  }
  const companies = await createEmulatedCompanies(emulators, {
    qboCompany: 'Demo Plumbing & HVAC',
    zuperCompany: DEMO_ZUPER_COMPANY,
    van: 'Van 7',
    category: 'Plumbing',
  });
  const { realmId } = companies;
  await qbo.seedItems(realmId, { count: 6, namePrefix: 'Copper Fitting', qtyOnHand: 40, unitPrice: 4 });
  await qbo.seedItems(realmId, { count: 2, type: 'NonInventory', namePrefix: 'Sealant', unitPrice: 9 });
  await qbo.seedItems(realmId, { count: 1, type: 'Service', namePrefix: 'Callout Fee', unitPrice: 95 });
  await zuper.generateProducts(companies.zuperCompany, {
    count: 1,
    name_prefix: 'Zuper-only Gasket',
    quantity_per_location: 3,
  });

  // The emulators no longer hold the companies an earlier demo connection named (their state was removed), so its
  // links and history describe records that are gone: that connection is replaced.
  if (await ctx.store.connections.find(DEMO_CONNECTION)) {
    await ctx.store.db.query('DELETE FROM connections WHERE id = $1', [DEMO_CONNECTION]);
  }
  await connectEmulatedCompanies(ctx, companies, {
    id: DEMO_CONNECTION,
    displayName: DEMO_DISPLAY_NAME,
    settings: {
      productMaster: 'accounting',
      minQuantity: 5,
      nonInventoryQuantity: 100,
      accounting: { system: 'qbo', quantityWrite: 'inventory-adjustment', accounts: {} },
      reconcileEvery: ctx.env.RECONCILE_INTERVAL,
    },
    zuperWebhooks: true,
  });
  await schedule();
  const link = await (await startLinkRun(ctx.workflows, DEMO_CONNECTION, false)).result();
  return {
    connectionId: DEMO_CONNECTION,
    realmId,
    vanLocationUid: companies.locations.van,
    zuperApiKey: companies.zuperApiKey,
    link,
  };
}
