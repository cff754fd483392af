import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { startZuperEmulator, type RunningZuperEmulator } from '../../emulators/zuper/index.js';
import { connectZuper } from '../../integrations/zuper/connect.js';
import {
  assertZuperProductUpdateHandedOff,
  openTestContext,
  startTestServer,
  webhookCounter,
  type TestServer,
} from './support.js';

let emulator: RunningZuperEmulator;
let ctx: AppContext;
let server: TestServer;

before(async () => {
  emulator = await startZuperEmulator();
  ctx = await openTestContext();
  server = await startTestServer(ctx);
});
after(async () => {
  await server.app.close();
  await ctx.close();
  await emulator.close();
});

test('a product edited in Zuper reaches us through the webhook the service registered, secret header and all', async () => {
  const company = emulator.admin.createCompany({ company_name: `Acme ${randomUUID()}` });
  const [productUid = ''] = emulator.admin.generateProducts(company.company_name, { count: 1 });
  const connectionId = `zuper-emu-${randomUUID()}`;
  await ctx.store.connections.create(connectionId, 'Zuper emulator');
  await connectZuper(ctx, connectionId, {
    company: company.company_name,
    apiKey: company.api_key,
    apiUrl: `${emulator.baseUrl}/api`,
  });
  const counter = await webhookCounter('zuper');

  const edit = await fetch(`${emulator.baseUrl}/api/product/${productUid}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-api-key': company.api_key },
    body: JSON.stringify({ product: { product_description: 'edited in Zuper' } }),
  });
  assert.equal(edit.status, 200);
  await emulator.admin.waitForWebhooksIdle();

  const deliveries = emulator.admin
    .webhookDeliveries()
    .filter((d) => d.url.endsWith(`/webhooks/zuper/${connectionId}`));
  assert.deepEqual(
    deliveries.map((d) => [d.outcome, d.status]),
    [['delivered', 200]],
  );
  assert.deepEqual(await counter.changes(), { accepted: 1 });
  // The delivery id is the hash of the exact body Zuper sent, as its webhook history shows it.
  const historyResponse = await fetch(`${emulator.baseUrl}/api/service/notifications/webhook_history?count=50`, {
    headers: { 'x-api-key': company.api_key },
  });
  const history = (await historyResponse.json()) as { data: { request_body: string; response_status: number }[] };
  assert.deepEqual(
    history.data.map((row) => row.response_status),
    [200],
  );
  const sentBody = history.data[0]?.request_body ?? '';
  const deliveryId = createHash('sha256').update(`${connectionId}\u0000${sentBody}`).digest('hex');
  await assertZuperProductUpdateHandedOff(ctx, connectionId, deliveryId, productUid);
});
