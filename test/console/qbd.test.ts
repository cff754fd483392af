import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createQbdEmulator, parseQwc, qwcSettings, type QbdEmulator, type QwcFile } from '../../emulators/qbd/index.js';
import { readConnectionSettings } from '../../integrations/connection-settings.js';
import { checkPage, screenshotDir, signIn, startConsoleStack, type ConsoleStack } from './support.js';
import { storedCredentials } from '../support/stored-credentials.js';

/**
 * QuickBooks Desktop in the console, in a real headless Chromium against the real service (HTTP server with /qbwc,
 * worker, Temporal): connecting issues a Web Connector login and its .qwc file, which the QuickBooks Desktop
 * emulator's Web Connector opens and runs sessions with; the page shows what the store holds of those sessions; the
 * prerequisite checks wait for a session, then show its answer; disconnecting asks first. Each step is checked by
 * what the store holds afterwards.
 */
let cs: ConsoleStack;
let page: Page;
let qbd: QbdEmulator;
const id = `desk-${randomBytes(3).toString('hex')}`;

const base = () => `${cs.stack.url}/console/c/${id}`;
/** The Web Connector reaches the stack on this machine: http is allowed for localhost only. */
const appUrl = () => `http://localhost:${new URL(cs.stack.url).port}/qbwc`;
const qbdCard = () => page.locator('section', { has: page.getByRole('heading', { name: 'QuickBooks Desktop' }) });

/**
 * Downloads the .qwc file the link or button starts, with its name and parsed content, and the content type and
 * disposition the same URL answers with (asked again in the same browser session).
 */
async function downloadQwc(
  start: () => Promise<void>,
): Promise<{ name: string; type: string; disposition: string; qwc: QwcFile }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const text = readFileSync(await download.path(), 'utf8');
  const again = await page.request.get(download.url());
  assert.equal(await again.text(), text, 'the same file again');
  return {
    name: download.suggestedFilename(),
    type: again.headers()['content-type'] ?? '',
    disposition: again.headers()['content-disposition'] ?? '',
    qwc: parseQwc(text),
  };
}

let password = '';
let firstQwc: QwcFile;

before(async () => {
  cs = await startConsoleStack();
  qbd = createQbdEmulator({ timeScale: 60 });
  await cs.stack.ctx.store.connections.create(id, 'Desk Plumbing');
  page = await cs.browser.newPage();
  await signIn(page, cs.stack.url);
});
after(async () => {
  await qbd.close();
  await cs.close();
});
afterEach(async (t) => {
  mkdirSync(screenshotDir, { recursive: true });
  writeFileSync(join(screenshotDir, `qbd-${t.name.replace(/\W+/g, '-')}.html`), await page.content());
});

