import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorsAdminClient } from '../../../emulators/admin-client.js';
import { emulatorStateFiles, startEmulators, type RunningEmulators } from '../../../emulators/start-both.js';
import { decodeState, encodeState } from '../../../emulators/common/state-file.js';
import { consumeOnInvoice } from '../../../emulators/zuper/index.js';

const app = { clientId: 'persist-app', clientSecret: 'secret', redirectUris: ['http://127.0.0.1/cb'] };

function admin(emulators: RunningEmulators) {
  return emulatorsAdminClient({ qbo: emulators.qbo.baseUrl, zuper: emulators.zuper.baseUrl });
}

test('Maps and Sets survive the state encoding, nested inside plain records', () => {
  const state = { a: new Map([['k', { s: new Set([1, 2]), n: null }]]), list: [1, 'x'] };
  assert.deepEqual(decodeState(encodeState(state)), state);
});

test('both emulators come back from their state files with the same companies, records, quantities and tokens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  try {
    const first = await startEmulators({ qbo: 0, zuper: 0, dataDir });
    const before = admin(first);
    await before.qbo.registerApp(app);
    const { realmId } = await before.qbo.createRealm({ companyName: 'Persisted Co' });
    const tokens = await before.qbo.issueTokens({ clientId: app.clientId, realmId });
    const [itemId] = await before.qbo.seedItems(realmId, { count: 1, namePrefix: 'Kept', qtyOnHand: 12 });
    const company = await before.zuper.createCompany({
      company_name: 'persisted-field',
      locations: [{ location_name: 'Main Warehouse' }],
    });
    const [productUid] = await before.zuper.generateProducts('persisted-field', { count: 1, quantity_per_location: 9 });
    assert.ok(itemId && productUid);
    await consumeOnInvoice(`${first.zuper.baseUrl}/api`, company.api_key, {
      productUid,
      locationUid: company.location_uids[0] ?? '',
      qty: 2,
      unitPrice: 1,
    });
    // No close: the files must already hold what every acknowledged request changed, as after a crash.
    const files = emulatorStateFiles(dataDir);
    const savedQbo = readFileSync(files.qbo, 'utf8');
    const savedZuper = readFileSync(files.zuper, 'utf8');
    await first.close();
    writeFileSync(files.qbo, savedQbo);
    writeFileSync(files.zuper, savedZuper);

    const second = await startEmulators({ qbo: 0, zuper: 0, dataDir });
    try {
      const after = admin(second);
      assert.equal((await after.qbo.getEntity(realmId, 'Item', itemId))?.QtyOnHand, 12);
      assert.equal((await after.zuper.product('persisted-field', productUid))?.quantity, 7);
      // The service's stored token and key still open the APIs.
      const item = await fetch(`${second.qbo.baseUrl}/v3/company/${realmId}/item/${itemId}`, {
        headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
      });
      assert.equal(item.status, 200);
      const product = await fetch(`${second.zuper.baseUrl}/api/product/${productUid}`, {
        headers: { 'x-api-key': company.api_key },
      });
      assert.equal(product.status, 200);
      const movements = (await (
        await fetch(`${second.zuper.baseUrl}/api/product/transaction?count=50&page=1`, {
          headers: { 'x-api-key': company.api_key },
        })
      ).json()) as { data: Array<{ product_uid?: string; quantity?: number }> };
      assert.ok(
        movements.data.some((m) => m.quantity === 2),
        'the invoice movement is still listed',
      );
      // New records do not reuse the ids of the saved ones.
      const [nextItem] = await after.qbo.seedItems(realmId, { count: 1, namePrefix: 'After' });
      assert.notEqual(nextItem, itemId);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a damaged state file stops the emulator with the file named and what to do', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  try {
    const files = emulatorStateFiles(dataDir);
    const first = await startEmulators({ qbo: 0, zuper: 0, dataDir });
    await admin(first).zuper.createCompany({ company_name: 'x-co' });
    await first.close();
    writeFileSync(files.zuper, '{"version":1,');
    await assert.rejects(startEmulators({ qbo: 0, zuper: 0, dataDir }), (error: Error) => {
      assert.match(error.message, /zuper\.json is not valid JSON .*move it away/);
      return true;
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
