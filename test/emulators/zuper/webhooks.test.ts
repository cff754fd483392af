/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- tests read the emulator's JSON envelopes as untyped data */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createProduct, type Harness, startHarness, startReceiver } from './harness.js';

let h: Harness;
before(async () => {
  // At timeScale 1000 the default 15 s receiver timeout is 15 ms of real time: give the local receiver 10 s.
  h = await startHarness({ settings: { webhooks: { delivery: { responseTimeoutMs: 10_000_000 } } } });
});
after(() => h.close());

async function addWebhook(body: Record<string, unknown>, path = '/api/webhook'): Promise<string> {
  const res = await h.api('POST', path, {
    web_hook: {
      webhook_name: `hook-${Math.random()}`,
      content_type: 'application/json',
      request_method: 'POST',
      ...body,
    },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.data.webhook_uid as string;
}

async function removeAll(): Promise<void> {
  const list = await h.api('GET', '/api/webhooks?count=100');
  for (const w of list.body.data as { webhook_uid: string }[]) await h.api('DELETE', `/api/webhook/${w.webhook_uid}`);
}

test('webhook CRUD on both path spellings, update by POST or PUT, activation', async () => {
  const created = await h.api('POST', '/api/service/notifications/webhook', {
    web_hook: { webhook_name: 'Inventory', webhook_event: 'product.new', webhook_url: 'http://127.0.0.1:9/x' },
  });
  assert.deepEqual(Object.keys(created.body.data), ['webhook_uid']);
  assert.deepEqual([created.body.type, created.body.message], ['success', 'Webhook created successfully']);
  const uid = created.body.data.webhook_uid as string;
  const viaShort = (await h.api('GET', `/api/webhook/${uid}`)).body.data;
  const viaLong = (await h.api('GET', `/api/service/notifications/webhook/${uid}`)).body.data;
  assert.deepEqual(viaShort, viaLong);
  assert.deepEqual(
    [viaShort.webhook_module, viaShort.is_active, viaShort.content_type, viaShort.request_method, viaShort.headers],
    [null, true, 'application/json', 'POST', null],
  );
  assert.match(viaShort.secret_key, /^[0-9a-f]{32}$/);
  const duplicate = await h.api('POST', '/api/webhook', {
    web_hook: { webhook_name: 'Inventory', webhook_event: 'x', webhook_url: 'http://127.0.0.1:9/y' },
  });
  assert.equal(duplicate.status, 400);
  assert.equal(
    (
      await h.api('POST', '/api/webhook', {
        web_hook: { webhook_name: 'b', webhook_event: 'x', webhook_url: 'ftp://x' },
      })
    ).status,
    400,
  );

  const post = await h.api('POST', `/api/webhook/${uid}`, { web_hook: { webhook_event: 'product.update' } });
  assert.deepEqual([post.body.type, post.body.message], ['success', 'Webhook details updated successfully']);
  await h.api('PUT', `/api/webhook/${uid}`, { web_hook: { is_active: false } });
  const afterPut = (await h.api('GET', `/api/webhook/${uid}`)).body.data;
  assert.deepEqual([afterPut.webhook_event, afterPut.is_active], ['product.update', false]);
  const activation = await h.api('POST', `/api/service/notifications/webhook/${uid}/activation`, { type: 'ACTIVATE' });
  assert.equal(activation.body.message, 'Webhook Activation Updated');
  assert.equal((await h.api('GET', `/api/webhook/${uid}`)).body.data.is_active, true);

  const listA = await h.api('GET', '/api/webhooks?filter.webhook_event=product.update');
  const listB = await h.api('GET', '/api/service/notifications/webhook?count=100');
  assert.deepEqual([listA.body.total_records, listB.body.total_records], [1, 1]);

  const deleted = await h.api('DELETE', `/api/webhook/${uid}`);
  assert.deepEqual(deleted.body, { type: 'success', data: {}, message: 'Webhook deleted successfully' });
  assert.equal((await h.api('GET', `/api/webhook/${uid}`)).status, 404);
});

test('deliveries carry the flat recorded body, the uid at top level, and the headers verbatim', async () => {
  const receiver = await startReceiver();
  try {
    await addWebhook({
      webhook_event: 'product.new',
      webhook_url: receiver.url,
      headers: { Authorization: 'Bearer s3cr3t', 'X-Tenant': 'acme / 42' },
    });
    const uid = await createProduct(h, {
      product_name: 'Hooked',
      location_availability: [{ location: h.w1, quantity: 4 }],
    });
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(receiver.received.length, 1);
    const [hit] = receiver.received;
    assert.equal(hit?.headers.authorization, 'Bearer s3cr3t');
    assert.equal(hit?.headers['x-tenant'], 'acme / 42');
    assert.equal(hit?.headers['content-type'], 'application/json');
    const body = JSON.parse(hit?.body ?? '{}') as Record<string, unknown>;
    // The recorded delivery's shape: flat, no module, no record, scalars as strings, a Python-repr workflow_builder.
    assert.deepEqual(Object.keys(body), [
      'product_uid',
      'event',
      'company_uid',
      'triggered_at',
      'triggered_by',
      'updated_by',
      'max_retries',
      'workflow_builder',
    ]);
    assert.deepEqual(
      [body.event, body.product_uid, body.company_uid, body.max_retries, body.workflow_builder],
      ['product.new', uid, h.company.company_uid, '4', "{'workflow_uid': None, 'from_workflow_builder': False}"],
    );
  } finally {
    await removeAll();
    await receiver.close();
  }
});

test('a pre-stringified headers value is stored double-encoded and never sent', async () => {
  const receiver = await startReceiver();
  try {
    const uid = await addWebhook({
      webhook_event: 'product.new',
      webhook_url: receiver.url,
      headers: JSON.stringify({ Authorization: 'Bearer s3cr3t' }),
    });
    assert.equal(
      (await h.api('GET', `/api/webhook/${uid}`)).body.data.headers,
      JSON.stringify(JSON.stringify({ Authorization: 'Bearer s3cr3t' })),
    );
    await createProduct(h, {});
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]?.headers.authorization, undefined);
  } finally {
    await removeAll();
    await receiver.close();
  }
});

