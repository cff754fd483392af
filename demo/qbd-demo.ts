import { storableSettings } from '../integrations/connection-settings.js';
import type { AppContext } from '../service/context.js';
import type { ZuperAdminClient } from '../emulators/admin-client.js';
import { createQbdEmulator, type QbdEmulator, type WebConnectorSimulator } from '../emulators/qbd/index.js';
import { consumeOnInvoice } from '../emulators/zuper/index.js';
import { emulatorStateFiles } from '../emulators/start-both.js';
import { connectWithApiKey, connectWithIssuedLogin } from '../integrations/connection-credentials.js';
import { startWatchAfterConnect } from '../service/watch-after-connect.js';
import { startLinkRun } from '../client/runs.js';
import { ensureReconcileSchedule } from '../client/schedules.js';
import type { LinkCatalogResult } from '../workflows/link-catalog.js';
import type { DemoActors } from './activity.js';
import { pauseDemo, resumePausedDemo, type DemoIdentity } from './pause.js';
import { DEMO_ON_DESKTOP, DEMO_WITHOUT_EMULATORS, QBO_DEMO } from './qbo-demo.js';
import { findQbdLogin } from '../integrations/qbd/credentials.js';
import { zuperAccountOf } from '../integrations/zuper/credentials.js';

/**
 * The `npm start` demo on QuickBooks Desktop (DEMO_ACCOUNTING=qbd): the QuickBooks Desktop emulator's company file
 * (kept in the data folder) with its Web Connector polling the service's /qbwc endpoint every second, beside the Zuper
 * emulator. Like the QuickBooks Online demo it makes the companies through the emulators' admin handles, connects them
 * as an operator would (`qzsync connect qbd`, a Zuper key) and then acts as the people using each system.
 */
export const DEMO_QBD_CONNECTION = 'demo-qbd';
export const DEMO_QBD_ZUPER_COMPANY = 'demo-qbd-field-services';
const DEMO_QBD_USERNAME = 'qzsync-demo-qbd';
export const QBD_DEMO: DemoIdentity = {
  id: DEMO_QBD_CONNECTION,
  displayName: 'Demo (emulated QuickBooks Desktop ↔ Zuper)',
  zuperCompany: DEMO_QBD_ZUPER_COMPANY,
};
/**
 * The Web Connector's interval (.qwc RunEveryNSeconds). A real one runs every few minutes; a second makes the demo
 * feel live. A session with nothing queued costs four SOAP calls (serverVersion, clientVersion, authenticate answered
 * "none", closeConnection) and no qbXML; the quantity watch queues its six change queries 5 s after each answer, and
 * the session that carries them costs 16. Measured over an idle minute: 28 sessions, 21 of them idle, 196 SOAP calls
 * and 42 qbXML requests.
 */
const DEMO_QBD_POLL_SECONDS = 1;
/** Session reports the emulated Web Connector keeps (it runs for hours). */
const sessionsKept = 100;

/** Why the QuickBooks Desktop demo connection is paused while a start does not run its emulators. */
export const QBD_DEMO_WITHOUT_EMULATORS =
  'it was made against the bundled QuickBooks Desktop and Zuper emulators, which this start does not run (EMULATORS=off, or QuickBooks credentials are set); start with EMULATORS=on and DEMO_ACCOUNTING=qbd to resume it';
export const QBD_DEMO_ON_ONLINE =
  'it was made against the bundled QuickBooks Desktop emulator, which only a start with DEMO_ACCOUNTING=qbd runs; start with DEMO_ACCOUNTING=qbd to resume it';

/** The demo's company file, as in the QuickBooks Online demo: inventory items, non-inventory items and a service. */
const demoItems = [
  ...[1, 2, 3, 4, 5, 6].map((n) => ({ fullName: `Copper Fitting ${n}`, quantityOnHand: 40, salesPrice: 4 })),
  ...[1, 2].map((n) => ({ fullName: `Sealant ${n}`, type: 'ItemNonInventory' as const, salesPrice: 9 })),
  { fullName: 'Callout Fee', type: 'ItemService' as const, salesPrice: 95 },
];

export interface QbdDemoEmulators {
  qbd: QbdEmulator;
  zuper: ZuperAdminClient;
}

export interface QbdDemo {
  connectionId: string;
  zuperCompany: string;
  zuperApiKey: string;
  vanLocationUid: string;
  /** Where the Web Connector reaches the service. */
  appUrl: string;
  /** The emulated Web Connector, polling the service every DEMO_QBD_POLL_SECONDS. */
  connector: WebConnectorSimulator;
  /** What linking the catalogs did; null when an earlier run's demo was resumed as it was. */
  link: LinkCatalogResult | null;
}

