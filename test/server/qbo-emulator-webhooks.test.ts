import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import { startQboEmulator, type OAuthAppInput, type RunningQboEmulator } from '../../emulators/qbo/index.js';
import {
  expectedIntakeBatch,
  intakeWorkflowOf,
  openTestContext,
  seedQboConnection,
  startTestServer,
  webhookCounter,
  workflowIdsOf,
  type TestServer,
} from './support.js';

const verifier = 'emulator-verifier-token';
let emulator: RunningQboEmulator;
let ctx: AppContext;
let server: TestServer;
let app: OAuthAppInput;

before(async () => {
  // No retries: a refused delivery is abandoned at once instead of waiting out Intuit's schedule.
  emulator = await startQboEmulator({ settings: { webhooks: { retryScheduleMs: [] } } });
  ctx = await openTestContext({ qboEmulatorUrl: emulator.baseUrl });
  server = await startTestServer(ctx, { webhookSigningKeys: { qbo: verifier } });
  app = {
    clientId: ctx.apps.qbo.clientId,
    clientSecret: ctx.apps.qbo.clientSecret,
    redirectUris: [ctx.apps.qbo.redirectUri],
    webhookUrl: `${server.url}/webhooks/qbo`,
    verifierToken: verifier,
  };
});
after(async () => {
  await server.app.close();
  await ctx.close();
  await emulator.close();
});

/** A company connected to our app in the emulator (so it sends us webhooks) and to a connection here. */
async function connectedCompany() {
  const { realmId } = emulator.admin.createRealm();
  emulator.admin.issueTokens({ clientId: app.clientId, realmId });
  const connectionId = `emu-${randomUUID()}`;
  await seedQboConnection(ctx, connectionId, realmId);
  const [itemId = ''] = emulator.admin.seedItems(realmId, { count: 1 });
  return { connectionId, realmId, itemId };
}

/** Somebody edits the item in QuickBooks; returns the delivery records of the webhook that follows. */
async function editItem(realmId: string, itemId: string) {
  const before = emulator.admin.webhookDeliveries().length;
  emulator.admin.editItemAsOtherUser(realmId, itemId, { changes: { Description: `edited ${randomUUID()}` } });
  await emulator.admin.waitForWebhooksIdle();
  return emulator.admin.webhookDeliveries().slice(before);
}

const itemUpdate = (connectionId: string, itemId: string, workflowId: string) =>
  expectedIntakeBatch(ctx, connectionId, workflowId, [
    { connectionId, entity: 'Item', entityId: itemId, operation: 'Update' },
  ]);

for (const format of ['cloudevents', 'legacy'] as const) {
  test(`the emulator's own signed ${format} delivery is verified and starts the item's intake workflow`, async () => {
    emulator.admin.registerApp({ ...app, webhookFormat: format });
    const { connectionId, realmId, itemId } = await connectedCompany();
    const counter = await webhookCounter('qbo');

    const deliveries = await editItem(realmId, itemId);

    assert.deepEqual(
      deliveries.map((d) => [d.outcome, d.status]),
      [['delivered', 200]],
    );
    assert.deepEqual(await counter.changes(), { accepted: 1 });
    const [workflowId = ''] = await workflowIdsOf(ctx.temporal, connectionId, 1);
    assert.deepEqual(await intakeWorkflowOf(ctx, workflowId), itemUpdate(connectionId, itemId, workflowId));
  });
}

test("the emulator's duplicate delivery of the same events starts nothing more", async () => {
  emulator.admin.registerApp({ ...app, webhookFormat: 'cloudevents' });
  emulator.admin.updateSettings({ webhooks: { duplicateRate: 1 } });
  try {
    const { connectionId, realmId, itemId } = await connectedCompany();
    const counter = await webhookCounter('qbo');

    const deliveries = await editItem(realmId, itemId);

    assert.deepEqual(
      deliveries.map((d) => [d.outcome, d.status]),
      [
        ['delivered', 200],
        ['duplicate', 200],
      ],
    );
    assert.deepEqual(await counter.changes(), { accepted: 1, duplicate: 1 });
    assert.equal((await workflowIdsOf(ctx.temporal, connectionId, 1)).length, 1);
  } finally {
    emulator.admin.updateSettings({ webhooks: { duplicateRate: 0 } });
  }
});

test('a delivery the emulator signs with another verifier token is refused (401) and starts nothing', async () => {
  emulator.admin.registerApp({ ...app, webhookFormat: 'cloudevents', verifierToken: 'some-other-apps-token' });
  try {
    const { connectionId, realmId, itemId } = await connectedCompany();
    const counter = await webhookCounter('qbo');

    const deliveries = await editItem(realmId, itemId);

    assert.deepEqual(
      deliveries.map((d) => [d.outcome, d.status]),
      [
        ['failed', 401],
        ['abandoned', undefined],
      ],
    );
    assert.deepEqual(await counter.changes(), { bad_signature: 1 });
    assert.deepEqual(await workflowIdsOf(ctx.temporal, connectionId), []);
  } finally {
    emulator.admin.registerApp({ ...app, webhookFormat: 'cloudevents' });
  }
});
