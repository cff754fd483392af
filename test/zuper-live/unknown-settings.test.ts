/**
 * Every behaviour of QuickBooks or Zuper that no evidence settles is an emulator setting (emulators' fidelity
 * tables). For each setting's non-default value, a fresh connection on the real service and the real Temporal server
 * syncs a part both ways, an invoice deleted in Zuper gives its parts back, and a reconciliation afterwards finds
 * nothing to correct: the sync converges whichever way the real API behaves.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quietWorkerLogs, startSecureStack, type SecureStack, type Tenant } from '../support/secure-stack.js';
import { until } from '../support/eventually.js';
import type { QboSettingsPatch } from '../../emulators/qbo/index.js';

quietWorkerLogs();

interface Unknown {
  name: string;
  zuper?: Record<string, unknown>;
  qbo?: QboSettingsPatch;
}

/** One row per unconfirmed behaviour, set to the value the emulator does not default to. */
const unknowns: Unknown[] = [
  { name: 'Zuper answers an unknown uid with 400 instead of 404', zuper: { notFoundStatus: 400 } },
  { name: 'Zuper hides a deleted invoice from GET', zuper: { deletedRecordGet: 'not_found' } },
  { name: 'Zuper returns a deleted product from GET', zuper: { deletedProductGet: 'return' } },
  { name: 'Zuper serves webhook management at the host root', zuper: { routes: { webhookManagementAt: 'root' } } },
  { name: 'Zuper serves the product list at /products', zuper: { routes: { productListPlural: true } } },
  { name: 'Zuper has no org inventory settings route', zuper: { routes: { orgSettingsPath: null } } },
  { name: 'Zuper consumption writes no movement rows', zuper: { consumption: { writesTransactions: false } } },
  {
    name: 'Zuper product PUT replaces locations and resets omitted quantities',
    zuper: { products: { locationAvailabilityOnPut: 'replace', omittedLocationQuantityOnPut: 'reset' } },
  },
  { name: 'Zuper product PUT writes movement rows', zuper: { products: { putWritesTransactions: true } } },
  {
    name: 'QuickBooks answers an unknown id with 404',
    qbo: { reads: { notFoundStatus: 404, unsupportedPathStatus: 404 } },
  },
  {
    name: 'QuickBooks posts CloudEvents as application/cloudevents+json',
    qbo: { webhooks: { cloudEventsContentType: 'application/cloudevents+json' } },
  },
  { name: 'QuickBooks CDC leaves out InventoryAdjustment', qbo: { cdc: { inventoryAdjustment: false } } },
  { name: 'a QuickBooks sale touches the Item too', qbo: { inventory: { saleBumpsItem: true } } },
  {
    name: 'QuickBooks reports an inactivated Item as Delete',
    qbo: { webhooks: { itemInactivationOperation: 'Delete' } },
  },
];

let stack: SecureStack;
let zuperDefaults: unknown;
let qboDefaults: unknown;

before(async () => {
  stack = await startSecureStack();
  zuperDefaults = stack.zuper.admin.getSettings();
  qboDefaults = stack.qbo.admin.getSettings();
});
after(() => stack.close());

const zuperApi = async (tenant: Tenant, method: string, path: string) => {
  const response = await fetch(`${stack.zuper.baseUrl}/api${path}`, {
    method,
    headers: { 'x-api-key': tenant.zuper.api_key },
  });
  assert.equal(response.status, 200, await response.clone().text());
};

const bothAt = async (tenant: Tenant, item: { qbo: string; zuper: string }, qty: number) =>
  until(`QBO and Zuper at ${qty}`, () => {
    const seen = [stack.qboQty(tenant, item.qbo), stack.zuperQty(tenant, item.zuper)];
    return seen.every((q) => q === qty) ? true : undefined;
  });

describe('the sync converges in every setting of every unconfirmed API behaviour', () => {
  for (const unknown of unknowns) {
    it(unknown.name, async () => {
      if (unknown.zuper) stack.zuper.admin.updateSettings(unknown.zuper);
      if (unknown.qbo) stack.qbo.admin.updateSettings(unknown.qbo);
      try {
        const tenant = await stack.tenant('unknown');
        const [qboId = ''] = stack.qbo.admin.seedItems(tenant.realmId, {
          count: 1,
          namePrefix: 'Fitting',
          qtyOnHand: 20,
        });
        await stack.link(tenant);
        const link = (await stack.ctx.store.links.list(tenant.id)).find((l) => l.accountingItemId === qboId);
        assert.ok(link, 'the part was linked');
        const item = { qbo: qboId, zuper: link.fieldItemId };
        await bothAt(tenant, item, 20);

        const invoiceUid = await stack.consumeInZuper(tenant, item.zuper, 3);
        await bothAt(tenant, item, 17);
        stack.sellInQbo(tenant, item.qbo, 2);
        await bothAt(tenant, item, 15);
        await zuperApi(tenant, 'DELETE', `/invoice/${invoiceUid}`);
        await bothAt(tenant, item, 18);
        await until('the settle committed at 18', async () => {
          const settled = await stack.ctx.store.links.get(tenant.id, item.qbo);
          return settled?.baseQty === 18 && settled.pendingSettle === null ? true : undefined;
        });

        const answer = await stack.api('POST', `/api/connections/${tenant.id}/reconcile?waitMs=30000`, {});
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const report = (answer.body as { result: { checked: number; drifted: number; failed: number } }).result;
        assert.deepEqual(
          { checked: report.checked, drifted: report.drifted, failed: report.failed },
          { checked: 1, drifted: 0, failed: 0 },
        );
        assert.deepEqual([stack.qboQty(tenant, item.qbo), stack.zuperQty(tenant, item.zuper)], [18, 18]);
        const failures = await stack.ctx.store.history.list({ connectionId: tenant.id, status: 'failed' });
        assert.deepEqual(
          failures.map((f) => f.summary),
          [],
        );
      } finally {
        stack.zuper.admin.updateSettings(zuperDefaults as Record<string, unknown>);
        stack.qbo.admin.updateSettings(qboDefaults);
      }
    });
  }
});