/** The demo's QuickBooks Desktop company file, kept in the data folder so a restart resumes it. */
export function openQbdDemoCompany(dataDir: string): QbdEmulator {
  return createQbdEmulator({
    stateFile: emulatorStateFiles(dataDir).qbd,
    companyFilePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Demo Plumbing & HVAC.QBW',
  });
}

/**
 * Pauses the demo connections whose emulators this start does not run (`running`: the demo it runs, null for none),
 * so their syncs stop at once with the reason; answers each one paused now with its reason.
 */
export async function pauseDemosNotRunning(
  ctx: AppContext,
  running: 'qbo' | 'qbd' | null,
): Promise<{ id: string; reason: string }[]> {
  const candidates: [DemoIdentity, string | null][] = [
    [QBO_DEMO, running === null ? DEMO_WITHOUT_EMULATORS : running === 'qbd' ? DEMO_ON_DESKTOP : null],
    [QBD_DEMO, running === null ? QBD_DEMO_WITHOUT_EMULATORS : running === 'qbo' ? QBD_DEMO_ON_ONLINE : null],
  ];
  const paused: { id: string; reason: string }[] = [];
  for (const [demo, reason] of candidates)
    if (reason !== null && (await pauseDemo(ctx, demo, reason))) paused.push({ id: demo.id, reason });
  return paused;
}

/**
 * The stored demo connection of an earlier run, when the company file still holds its linked items and the Zuper
 * emulator its company: it is resumed with its links and history. Null when there is none to resume.
 */
async function resumableQbdDemo(
  ctx: AppContext,
  { qbd, zuper }: QbdDemoEmulators,
): Promise<{ company: { name: string; apiKey: string; van: string }; password: string } | null> {
  const connection = await ctx.store.connections.find(DEMO_QBD_CONNECTION);
  const zuperCompany = connection ? zuperAccountOf(connection).company : null;
  if (connection?.accountingSystem !== 'qbd' || zuperCompany === null) return null;
  const company = (await zuper.listCompanies()).find((c) => c.company_name === zuperCompany);
  const van = company?.location_uids[1];
  // The Web Connector keeps the password it was given on the QuickBooks machine; the demo reads it back from the
  // service's store rather than keep a copy of its own.
  const login = await findQbdLogin(ctx.store, DEMO_QBD_USERNAME);
  const links = await ctx.store.links.list(DEMO_QBD_CONNECTION);
  const fileHoldsLinks = links.length > 0 && links.every((link) => qbd.company.items.has(link.accountingItemId));
  if (!company || van === undefined || login?.connectionId !== DEMO_QBD_CONNECTION || !fileHoldsLinks) return null;
  await resumePausedDemo(ctx, DEMO_QBD_CONNECTION, [QBD_DEMO_WITHOUT_EMULATORS, QBD_DEMO_ON_ONLINE]);
  return { company: { name: company.company_name, apiKey: company.api_key, van }, password: login.password };
}

/** A Zuper company for the demo, named after it (with a number when an earlier demo's company holds the name). */
async function newZuperCompany(
  zuper: ZuperAdminClient,
): Promise<{ name: string; apiKey: string; main: string; van: string }> {
  const taken = new Set((await zuper.listCompanies()).map((c) => c.company_name));
  let name = DEMO_QBD_ZUPER_COMPANY;
  for (let n = 2; taken.has(name); n += 1) name = `${DEMO_QBD_ZUPER_COMPANY}-${n}`;
  const company = await zuper.createCompany({
    company_name: name,
    locations: [{ location_name: 'Main Warehouse' }, { location_name: 'Van 7', location_type: 'VAN' }],
    categories: [{ category_name: 'Plumbing' }],
  });
  await zuper.generateProducts(name, { count: 1, name_prefix: 'Zuper-only Gasket', quantity_per_location: 3 });
  const [main, van] = company.location_uids as [string, string];
  return { name, apiKey: company.api_key, main, van };
}

/**
 * Seeds the company file (items it lacks), makes a Zuper company and connects both as an operator would: Zuper by
 * its key (webhooks registered), QuickBooks Desktop by a Web Connector login (as `qzsync connect qbd` does, starting
 * the quantity watch). Answers the Zuper company and the login's password.
 */
