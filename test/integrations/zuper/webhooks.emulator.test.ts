import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type EmulatedZuper, startEmulatedZuper, startReceiver } from './emulator-harness.js';

void describe('Zuper client against the emulator: webhooks', () => {
  let z: EmulatedZuper;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    z = await startEmulatedZuper();
    receiver = await startReceiver();
  });
  after(async () => {
    await z.close();
    await receiver.close();
  });

  void it('registers a webhook whose secret header Zuper sends verbatim with each delivery', async () => {
    const uid = await z.client.createWebhook({
      name: 'qbo-sync products',
      event: 'product.update',
      module: 'PRODUCTS',
      url: receiver.url,
      headers: { 'X-Sync-Secret': 's3cr3t value/with=chars' },
    });
    const sent = z.emu.admin.requestLog({ method: 'POST', pathIncludes: '/webhook' }).at(-1)?.body as {
      web_hook: { headers: unknown };
    };
    assert.deepEqual(sent.web_hook.headers, { 'X-Sync-Secret': 's3cr3t value/with=chars' }, 'an object, not a string');

    assert.deepEqual(await z.client.getWebhook(uid), {
      uid,
      name: 'qbo-sync products',
      event: 'product.update',
      module: 'PRODUCTS',
      url: receiver.url,
      isActive: true,
      headers: { 'X-Sync-Secret': 's3cr3t value/with=chars' },
    });

    const product = await z.createPart('Hooked');
    await z.client.updateProduct(product, { price: 9 });
    await z.emu.admin.waitForWebhooksIdle();
    assert.equal(receiver.received.length, 1, 'only product.update is subscribed');
    const [delivery] = receiver.received;
    assert.equal(delivery?.headers['x-sync-secret'], 's3cr3t value/with=chars');
    const body = JSON.parse(delivery?.body ?? '{}') as { event?: string; product_uid?: string };
    assert.deepEqual([body.event, body.product_uid], ['product.update', product]);
  });

  void it('manages webhooks whether Zuper serves them under /api or at the root (unsettled), and deliveries flow either way', async () => {
    for (const place of ['root', 'api'] as const) {
      z.emu.admin.updateSettings({ routes: { webhookManagementAt: place } });
      const other = place === 'root' ? '/api/service/notifications/webhook' : '/service/notifications/webhook';
      const misplaced = await z.api('GET', other);
      assert.equal(misplaced.status, 404, `the other place answers Zuper's "Cannot GET" page`);
      assert.match(String(misplaced.body), /Cannot GET/);
      const uid = await z.client.createWebhook({ name: `at ${place}`, event: 'product.delete', url: receiver.url });
      assert.ok((await z.client.listWebhooks({ event: 'product.delete' })).some((w) => w.uid === uid));
      const before = receiver.received.length;
      await z.client.deleteProduct(await z.createPart(`Gone ${place}`));
      await z.emu.admin.waitForWebhooksIdle();
      assert.ok(receiver.received.slice(before).some((d) => d.body.includes('product.delete')));
      await z.client.deleteWebhook(uid);
      assert.equal(await z.client.getWebhook(uid), null);
    }
  });

  void it('lists, updates, deactivates, reactivates and deletes webhooks', async () => {
    const uid = await z.client.createWebhook({ name: 'invoices', event: 'invoice.new', url: receiver.url });
    assert.deepEqual((await z.client.listWebhooks()).map((w) => w.name).sort(), ['invoices', 'qbo-sync products']);
    assert.deepEqual(
      (await z.client.listWebhooks({ event: 'invoice.new' })).map((w) => w.uid),
      [uid],
    );

    await z.client.updateWebhook(uid, { event: 'invoice.update', headers: { 'X-Sync-Secret': 'rotated' } });
    const updated = await z.client.getWebhook(uid);
    assert.deepEqual([updated?.event, updated?.headers], ['invoice.update', { 'X-Sync-Secret': 'rotated' }]);

    await z.client.deactivateWebhook(uid);
    assert.equal((await z.client.getWebhook(uid))?.isActive, false);
    await z.client.activateWebhook(uid);
    assert.equal((await z.client.getWebhook(uid))?.isActive, true);

    await z.client.deleteWebhook(uid);
    assert.equal(await z.client.getWebhook(uid), null);
    await z.client.deleteWebhook(uid);
  });

  void it('reads headers stored double-encoded by another integration as none, as Zuper never sends them', async () => {
    const res = await z.raw('POST', '/service/notifications/webhook', {
      web_hook: {
        webhook_name: 'legacy',
        webhook_event: 'product.new',
        webhook_url: receiver.url,
        headers: JSON.stringify({ Authorization: 'Bearer x' }),
      },
    });
    const uid = (res.body as { data: { webhook_uid: string } }).data.webhook_uid;
    assert.equal((await z.client.getWebhook(uid))?.headers, null);
  });
});