test('a non-2xx answer is retried 3 times, recorded in webhook_history, and can be retried by hand', async () => {
  const receiver = await startReceiver([500, 503, 500, 500, 200]);
  try {
    const hook = await addWebhook({
      webhook_event: 'product.new',
      webhook_url: receiver.url,
      headers: { 'X-Key': 'k' },
    });
    const successesBefore = (
      await h.api('GET', '/api/service/notifications/webhook_history?filter.response_status=SUCCESS')
    ).body.total_records as number;
    await createProduct(h, {});
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(receiver.received.length, 4, 'one attempt and three retries');
    assert.ok(receiver.received.every((r) => r.headers['x-key'] === 'k' && r.body === receiver.received[0]?.body));
    const history = await h.api('GET', '/api/service/notifications/webhook_history?count=50');
    type Row = { attempt_no: number; response_status: number; type: string; webhook: { webhook_uid: string } };
    const mine = (history.body.data as Row[]).filter((r) => r.webhook.webhook_uid === hook);
    const rows = [...mine].reverse();
    assert.deepEqual(
      rows.map((r) => [r.attempt_no, r.response_status, r.type]),
      [
        [1, 500, 'AUTOMATICALLY_TRIGGERED'],
        [2, 503, 'AUTOMATICALLY_TRIGGERED'],
        [3, 500, 'AUTOMATICALLY_TRIGGERED'],
        [4, 500, 'AUTOMATICALLY_TRIGGERED'],
      ],
    );
    const successes = async () =>
      (await h.api('GET', '/api/service/notifications/webhook_history?filter.response_status=SUCCESS')).body
        .total_records;
    assert.equal(await successes(), successesBefore);
    assert.equal(h.emu.admin.counters().webhooks.abandoned, 1);

    const first = mine[0] as Row & { webhook_history_uid: string };
    const retried = await h.api('POST', `/api/service/notifications/webhook/${first.webhook_history_uid}/retry`);
    assert.equal(retried.body.message, 'Webhook Retriggered');
    assert.deepEqual(
      [
        retried.body.data.type,
        retried.body.data.attempt_no,
        retried.body.data.response_status,
        retried.body.data.response_body,
      ],
      ['MANUALLY_TRIGGERED', 5, 200, 'ok'],
    );
    assert.equal(retried.body.data.request_body, receiver.received[0]?.body);
    assert.equal(receiver.received.length, 5);
    assert.equal(await successes(), successesBefore + 1);
    assert.equal((await h.api('POST', '/api/service/notifications/webhook/unknown/retry')).status, 404);
  } finally {
    await removeAll();
    await receiver.close();
  }
});

