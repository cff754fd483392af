import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OAuthAppInput } from '../../../emulators/qbo/index.js';
import { WebhookReceiver, type Responder } from '../common/webhook-receiver.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

let appCounter = 0;

interface Setup {
  receiver: WebhookReceiver;
  realmId: string;
  token: string;
  clientId: string;
  post: (path: string, body: unknown) => Promise<Record<string, unknown>>;
}

/** A fresh company connected to a fresh app whose webhooks go to a local receiver. */
async function setup(app: Partial<OAuthAppInput> = {}, responder: Responder = () => 200): Promise<Setup> {
  const receiver = new WebhookReceiver(responder);
  const url = await receiver.start();
  const clientId = `hook-app-${++appCounter}`;
  // Most tests here read the legacy body; those about CloudEvents (the default) ask for it.
  h.emu.admin.registerApp({
    clientId,
    clientSecret: 's',
    webhookUrl: url,
    verifierToken: 'verifier-123',
    webhookFormat: 'legacy',
    ...app,
  });
  const { realmId } = h.emu.admin.createRealm();
  const token = h.emu.admin.issueTokens({ clientId, realmId }).access_token;
  return {
    receiver,
    realmId,
    token,
    clientId,
    post: async (path, body) => {
      const res = await fetch(`${h.emu.baseUrl}/v3/company/${realmId}/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    },
  };
}

const serviceItem = (name: string) => ({ Name: name, Type: 'Service', IncomeAccountRef: { value: '1' } });

function verify(raw: Buffer, header: string | string[] | undefined, key: string): boolean {
  if (typeof header !== 'string') return false;
  const expected = createHmac('sha256', key).update(raw).digest();
  const got = Buffer.from(header, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

test('legacy format: ids and operations only, signed with the verifier token over the exact bytes', async () => {
  const s = await setup();
  try {
    const item = (await s.post('item', serviceItem('Hooked'))).Item as { Id: string };
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(s.receiver.received.length, 1);
    const req = s.receiver.received[0];
    assert.ok(req);
    assert.ok(verify(req.body, req.headers['intuit-signature'], 'verifier-123'));
    assert.ok(!verify(req.body, req.headers['intuit-signature'], 'other-token'));
    assert.equal(req.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(req.headers['intuit-notification-schema-version'], '0.1');
    const body = JSON.parse(req.body.toString('utf8')) as {
      eventNotifications: { realmId: string; dataChangeEvent: { entities: Record<string, string>[] } }[];
    };
    assert.equal(body.eventNotifications.length, 1);
    assert.equal(body.eventNotifications[0]?.realmId, s.realmId);
    const [entity] = body.eventNotifications[0]?.dataChangeEvent.entities ?? [];
    assert.deepEqual(Object.keys(entity ?? {}).sort(), ['id', 'lastUpdated', 'name', 'operation']);
    assert.equal(entity?.name, 'Item');
    assert.equal(entity?.id, item.Id);
    assert.equal(entity?.operation, 'Create');
    assert.match(entity?.lastUpdated ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  } finally {
    await s.receiver.close();
  }
});

test('CloudEvents format: an array of events with type, entity id and account id', async () => {
  const s = await setup({ webhookFormat: 'cloudevents' });
  try {
    const item = (await s.post('item', serviceItem('Cloudy'))).Item as { Id: string };
    await s.post('item', { Id: item.Id, SyncToken: '0', sparse: true, UnitPrice: 3 });
    await h.emu.admin.waitForWebhooksIdle();
    const events = s.receiver.received.flatMap((r) => {
      assert.ok(verify(r.body, r.headers['intuit-signature'], 'verifier-123'));
      assert.equal(r.headers['content-type'], 'application/json');
      return JSON.parse(r.body.toString('utf8')) as Record<string, unknown>[];
    });
    assert.deepEqual(
      events.map((e) => [e.type, e.intuitentityid, e.intuitaccountid, e.specversion, e.datacontenttype]),
      [
        ['qbo.item.created.v1', item.Id, s.realmId, '1.0', 'application/json'],
        ['qbo.item.updated.v1', item.Id, s.realmId, '1.0', 'application/json'],
      ],
    );
    assert.match(events[0]?.id as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(events[0]?.id, events[1]?.id);
    assert.deepEqual(events[0]?.data, {});
    assert.match(events[0]?.source as string, /^intuit\./);
  } finally {
    await s.receiver.close();
  }
});

test('subscription filters select entities and operations; InventoryAdjustment is not a webhook entity', async () => {
  const s = await setup({ webhookEntities: { Invoice: ['Create', 'Void'], Item: [], InventoryAdjustment: [] } });
  try {
    const item = (
      await s.post('item', {
        Name: 'Filtered',
        Type: 'Inventory',
        TrackQtyOnHand: true,
        QtyOnHand: 5,
        InvStartDate: '2025-01-01',
        IncomeAccountRef: { value: '79' },
        ExpenseAccountRef: { value: '80' },
        AssetAccountRef: { value: '81' },
      })
    ).Item as { Id: string };
    const line = {
      DetailType: 'SalesItemLineDetail',
      Amount: 1,
      SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 1 },
    };
    const inv = (await s.post('invoice', { CustomerRef: { value: '1' }, Line: [line] })).Invoice as { Id: string };
    await s.post('invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'edited' });
    await s.post('invoice?operation=void', { Id: inv.Id, SyncToken: '1' });
    await s.post('inventoryadjustment', {
      AdjustAccountRef: { value: '86' },
      Line: [
        {
          DetailType: 'ItemAdjustmentLineDetail',
          ItemAdjustmentLineDetail: { ItemRef: { value: item.Id }, QtyDiff: 1 },
        },
      ],
    });
    await h.emu.admin.waitForWebhooksIdle();
    const seen = s.receiver.received.flatMap((r) => {
      const body = JSON.parse(r.body.toString('utf8')) as {
        eventNotifications: { dataChangeEvent: { entities: { name: string; operation: string }[] } }[];
      };
      return body.eventNotifications.flatMap((n) => n.dataChangeEvent.entities.map((e) => `${e.name}:${e.operation}`));
    });
    // Item: all operations; Invoice: only Create and Void; no InventoryAdjustment, and the sale did not touch the Item.
    assert.deepEqual(seen, ['Item:Create', 'Invoice:Create', 'Invoice:Void']);
  } finally {
    await s.receiver.close();
  }
});

test('failed deliveries are retried on the scaled schedule and later events wait (head-of-line)', async () => {
  const s = await setup({}, (n) => (n <= 2 ? 500 : 200));
  try {
    await s.post('item', serviceItem('Retry one'));
    await s.post('item', serviceItem('Retry two'));
    await h.emu.admin.waitForWebhooksIdle();
    const names = s.receiver.received.map(
      (r) =>
        (JSON.parse(r.body.toString()) as { eventNotifications: { dataChangeEvent: { entities: { id: string }[] } }[] })
          .eventNotifications[0]?.dataChangeEvent.entities[0]?.id,
    );
    assert.deepEqual(names, ['1', '1', '1', '2']);
    const bodies = s.receiver.bodies();
    assert.equal(bodies[0], bodies[1]);
    const gaps = s.receiver.received.slice(1, 3).map((r, i) => r.at - (s.receiver.received[i]?.at ?? 0));
    // 10 s then 20 s nominal at time scale 1000
    assert.ok((gaps[0] ?? 0) >= 9 && (gaps[1] ?? 0) >= 19, `gaps ${gaps.join(',')}`);
    const mine = h.emu.admin.webhookDeliveries().filter((d) => d.url.startsWith(`http://127.0.0.1`) && d.attempt > 0);
    assert.ok(mine.some((d) => d.outcome === 'failed' && d.status === 500));
  } finally {
    await s.receiver.close();
  }
});

test('at-least-once: duplicateRate 1 re-sends the same bytes (same CloudEvents id); dropRate 1 loses them', async () => {
  h.emu.admin.updateSettings({ webhooks: { duplicateRate: 1 } });
  const s = await setup({ webhookFormat: 'cloudevents' });
  try {
    await s.post('item', serviceItem('Twice'));
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(s.receiver.received.length, 2);
    assert.deepEqual(s.receiver.received[0]?.body, s.receiver.received[1]?.body);
  } finally {
    h.emu.admin.updateSettings({ webhooks: { duplicateRate: 0 } });
    await s.receiver.close();
  }
  h.emu.admin.updateSettings({ webhooks: { dropRate: 1 } });
  const d = await setup();
  try {
    const before = h.emu.admin.counters().faults.webhookDrop ?? 0;
    await d.post('item', serviceItem('Never'));
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(d.receiver.received.length, 0);
    assert.equal(h.emu.admin.counters().faults.webhookDrop, before + 1);
  } finally {
    h.emu.admin.updateSettings({ webhooks: { dropRate: 0 } });
    await d.receiver.close();
  }
});

test('the batching window groups events into one POST; multi-realm batches and coalescing are switches', async () => {
  h.emu.admin.updateSettings({ webhooks: { batchWindowMs: 200_000 } });
  const s = await setup();
  try {
    const { realmId: second } = h.emu.admin.createRealm();
    const token2 = h.emu.admin.issueTokens({ clientId: s.clientId, realmId: second }).access_token;
    const item = (await s.post('item', serviceItem('Windowed'))).Item as { Id: string };
    await s.post('item', { Id: item.Id, SyncToken: '0', sparse: true, UnitPrice: 1 });
    await fetch(`${h.emu.baseUrl}/v3/company/${second}/item`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token2}`, 'content-type': 'application/json' },
      body: JSON.stringify(serviceItem('Other realm')),
    });
    await h.emu.admin.waitForWebhooksIdle();
    // One POST per realm by default.
    assert.equal(s.receiver.received.length, 2);
    const first = JSON.parse(s.receiver.bodies()[0] ?? '') as {
      eventNotifications: { realmId: string; dataChangeEvent: { entities: unknown[] } }[];
    };
    assert.equal(first.eventNotifications[0]?.dataChangeEvent.entities.length, 2);

    h.emu.admin.updateSettings({ webhooks: { multiRealmBatches: true, coalesce: true } });
    await s.post('item', { Id: item.Id, SyncToken: '1', sparse: true, UnitPrice: 2 });
    await s.post('item', { Id: item.Id, SyncToken: '2', sparse: true, UnitPrice: 3 });
    await fetch(`${h.emu.baseUrl}/v3/company/${second}/item`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token2}`, 'content-type': 'application/json' },
      body: JSON.stringify(serviceItem('Other realm 2')),
    });
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(s.receiver.received.length, 3);
    const combined = JSON.parse(s.receiver.bodies()[2] ?? '') as {
      eventNotifications: { realmId: string; dataChangeEvent: { entities: unknown[] } }[];
    };
    assert.deepEqual(
      combined.eventNotifications.map((n) => [n.realmId, n.dataChangeEvent.entities.length]),
      [
        [s.realmId, 1],
        [second, 1],
      ],
    );
  } finally {
    h.emu.admin.updateSettings({ webhooks: { batchWindowMs: 0, multiRealmBatches: false, coalesce: false } });
    await s.receiver.close();
  }
});