describe('QuickBooks Desktop in the console', { concurrency: false }, () => {
  it('refuses an AppURL the Web Connector cannot reach, next to the field', async () => {
    await page.goto(base());
    const form = qbdCard().locator('form[method="post"]');
    await form.getByLabel('Web Connector address (AppURL)').fill('http://192.0.2.7/qbwc');
    await form.getByRole('button', { name: 'Connect QuickBooks Desktop' }).click();
    await page.locator('#qbd-appUrl-error').waitFor();
    assert.match(await page.locator('#qbd-appUrl-error').innerText(), /https:\/\/ URL with a host name/);
    assert.deepEqual((await cs.stack.ctx.store.connections.get(id)).connectedSystems, []);
  });

  it('connects: shows the user name and the password once, and downloads the .qwc file', async () => {
    await page.goto(base());
    await checkPage(page, 'qbd-not-connected');
    const form = qbdCard().locator('form[method="post"]');
    await form.getByLabel('Web Connector address (AppURL)').fill(appUrl());
    await form.getByLabel('Run every').fill('1');
    await form.getByRole('button', { name: 'Connect QuickBooks Desktop' }).click();
    await page.getByRole('heading', { name: 'QuickBooks Desktop connected' }).waitFor();
    await checkPage(page, 'qbd-connected');

    const username = await page.locator('#qbd-connected-username').innerText();
    password = await page.locator('#qbd-connected-password').innerText();
    assert.equal(username, `qzsync-${id}`);
    const connection = await cs.stack.ctx.store.connections.get(id);
    assert.deepEqual([connection.accountingSystem, connection.connectedSystems], ['qbd', ['qbd']]);
    assert.equal((await storedCredentials(cs.stack.ctx.store).findQbdLogin(username))?.password, password);

    const download = await downloadQwc(() => page.getByRole('link', { name: `Download ${id}.qwc` }).click());
    assert.equal(download.name, `${id}.qwc`);
    assert.equal(download.type, 'application/xml; charset=utf-8');
    assert.equal(download.disposition, `attachment; filename="${id}.qwc"`);
    firstQwc = download.qwc;
    assert.equal(firstQwc.appUrl, appUrl());
    assert.equal(firstQwc.userName, username);
    assert.equal(firstQwc.runEveryNSeconds, 60);
    assert.equal(firstQwc.qbType, 'QBFS');
    assert.match(firstQwc.ownerId, /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    assert.notEqual(firstQwc.ownerId, firstQwc.fileId);

    await page.goto(base());
    assert.equal(await page.getByText(password).count(), 0, 'the password is not shown again');
  });

  it("shows the Web Connector's sessions and waiting requests as the store has them", async () => {
    await page.goto(base());
    await qbdCard().getByText('Last session: none yet').waitFor();

    // The Web Connector opens the downloaded file and the user types the password shown once.
    const connector = qbd.connectWebConnector(qwcSettings(firstQwc, password));
    const session = await connector.runSession();
    assert.equal(session.outcome, 'completed', session.message);

    // The quantity watch may queue its next read meanwhile: compare with a store that did not change around the page.
    let activity = await cs.stack.ctx.store.qbdQueue.connectorActivity(id);
    let shown = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await cs.stack.ctx.store.qbdQueue.connectorActivity(id);
      await page.goto(base());
      shown = (await qbdCard().innerText()).replace(/\s+/g, ' ');
      activity = await cs.stack.ctx.store.qbdQueue.connectorActivity(id);
      if (JSON.stringify(before) === JSON.stringify(activity)) break;
    }
    assert.ok(activity.lastSession, 'the store has the session');
    const startedAt = `${activity.lastSession.startedAt.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC`;
    assert.ok(shown.includes(`Last session: ${startedAt}`), shown);
    assert.ok(shown.includes(`Requests waiting for the next session: ${activity.waiting}`), shown);
    assert.ok(shown.includes('Last error: none'), shown);
  });

  it('keeps the AppURL and run interval set on the card for every later file; OwnerID and FileID stay', async () => {
    await page.goto(base());
    assert.equal(
      await page.locator('#qbd-qwc-now').innerText(),
      `The Web Connector calls ${appUrl()} every 1 minute.`,
      'what connecting set',
    );
    const fileForm = qbdCard().locator('form[method="post"]', {
      has: page.getByRole('button', { name: 'Save and download the .qwc file' }),
    });
    // An IP address is refused next to the field, and nothing is kept.
    await fileForm.getByLabel('Web Connector address (AppURL)').fill('https://198.51.100.4/qbwc');
    await fileForm.getByRole('button', { name: 'Save and download the .qwc file' }).click();
    await page.locator('#qwc-appUrl-error').waitFor();
    assert.match(await page.locator('#qwc-appUrl-error').innerText(), /https:\/\/ URL with a host name/);
    assert.equal(await page.locator('#qwc-appUrl').inputValue(), 'https://198.51.100.4/qbwc', 'what was typed stays');
    assert.deepEqual(await cs.stack.ctx.store.qbdWebConnectorFiles.get(id), { appUrl: appUrl(), runEverySeconds: 60 });

    await page.goto(base());
    assert.equal(await fileForm.getByLabel('Web Connector address (AppURL)').inputValue(), appUrl());
    await fileForm.getByLabel('Run every').fill('30');
    await fileForm.getByLabel('Unit').selectOption('seconds');
    const saved = await downloadQwc(() =>
      fileForm.getByRole('button', { name: 'Save and download the .qwc file' }).click(),
    );
    assert.equal(saved.qwc.runEveryNSeconds, 30);
    assert.deepEqual(await cs.stack.ctx.store.qbdWebConnectorFiles.get(id), { appUrl: appUrl(), runEverySeconds: 30 });

    // Later downloads and connecting again take what is kept, without typing it again.
    await page.goto(base());
    assert.equal(
      await page.locator('#qbd-qwc-now').innerText(),
      `The Web Connector calls ${appUrl()} every 30 seconds.`,
    );
    const again = await downloadQwc(() => qbdCard().getByRole('link', { name: 'Download the .qwc file' }).click());
    const form = qbdCard().locator('form[method="post"]', {
      has: page.getByRole('button', { name: 'Connect QuickBooks Desktop again (new password)' }),
    });
    assert.equal(await form.getByLabel('Run every').inputValue(), '30');
    assert.equal(await form.getByLabel('Unit').inputValue(), 'seconds');
    await form.getByRole('button', { name: 'Connect QuickBooks Desktop again (new password)' }).click();
    await page.getByRole('heading', { name: 'QuickBooks Desktop connected' }).waitFor();
    const newPassword = await page.locator('#qbd-connected-password').innerText();
    const reconnected = await downloadQwc(() => page.getByRole('link', { name: `Download ${id}.qwc` }).click());

    for (const file of [saved.qwc, again.qwc, reconnected.qwc]) {
      assert.deepEqual(
        [file.ownerId, file.fileId, file.userName, file.appUrl, file.runEveryNSeconds],
        [firstQwc.ownerId, firstQwc.fileId, firstQwc.userName, appUrl(), 30],
      );
    }
    assert.notEqual(newPassword, password);
    assert.equal((await storedCredentials(cs.stack.ctx.store).findQbdLogin(`qzsync-${id}`))?.password, newPassword);
    password = newPassword;
    // The Web Connector adds the file and signs in with it (whether the watch has a read waiting or not).
    const session = await qbd.connectWebConnector(qwcSettings(reconnected.qwc, password)).runSession();
    assert.ok(['completed', 'noWork'].includes(session.outcome), `${session.outcome}: ${session.message ?? ''}`);
  });

  it('checks the accounts at the next Web Connector session: pending, then the answer', async () => {
    await page.goto(`${base()}/checks`);
    const accounts = page.getByRole('row', { name: /QuickBooks Desktop accounts found/ });
    assert.match(await accounts.innerText(), /pending/);
    assert.match(await accounts.innerText(), /next session/);
    const asked = (await cs.stack.ctx.store.qbdQueue.list(id)).filter((r) => r.requestType === 'AccountQueryRq');
    assert.equal(asked.filter((r) => r.status === 'queued').length, 1, 'one question waits for the session');
    await checkPage(page, 'qbd-checks-pending');

    await page.reload();
    assert.equal(
      (await cs.stack.ctx.store.qbdQueue.list(id)).filter((r) => r.requestType === 'AccountQueryRq').length,
      1,
      'checking again while the question waits asks nothing more',
    );

    const connector = qbd.connectWebConnector(qwcSettings(firstQwc, password));
    assert.equal((await connector.runSession()).outcome, 'completed');
    await page.reload();
    const answered = await accounts.innerText();
    assert.match(answered, /passed/);
    assert.match(answered, /"Sales" \(Income\)/);
    assert.match(answered, /"Inventory Asset" \(OtherCurrentAsset\)/);
  });

  it('disconnects QuickBooks Desktop only after a confirmation', async () => {
    await page.goto(base());
    await page.getByRole('link', { name: 'Disconnect QuickBooks Desktop…' }).click();
    await checkPage(page, 'qbd-disconnect');
    assert.deepEqual((await cs.stack.ctx.store.connections.get(id)).connectedSystems, ['qbd'], 'nothing yet');
    await page.getByRole('button', { name: 'Disconnect QuickBooks Desktop' }).click();
    await page.getByText('QuickBooks Desktop disconnected').waitFor();

    assert.deepEqual((await cs.stack.ctx.store.connections.get(id)).connectedSystems, []);
    assert.equal(await storedCredentials(cs.stack.ctx.store).findQbdLogin(`qzsync-${id}`), null);
    const activity = await cs.stack.ctx.store.qbdQueue.connectorActivity(id);
    assert.deepEqual([activity.username, activity.waiting], [null, 0], 'the login is gone and nothing waits');
    await qbdCard().getByText('Not connected.').waitFor();
    const refused = await qbd.connectWebConnector(qwcSettings(firstQwc, password)).runSession();
    assert.equal(refused.outcome, 'invalidUser');
  });

  it("saves a QuickBooks Desktop connection's settings, twice, offering no QuickBooks Online fields", async () => {
    const save = async (location: string, quantity: string) => {
      await page.goto(`${base()}/settings`);
      assert.equal(await page.getByLabel('How quantities are written to QuickBooks').count(), 0);
      assert.equal(await page.getByLabel('Income account (new inventory items)').count(), 0);
      assert.equal(await page.getByLabel('QuickBooks Desktop inventory site').inputValue(), '', 'no site yet');
      await page.getByLabel('Product master').selectOption({ label: 'QuickBooks Desktop' });
      await page.getByLabel('Default Zuper location (uid)').fill(location);
      await page.getByLabel('Quantity given in Zuper to QuickBooks Desktop non-inventory items').fill(quantity);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved').waitFor();
    };
    await save('loc-1', '3');
    // Saved again once configured: the form then sends nothing of QuickBooks Online's.
    await save('loc-2', '4');
    const settings = readConnectionSettings(await cs.stack.ctx.store.connections.get(id));
    assert.deepEqual(
      [settings?.productMaster, settings?.nonInventoryQuantity, settings?.accounting, settings?.field],
      ['accounting', 4, { system: 'qbd', accounts: {} }, { system: 'zuper', defaultLocationUid: 'loc-2' }],
    );
  });

  it("saves QuickBooks Desktop's accounts by full name and its site, unsets the site, and stores nothing refused", async () => {
    const stored = async () => readConnectionSettings(await cs.stack.ctx.store.connections.get(id))?.accounting;
    await page.goto(`${base()}/settings`);
    await page.getByLabel('QuickBooks Desktop income account of new inventory items').fill('Sales:Parts');
    await page.getByLabel('QuickBooks Desktop account inventory adjustments post to').fill('Shrinkage');
    await page.getByLabel('QuickBooks Desktop inventory site').fill('Van 1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    const saved = { system: 'qbd', accounts: { income: 'Sales:Parts', adjustment: 'Shrinkage' }, site: 'Van 1' };
    assert.deepEqual(await stored(), saved);
    await page.goto(`${base()}/settings`);
    assert.equal(await page.getByLabel('QuickBooks Desktop inventory site').inputValue(), 'Van 1', 'shown as stored');
    await checkPage(page, 'qbd-settings');

    // A name QuickBooks Desktop cannot hold (a segment over 31 characters) is refused next to its field, with the site
    // changed in the same form: nothing of the form is stored, and what was typed is shown again.
    const tooLong = `Expenses:${'x'.repeat(32)}`;
    await page.getByLabel('QuickBooks Desktop cost of goods sold account of new inventory items').fill(tooLong);
    await page.getByLabel('QuickBooks Desktop inventory site').fill('Van 2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#qbdAccounts-cogs-error').waitFor();
    assert.match(await page.locator('#qbdAccounts-cogs-error').innerText(), /qbdAccounts\.cogs: .*1 to 31 characters/);
    assert.equal(await page.getByLabel('QuickBooks Desktop inventory site').inputValue(), 'Van 2');
    assert.deepEqual(await stored(), saved, 'the refused save stored nothing');

    // The site emptied is unset; the accounts stay.
    await page.goto(`${base()}/settings`);
    await page.getByLabel('QuickBooks Desktop inventory site').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    assert.deepEqual(await stored(), { system: 'qbd', accounts: saved.accounts });
  });
});