test('inactive webhooks, other events and other modules receive nothing; event names come from the settings table', async () => {
  const receiver = await startReceiver();
  try {
    const inactive = await addWebhook({ webhook_event: 'product.new', webhook_url: receiver.url });
    await h.api('POST', `/api/webhook/${inactive}/activation`, { type: 'DEACTIVATE' });
    await addWebhook({ webhook_event: 'product.new', webhook_url: receiver.url, webhook_module: 'INVOICE' });
    await addWebhook({ webhook_event: 'product.changed', webhook_url: receiver.url, webhook_module: 'PRODUCTS' });
    const uid = await createProduct(h, {});
    await h.api('PUT', `/api/product/${uid}`, { product: { product_name: 'Renamed' } });
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(receiver.received.length, 0);

    h.emu.admin.updateSettings({ webhooks: { events: { product_updated: ['product.changed'] } } });
    await h.api('PUT', `/api/product/${uid}`, { product: { product_name: 'Renamed again' } });
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(receiver.received.length, 1);
    assert.equal(JSON.parse(receiver.received[0]?.body ?? '{}').event, 'product.changed');
  } finally {
    h.emu.admin.updateSettings({ webhooks: { events: { product_updated: ['product.update'] } } });
    await removeAll();
    await receiver.close();
  }
});

test("product, movement and invoice events are delivered under Zuper's keys; a movement names its transaction", async () => {
  const receiver = await startReceiver();
  try {
    for (const event of [
      'product.update',
      'product.delete',
      'product.transcation_inward',
      'product.transcation_outward',
      'product.transcation_transfer',
      'product.consumption',
      'invoice.new',
      'invoice.update',
      'invoice.status_update',
      'invoice.delete',
    ]) {
      await addWebhook({ webhook_event: event, webhook_url: receiver.url });
    }
    const uid = await createProduct(h, { location_availability: [{ location: h.w1, quantity: 5 }] });
    await h.api('PUT', `/api/product/${uid}`, { product: { price: 3 } });
    const tx = await h.api('POST', `/api/product/${uid}/outward`, {
      transaction: { product_uid: uid, location_uid: h.w1, quantity: 1 },
    });
    const inv = await h.api('POST', '/api/invoice', {
      invoice: { invoice_date: '2026-02-01', line_items: [{ product_uid: uid, location_uid: h.w1, quantity: 1 }] },
    });
    const invoiceUid = inv.body.data.invoice_uid as string;
    await h.api('PUT', `/api/invoice/${invoiceUid}`, { invoice: { remarks: 'edited' } });
    await h.api('PUT', `/api/invoice/${invoiceUid}/status`, {
      invoice_uid: invoiceUid,
      invoice_status: 'AWAIT_PAYMENT',
    });
    await h.api('DELETE', `/api/invoice/${invoiceUid}`);
    await h.api('POST', '/api/invoice/recover', { entity_uids: [invoiceUid] });
    await h.api('DELETE', `/api/product/${uid}`);
    await h.emu.admin.waitForWebhooksIdle();
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const movements = await h.api('GET', `/api/product/transaction?product_uid=${uid}&count=50`);
    const [outward, consumed, restored, consumedAgain] = (movements.body.data as { transaction_uid: string }[]).map(
      (m) => m.transaction_uid,
    );
    assert.equal(outward, tx.body.data.transaction_uid);
    assert.deepEqual(
      bodies.map((b) => [b.event, b.product_uid ?? b.invoice_uid ?? b.transaction_uid]),
      [
        ['product.update', uid],
        ['product.transcation_outward', outward],
        ['product.consumption', consumed],
        ['invoice.new', invoiceUid],
        ['invoice.update', invoiceUid],
        ['invoice.status_update', invoiceUid],
        ['product.consumption', restored],
        ['invoice.delete', invoiceUid],
        ['product.consumption', consumedAgain],
        ['product.delete', uid],
      ],
    );
  } finally {
    await removeAll();
    await receiver.close();
  }
});
