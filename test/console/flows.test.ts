import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import type { CompanyInfo } from '../../emulators/zuper/index.js';
import { reconcileSchedule } from '../../client/schedules.js';
import { eventually } from '../support/eventually.js';
import { linkProgressQuery } from '../../workflows/link-catalog.js';
import type { Tenant } from '../support/secure-stack.js';
import { checkPage, screenshotDir, signIn, startConsoleStack, type ConsoleStack } from './support.js';
import { credentialFields } from '../support/stored-credentials.js';
import { readConnectionSettings } from '../../integrations/connection-settings.js';

/**
 * A bookkeeper's day in the console, in a real headless Chromium against the real service (HTTP server, worker,
 * Temporal, both emulators): each step is checked by what the emulators and the store hold afterwards.
 */
let cs: ConsoleStack;
let page: Page;
const id = `acme-${randomBytes(3).toString('hex')}`;
let realmId: string;
let company: CompanyInfo;
let valveId: string;
let valveUid: string;
let tenant: Tenant;

const url = (path: string) => `${cs.stack.url}${path}`;
const base = () => url(`/console/c/${id}`);

before(async () => {
  cs = await startConsoleStack();
  ({ realmId } = cs.stack.qbo.admin.createRealm({ companyName: 'Acme QBO', itemCategoriesFeature: true }));
  cs.stack.qbo.admin.updateSettings({ oauth: { authorizeRealmId: realmId } });
  [valveId = ''] = cs.stack.qbo.admin.seedItems(realmId, { count: 2, namePrefix: 'Valve', qtyOnHand: 10 });
  company = cs.stack.zuper.admin.createCompany({
    company_name: id,
    api_key: `zk-${randomBytes(16).toString('hex')}`,
    locations: [{ location_name: 'W1' }, { location_name: 'W2' }],
    categories: [{ category_name: 'Parts' }],
  });
  page = await cs.browser.newPage();
  await signIn(page, cs.stack.url);
});
after(async () => {
  await cs.close();
});
// Each step's last page, kept with the screenshots for when a step fails.
afterEach(async (t) => {
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(join(screenshotDir, `${t.name.replace(/\W+/g, '-')}.html`), await page.content());
});