async function newQbdDemo(ctx: AppContext, { qbd, zuper }: QbdDemoEmulators, appUrl: string) {
  // The stored connection describes records that are gone (its company file or Zuper company was removed).
  if (await ctx.store.connections.find(DEMO_QBD_CONNECTION)) {
    await ctx.store.db.query('DELETE FROM connections WHERE id = $1', [DEMO_QBD_CONNECTION]);
  }
  qbd.admin.seedItems(demoItems.filter((item) => !qbd.company.itemByFullName(item.fullName)));
  const company = await newZuperCompany(zuper);
  const id = DEMO_QBD_CONNECTION;
  await ctx.store.connections.create(id, QBD_DEMO.displayName);
  await ctx.store.connections.saveSettings(
    id,
    storableSettings({
      productMaster: 'accounting',
      minQuantity: 5,
      nonInventoryQuantity: 100,
      accounting: { system: 'qbd', accounts: {} },
      field: { system: 'zuper', defaultLocationUid: company.main },
      reconcileEvery: ctx.env.RECONCILE_INTERVAL,
    }),
  );
  await connectWithApiKey(ctx, id, { company: company.name, apiKey: company.apiKey, apiUrl: `${zuper.baseUrl}/api` });
  const { password } = await connectWithIssuedLogin(ctx, id, {
    username: DEMO_QBD_USERNAME,
    appUrl,
    runEverySeconds: 60,
  });
  await startWatchAfterConnect(ctx, id, { warn: (_details, message) => process.stderr.write(`demo: ${message}\n`) });
  ctx.clients.forget(id);
  return { company, password };
}

/**
 * The QuickBooks Desktop demo, connected and linked with its Web Connector polling — or, when the company file and the
 * Zuper emulator still hold what the stored demo connection names, that demo as it was (same items, quantities,
 * ListIDs, links and history).
 */
export async function seedQbdDemo(ctx: AppContext, emulators: QbdDemoEmulators): Promise<QbdDemo> {
  // The emulated Web Connector runs on this machine: plain HTTP to localhost is what QBWC allows without HTTPS.
  const appUrl = `http://localhost:${ctx.env.HTTP_PORT}/qbwc`;
  const resumed = await resumableQbdDemo(ctx, emulators);
  const made = resumed ?? (await newQbdDemo(ctx, emulators, appUrl));
  const connector = emulators.qbd.connectWebConnector({
    appUrl,
    userName: DEMO_QBD_USERNAME,
    password: made.password,
    runEveryNSeconds: DEMO_QBD_POLL_SECONDS,
    sessionsKept,
  });
  connector.start();
  await ensureReconcileSchedule(ctx.temporal, {
    connectionId: DEMO_QBD_CONNECTION,
    every: ctx.env.RECONCILE_INTERVAL,
    taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
  });
  // Linking reads the company file through the Web Connector's sessions, so it runs once the connector polls.
  const link = resumed ? null : await (await startLinkRun(ctx.workflows, DEMO_QBD_CONNECTION, false)).result();
  return {
    connectionId: DEMO_QBD_CONNECTION,
    zuperCompany: made.company.name,
    zuperApiKey: made.company.apiKey,
    vanLocationUid: made.company.van,
    appUrl,
    connector,
    link,
  };
}

/** The QuickBooks Desktop demo's users: a QuickBooks user at the company file, technicians through Zuper's API. */
export function qbdDemoActors({ qbd, zuper }: QbdDemoEmulators, demo: QbdDemo): DemoActors {
  const item = (accountingItemId: string) => qbd.company.items.get(accountingItemId);
  const nameOf = (accountingItemId: string) => {
    const found = item(accountingItemId);
    return found ? qbd.company.fullName(found) : accountingItemId;
  };
  return {
    connectionId: demo.connectionId,
    accounting: 'QuickBooks Desktop',
    itemName: (link) => Promise.resolve(nameOf(link.accountingItemId)),
    async consumeInZuper(link, qty) {
      await consumeOnInvoice(`${zuper.baseUrl}/api`, demo.zuperApiKey, {
        productUid: link.fieldItemId,
        locationUid: demo.vanLocationUid,
        qty,
        unitPrice: 4,
      });
      return 'Van 7';
    },
    sellInAccounting(link, qty, turn) {
      // Invoices and sales receipts both lower QuantityOnHand; the demo takes turns with them.
      const type = turn % 4 === 1 ? 'Invoice' : 'SalesReceipt';
      qbd.admin.sell({ type, lines: [{ item: nameOf(link.accountingItemId), quantity: qty, rate: 4 }] });
      return Promise.resolve(`QuickBooks Desktop ${type === 'Invoice' ? 'invoice' : 'sales receipt'}`);
    },
    async quantities(link) {
      return {
        accounting: item(link.accountingItemId)?.quantityOnHand,
        field: (await zuper.product(demo.zuperCompany, link.fieldItemId))?.quantity,
      };
    },
  };
}
