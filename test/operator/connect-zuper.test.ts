/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createZuperClient } from '../../integrations/zuper/client.js';
import { startStack, type Stack, type TestConnection } from './support/stack.js';
import { storedCredentials } from '../support/stored-credentials.js';
import { credentialFields } from '../support/stored-credentials.js';

let stack: Stack;
let zc: TestConnection;
let zbad: TestConnection;
before(async () => {
  stack = await startStack();
  zc = await stack.connection('zc', { configure: false, connectZuper: false });
  zbad = await stack.connection('zbad', { configure: false, connectZuper: false });
});
after(async () => {
  await stack.close();
});

const zuperApi = (c: TestConnection) =>
  createZuperClient({ apiBaseUrl: `${stack.zuper.baseUrl}/api`, apiKey: c.zuper.api_key });

// Zuper's real keys (docs/zuper-behaviour.md); `product.stock_update` and `invoice.recover` do not exist.
const events = [
  'product.new',
  'product.update',
  'product.delete',
  'product.update_stock',
  'product.transcation_inward',
  'product.transcation_outward',
  'product.transcation_transfer',
  'product.consumption',
  'invoice.new',
  'invoice.update',
  'invoice.status_update',
  'invoice.delete',
];

describe('connect Zuper', () => {
  it('discovers the data centre, stores the key, and registers product and invoice webhooks carrying the secret', async () => {
    const answer = await stack.api('POST', `/api/connections/${zc.id}/zuper`, {
      company: zc.id,
      apiKey: zc.zuper.api_key,
    });
    assert.equal(answer.status, 200);
    const webhookUrl = `${stack.ctx.env.PUBLIC_BASE_URL}/webhooks/zuper/${zc.id}`;
    assert.equal(answer.body.apiUrl, `${stack.zuper.baseUrl}/api`);
    assert.equal(answer.body.webhookUrl, webhookUrl);
    assert.equal(answer.body.replaced, 0);
    assert.deepEqual(
      answer.body.webhooks.map((w: { event: string }) => w.event),
      events,
    );

    const { webhookSecret, apiKey } = await storedCredentials(stack.ctx.store).loadZuper(zc.id);
    assert.equal(apiKey, zc.zuper.api_key);
    const listed = await zuperApi(zc).listWebhooks();
    assert.deepEqual(listed.map((w) => w.event).sort(), [...events].sort());
    for (const w of listed) {
      assert.equal(w.url, webhookUrl);
      assert.equal(w.name, `qzsync:${zc.id}:${w.event}`);
      assert.equal(w.module, w.event.startsWith('product') ? 'PRODUCTS' : 'INVOICE');
      assert.deepEqual(w.headers, { 'x-qzsync-webhook-secret': webhookSecret });
    }

    // Zuper then delivers its events to our URL with the secret header.
    await zuperApi(zc).createProduct({
      name: 'Hook test',
      type: 'PRODUCT',
      trackQuantity: true,
      categoryUid: zc.category,
    });
    await stack.zuper.admin.waitForWebhooksIdle();
    const delivery = stack.receiver.received.find((r) => r.body.includes('product.new'));
    assert.ok(delivery, 'a product.new delivery arrived');
    assert.equal(delivery.headers['x-qzsync-webhook-secret'], webhookSecret);
  });

  it('re-connecting replaces the earlier webhooks and secret, leaving webhooks of others alone', async () => {
    const foreign = await zuperApi(zc).createWebhook({
      name: 'someone else',
      event: 'product.new',
      url: 'http://127.0.0.1:9/other',
    });
    const before = (await zuperApi(zc).listWebhooks()).filter((w) => w.uid !== foreign).map((w) => w.uid);
    const { webhookSecret: oldSecret } = await storedCredentials(stack.ctx.store).loadZuper(zc.id);
    const again = await stack.api('POST', `/api/connections/${zc.id}/zuper`, {
      company: zc.id,
      apiKey: zc.zuper.api_key,
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.replaced, events.length);
    const { webhookSecret } = await storedCredentials(stack.ctx.store).loadZuper(zc.id);
    assert.notEqual(webhookSecret, oldSecret);
    const now = await zuperApi(zc).listWebhooks();
    assert.equal(now.length, events.length + 1);
    assert.ok(now.some((w) => w.uid === foreign));
    for (const uid of before) assert.ok(!now.some((w) => w.uid === uid), `old webhook ${uid} removed`);
  });

  it('disconnecting removes our webhooks and forgets the key', async () => {
    const answer = await stack.api('DELETE', `/api/connections/${zc.id}/zuper`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      connectionId: zc.id,
      system: 'zuper',
      done: [`${events.length} Zuper webhooks removed`, 'API key and webhook secret deleted from this service'],
      warnings: [],
    });
    assert.deepEqual(
      (await zuperApi(zc).listWebhooks()).map((w) => w.name),
      ['someone else'],
    );
    assert.equal(credentialFields(await stack.ctx.store.connections.get(zc.id)).hasZuperKey, false);
  });

  it('refuses a wrong key or an unknown company with the reason, saving nothing', async () => {
    const wrongKey = await stack.api('POST', `/api/connections/${zbad.id}/zuper`, {
      company: zbad.id,
      apiKey: 'not-the-right-key',
    });
    assert.equal(wrongKey.status, 422);
    assert.equal(wrongKey.body.error.code, 'rejected_upstream');
    assert.match(wrongKey.body.error.message, /Zuper rejected the API key/);
    const unknown = await stack.api('POST', `/api/connections/${zbad.id}/zuper`, {
      company: 'no-such-co',
      apiKey: 'whatever-key',
    });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error.code, 'zuper_company_not_found');
    assert.equal(credentialFields(await stack.ctx.store.connections.get(zbad.id)).hasZuperKey, false);
    assert.deepEqual(await zuperApi(zbad).listWebhooks(), []);
  });

  it('skips discovery with an explicit API URL', async () => {
    const answer = await stack.api('POST', `/api/connections/${zbad.id}/zuper`, {
      company: zbad.id,
      apiKey: zbad.zuper.api_key,
      apiUrl: `${stack.zuper.baseUrl}/api/`,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.apiUrl, `${stack.zuper.baseUrl}/api`);
  });
});