describe('the console, page by page', { concurrency: false }, () => {
  it('adds a connection', async () => {
    await page.getByLabel('Connection id').fill('bad id!');
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.locator('#id-error').waitFor();
    assert.equal(await cs.stack.ctx.store.connections.find('bad id!'), null);
    await page.getByLabel('Connection id').fill(id);
    await page.getByLabel('Name').fill('Acme Plumbing');
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.waitForURL(base());
    assert.equal((await cs.stack.ctx.store.connections.get(id)).displayName, 'Acme Plumbing');
  });

  it('connects QuickBooks through the OAuth redirect to the emulator and back', async () => {
    await page.getByRole('button', { name: 'Connect to QuickBooks' }).click();
    await page.getByRole('heading', { name: 'QuickBooks connected' }).waitFor();
    const connection = await cs.stack.ctx.store.connections.get(id);
    assert.deepEqual(
      [credentialFields(connection).qboRealmId, credentialFields(connection).hasQboTokens],
      [realmId, true],
    );
  });

  it('checks the Zuper key before saving it', async () => {
    await page.goto(base());
    await page.getByLabel('Company login name').fill(id);
    await page.getByLabel('API key').fill('zk-wrong-key-000000');
    await page.getByRole('button', { name: 'Check the key and save' }).click();
    await page.locator('#apiKey-error').waitFor();
    assert.equal(credentialFields(await cs.stack.ctx.store.connections.get(id)).hasZuperKey, false);
    await page.getByLabel('API key').fill(company.api_key);
    await page.getByRole('button', { name: 'Check the key and save' }).click();
    await page.getByText(`Zuper company ${id} connected`).waitFor();
    assert.equal(credentialFields(await cs.stack.ctx.store.connections.get(id)).hasZuperKey, true);
    await checkPage(page, 'connect');
  });

  it('refuses a bad setting beside its field and saves nothing, then saves good ones', async () => {
    await page.goto(`${base()}/settings`);
    await page.getByLabel('Product master').selectOption({ label: 'QuickBooks' });
    await page.getByLabel('Default Zuper location').selectOption({ label: 'W1' });
    await page.getByLabel('Reconciliation interval (such as 15m or 1h)').fill('5x');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const error = await page.locator('#reconcileEvery-error').textContent();
    assert.match(error ?? '', /reconcileEvery: a duration such as 15m or 1h/);
    assert.equal(readConnectionSettings(await cs.stack.ctx.store.connections.get(id)), null, 'nothing saved half-way');
    await page.getByLabel('Reconciliation interval (such as 15m or 1h)').fill('1h');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    const settings = readConnectionSettings(await cs.stack.ctx.store.connections.get(id));
    assert.deepEqual(
      [settings?.productMaster, settings?.field.defaultLocationUid, settings?.reconcileEvery],
      ['accounting', company.location_uids[0], '1h'],
    );
    await checkPage(page, 'settings');
  });

  it('shows each prerequisite with its result, and checks again', async () => {
    await page.goto(`${base()}/checks`);
    await page.getByRole('table').waitFor();
    assert.ok((await page.locator('tbody tr').count()) >= 4);
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByRole('table').waitFor();
    await checkPage(page, 'prerequisites');
  });

  it('shows the dry run as a table, then links with progress', async () => {
    await page.goto(`${base()}/link`);
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was written' }).waitFor();
    const rows = await page.locator('table tbody tr').allTextContents();
    assert.equal(rows.filter((r) => r.startsWith('create in Zuper')).length, 2, rows.join('\n'));
    assert.deepEqual(await cs.stack.ctx.store.links.list(id), []);
    await checkPage(page, 'link-dry-run');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByText(/Linked: 2 of 2 items done, 0 errors/).waitFor({ timeout: 60_000 });
    const run = new URL(page.url()).searchParams.get('run') ?? '';
    const progress = await cs.stack.ctx.temporal.workflow.getHandle(run).query(linkProgressQuery);
    assert.deepEqual([progress?.done, progress?.total, progress?.errors], [2, 2, 0], 'the progress the page shows');
    const links = await cs.stack.ctx.store.links.list(id);
    assert.equal(links.length, 2);
    valveUid = links.find((l) => l.accountingItemId === valveId)!.fieldItemId;
    assert.equal(cs.stack.zuperQty({ zuper: company } as Tenant, valveUid), 10);
    await checkPage(page, 'link');
  });

  it('shows the history row of a part consumed in Zuper: Zuper read, QuickBooks only written', async () => {
    tenant = { id, realmId, zuper: company, w1: company.location_uids[0]!, w2: company.location_uids[1]! };
    await cs.stack.consumeInZuper(tenant, valveUid, 3);
    await eventually(
      () => cs.stack.qboQty(tenant, valveId),
      (qty) => qty === 7,
    );
    const row = page.locator('tbody tr', { hasText: 'quantity' }).filter({ hasText: 'QuickBooks -3' });
    await eventually(
      async () => {
        await page.goto(`${base()}/history?item=${valveId}&kind=quantity&status=succeeded`);
        return row.count();
      },
      (count) => count > 0,
    );
    const cells = await row.first().locator('td').allTextContents();
    // The consumption asked for the settle, so only Zuper was read (QuickBooks reads are metered); QuickBooks followed.
    assert.equal(cells[4], 'not read', 'QuickBooks was written, not read');
    assert.equal(cells[5], '7 → 7', 'Zuper before → after: it had already consumed the 3 when the settle read it');
    assert.match(cells[6] ?? '', /QuickBooks -3; base now 7; QuickBooks was not read/);
    await checkPage(page, 'history');
    await row.first().getByRole('link', { name: 'Details' }).click();
    await page.getByRole('link', { name: 'Open this run in the Temporal UI' }).waitFor();
    await checkPage(page, 'history-detail');
  });

  it('exports the filtered rows as CSV', async () => {
    await page.goto(`${base()}/history?kind=quantity&status=succeeded`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export these rows as CSV' }).click(),
    ]);
    const rows = parse<Record<string, string>>(readFileSync(await download.path(), 'utf8'), { columns: true });
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => r.kind === 'quantity' && r.status === 'succeeded'));
    assert.ok(rows.some((r) => r.accountingItemId === valveId && r.accounting === 'not read' && r.field === '7 → 7'));
  });

  it('explains a failed sync, and Retry after the fix settles it', async () => {
    // The fault: QuickBooks refuses the adjustment account (it does not exist).
    const broken = await cs.stack.api('PUT', `/api/connections/${id}/settings`, {
      accounts: { adjustmentAccountId: '999' },
    });
    assert.equal(broken.status, 200);
    await cs.stack.consumeInZuper(tenant, valveUid, 2);
    const failedRow = page.locator('tbody tr', { hasText: 'needs_attention' });
    await eventually(
      async () => {
        await page.goto(`${base()}/history?item=${valveId}&kind=quantity`);
        return failedRow.count();
      },
      (count) => count > 0,
    );
    assert.match((await failedRow.first().textContent()) ?? '', /account 999/);
    assert.equal(cs.stack.qboQty(tenant, valveId), 7);

    await page.goto(`${base()}/settings`);
    await page.getByLabel('Inventory adjustment account').selectOption({ label: 'Inventory Shrinkage' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.goto(`${base()}/history?item=${valveId}&kind=quantity`);
    await failedRow.first().getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Retry started').waitFor();
    await eventually(
      () => cs.stack.qboQty(tenant, valveId),
      (qty) => qty === 5,
    );
  });

  it('pauses, resumes and runs the reconciliation, and shows its drift report', async () => {
    await page.goto(`${base()}/reconcile`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Schedule paused.').waitFor();
    const paused = await reconcileSchedule(cs.stack.ctx.temporal, id).describe();
    assert.equal(paused.state.paused, true);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Schedule resumed.').waitFor();
    assert.equal((await reconcileSchedule(cs.stack.ctx.temporal, id).describe()).state.paused, false);
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByText('Reconciliation started.').waitFor();
    await eventually(
      async () => {
        await page.goto(`${base()}/reconcile`);
        return page.locator('h3', { hasText: 'succeeded' }).count();
      },
      (count) => count > 0,
    );
    await checkPage(page, 'reconciliation');
  });

  it('disconnects Zuper only after a confirmation', async () => {
    await page.goto(base());
    await page.getByRole('link', { name: 'Disconnect Zuper…' }).click();
    await checkPage(page, 'disconnect');
    assert.equal(
      credentialFields(await cs.stack.ctx.store.connections.get(id)).hasZuperKey,
      true,
      'nothing before confirming',
    );
    await page.getByRole('button', { name: 'Disconnect Zuper' }).click();
    await page.getByText('Zuper disconnected').waitFor();
    assert.equal(credentialFields(await cs.stack.ctx.store.connections.get(id)).hasZuperKey, false);
  });
});