test('"send test event", and no webhooks once the app is disconnected', async () => {
  const s = await setup();
  try {
    h.emu.admin.sendTestWebhook(s.clientId, s.realmId);
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(s.receiver.received.length, 1);
    assert.ok(
      verify(
        s.receiver.received[0]?.body ?? Buffer.alloc(0),
        s.receiver.received[0]?.headers['intuit-signature'],
        'verifier-123',
      ),
    );

    // Changes made in QBO itself (not through the API) notify connected apps too.
    h.emu.admin.act(s.realmId, { entity: 'Item', operation: 'create', body: serviceItem('Made in the UI') });
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(s.receiver.received.length, 2);

    const basic = `Basic ${Buffer.from(`${s.clientId}:s`).toString('base64')}`;
    const revoke = await fetch(`${h.emu.baseUrl}/oauth2/v1/tokens/revoke`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ token: s.token }),
    });
    assert.equal(revoke.status, 200);
    h.emu.admin.act(s.realmId, { entity: 'Item', operation: 'create', body: serviceItem('After disconnect') });
    await h.emu.admin.waitForWebhooksIdle();
    assert.equal(s.receiver.received.length, 2);
  } finally {
    await s.receiver.close();
  }
});

test('item inactivation reports Update by default and Delete when switched', async () => {
  const s = await setup();
  try {
    const a = (await s.post('item', serviceItem('Inactive A'))).Item as { Id: string };
    await s.post('item', { Id: a.Id, SyncToken: '0', sparse: true, Active: false });
    h.emu.admin.updateSettings({ webhooks: { itemInactivationOperation: 'Delete' } });
    const b = (await s.post('item', serviceItem('Inactive B'))).Item as { Id: string };
    await s.post('item', { Id: b.Id, SyncToken: '0', sparse: true, Active: false });
    await h.emu.admin.waitForWebhooksIdle();
    // Every entity of every delivery: changes made within the emulator's batch window share one delivery.
    const ops = s.receiver.received.flatMap((r) =>
      (
        JSON.parse(r.body.toString()) as {
          eventNotifications: { dataChangeEvent: { entities: { operation: string }[] } }[];
        }
      ).eventNotifications.flatMap((n) => n.dataChangeEvent.entities.map((e) => e.operation)),
    );
    assert.deepEqual(ops, ['Create', 'Update', 'Create', 'Delete']);
  } finally {
    h.emu.admin.updateSettings({ webhooks: { itemInactivationOperation: 'Update' } });
    await s.receiver.close();
  }
});
