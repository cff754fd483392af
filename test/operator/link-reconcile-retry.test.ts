/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createZuperClient } from '../../integrations/zuper/client.js';
import { startStack, type Stack, type TestConnection } from './support/stack.js';
import { eventually } from '../support/sync-stack.js';

let stack: Stack;
let lk: TestConnection;
let widgetId: string;
let gadgetId: string;
let widgetUid: string;

const zuper = () => createZuperClient({ apiBaseUrl: `${stack.zuper.baseUrl}/api`, apiKey: lk.zuper.api_key });
const qboQty = (id: string) => Number(stack.qbo.admin.getEntity(lk.realmId, 'Item', id)?.QtyOnHand);
const zuperQty = async (uid: string) => (await zuper().getProduct(uid))?.quantity;
/** One QBO inventory item "<prefix> 1" with SKU "<PREFIX>-1". */
const inventoryItem = (namePrefix: string, qtyOnHand: number) =>
  stack.qbo.admin.seedItems(lk.realmId, { count: 1, namePrefix, qtyOnHand })[0] ?? '';

before(async () => {
  stack = await startStack();
  lk = await stack.connection('lk');
  widgetId = inventoryItem('Widget', 10);
  gadgetId = inventoryItem('Gadget', 4);
  widgetUid = await zuper().createProduct({
    name: 'Widget (Zuper)',
    productId: 'WIDGET-1',
    type: 'PRODUCT',
    trackQuantity: true,
    categoryUid: lk.category,
    locations: [{ locationUid: lk.w1, quantity: 3 }],
  });
});
after(async () => {
  await stack.close();
});

describe('link, reconcile, history and retry', () => {
  it('a dry run shows what would be linked, created and moved, and writes nothing', async () => {
    const answer = await stack.api('POST', `/api/connections/${lk.id}/link`, { dryRun: true });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.state, 'completed');
    assert.equal(answer.body.kind, 'link');
    assert.equal(answer.body.connectionId, lk.id);
    const result = answer.body.result;
    assert.equal(result.dryRun, true);
    assert.deepEqual(result.summary, { keep: 0, link: 1, create: 1, skip: 0, quantityChanges: 1 });
    assert.deepEqual(result.actions, [
      {
        action: 'link',
        accountingItemId: widgetId,
        fieldItemId: widgetUid,
        by: 'sku',
        kind: 'inventory',
        quantityChange: { side: 'field', from: 3, to: 10 },
      },
      { action: 'create', in: 'field', fromId: gadgetId, name: 'Gadget 1', kind: 'inventory' },
    ]);
    assert.deepEqual(result.names, {
      accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
      field: { system: 'Zuper', record: 'Zuper product' },
    });
    assert.equal(result.actionsTotal, 2);
    assert.deepEqual(await stack.ctx.store.links.list(lk.id), []);
    assert.equal((await zuper().listProducts({ page: 1, count: 10 })).items.length, 1);
    assert.equal(await zuperQty(widgetUid), 3);
  });

  it('a real run (polled through /runs) links and creates, and the master quantity wins', async () => {
    const started = await stack.api('POST', `/api/connections/${lk.id}/link?waitMs=0`, { dryRun: false });
    assert.equal(started.status, 202);
    assert.equal(started.body.state, 'running');
    const { workflowId, runId } = started.body;
    assert.ok(workflowId.startsWith(`link:${lk.id}:run:`));
    const done = await stack.api('GET', `/api/runs/${encodeURIComponent(workflowId)}?runId=${runId}&waitMs=20000`);
    assert.equal(done.status, 200);
    assert.equal(done.body.state, 'completed');
    assert.equal(done.body.result.dryRun, false);
    assert.deepEqual(done.body.result.failed, []);
    const links = await stack.ctx.store.links.list(lk.id);
    assert.deepEqual(links.map((l) => l.accountingItemId).sort(), [gadgetId, widgetId].sort());
    const gadgetUid = links.find((l) => l.accountingItemId === gadgetId)!.fieldItemId;
    assert.equal(await zuperQty(gadgetUid), 4);
    await eventually(
      () => zuperQty(widgetUid),
      (qty) => qty === 10,
    );
    assert.equal(qboQty(widgetId), 10);
  });

  it('reconcile reports a quantity it could not settle, with the cause and the fix', async () => {
    await zuper().stockOutward({ productUid: widgetUid, locationUid: lk.w1, quantity: 2, remarks: 'used on a job' });
    const broken = await stack.api('PUT', `/api/connections/${lk.id}/settings`, {
      accounts: { adjustmentAccountId: '999' },
    });
    assert.equal(broken.status, 200);
    const answer = await stack.api('POST', `/api/connections/${lk.id}/reconcile`, {});
    assert.equal(answer.status, 200);
    assert.equal(answer.body.state, 'completed');
    assert.equal(answer.body.kind, 'reconcile');
    assert.ok(answer.body.workflowId.startsWith(`reconcile:${lk.id}:manual:`));
    const report = answer.body.result;
    assert.equal(report.checked, 2);
    assert.equal(report.drifted, 1);
    assert.equal(report.failed, 1);
    assert.equal(report.items[0].accountingItemId, widgetId);
    assert.equal(report.items[0].fieldItemId, widgetUid);
    assert.equal(report.items[0].status, 'failed');
    assert.deepEqual(report.items[0].quantities, { base: 10, accounting: 10, field: 8 });
    assert.match(report.items[0].cause, /^Zuper changed by -2 /);
    assert.deepEqual(report.names, {
      accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
      field: { system: 'Zuper', record: 'Zuper product' },
    });
    assert.match(report.items[0].explanation, /account 999/);
    assert.equal(qboQty(widgetId), 10);
  });

  it('history filters by item (either id), kind, status and limit; one entry shows everything', async () => {
    const all = (await stack.api('GET', `/api/connections/${lk.id}/history`)).body.entries;
    const failed = all.find(
      (e: { kind: string; status: string }) => e.kind === 'quantity' && e.status === 'needs_attention',
    );
    assert.ok(failed);
    assert.equal(failed.accountingItemId, widgetId);
    assert.equal(failed.fieldItemId, widgetUid);
    assert.match(failed.explanation, /account 999/);
    assert.match(failed.fix, /--adjustment-account/);

    const listed = (await stack.api('GET', `/api/connections/${lk.id}/history?item=${widgetId}`)).body;
    assert.deepEqual(listed.names.accounting, { system: 'QuickBooks', record: 'QuickBooks item' });
    const byQbo = listed.entries;
    const byZuper = (await stack.api('GET', `/api/connections/${lk.id}/history?item=${widgetUid}`)).body.entries;
    assert.ok(byQbo.length >= 2, 'the initial settle and the failure');
    assert.ok(byQbo.every((e: { accountingItemId: string }) => e.accountingItemId === widgetId));
    assert.deepEqual(
      byZuper.map((e: { id: number }) => e.id),
      byQbo.map((e: { id: number }) => e.id),
    );
    const settled = byQbo.find(
      (e: { status: string; kind: string }) => e.kind === 'quantity' && e.status === 'succeeded',
    );
    assert.deepEqual([settled.qtyBefore.field, settled.qtyAfter.field], [3, 10]);

    const links = (await stack.api('GET', `/api/connections/${lk.id}/history?kind=link`)).body.entries;
    assert.deepEqual(
      links.map((e: { status: string }) => e.status),
      ['succeeded', 'succeeded'],
    );
    const attention = (await stack.api('GET', `/api/connections/${lk.id}/history?status=needs_attention`)).body.entries;
    assert.deepEqual(attention.map((e: { kind: string }) => e.kind).sort(), ['quantity', 'reconcile']);
    const newest = (await stack.api('GET', `/api/connections/${lk.id}/history?limit=1`)).body.entries;
    assert.equal(newest.length, 1);
    assert.equal(newest[0].id, all[0].id);

    const reconcileEntry = attention.find((e: { kind: string }) => e.kind === 'reconcile');
    const shown = await stack.api('GET', `/api/history/${reconcileEntry.id}`);
    assert.equal(shown.body.details.drifted, 1);
    assert.equal(shown.body.details.items[0].accountingItemId, widgetId);
    assert.equal(shown.body.details.names.field.system, 'Zuper');
    assert.equal(shown.body.names.field.record, 'Zuper product');
  });

  it('status lists the open failures; retrying the quantity after fixing the account settles it and closes them', async () => {
    const before = (await stack.api('GET', `/api/connections/${lk.id}/status`)).body;
    assert.deepEqual(before.openFailures.map((f: { kind: string }) => f.kind).sort(), ['quantity', 'reconcile']);
    // The failed settle stays planned on the link, to be resumed (never re-decided) by the retry.
    assert.deepEqual(before.links, { total: 2, quantityTracked: 2, pendingSettles: 1 });
    assert.equal(before.lastReconciliation.status, 'needs_attention');
    const failure = before.openFailures.find((f: { kind: string }) => f.kind === 'quantity');

    const fixed = await stack.api('PUT', `/api/connections/${lk.id}/settings`, {
      accounts: { adjustmentAccountId: '86' },
    });
    assert.equal(fixed.status, 200);
    const retry = await stack.api('POST', `/api/history/${failure.id}/retry`, {});
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.body, {
      historyId: failure.id,
      kind: 'quantity',
      started: 'settle',
      workflowId: `qty:${lk.id}:${widgetId}`,
      runId: null,
      description: `Asked QuickBooks item ${widgetId} ↔ Zuper product ${widgetUid} to settle its quantity again.`,
    });
    const latest = await eventually(
      async () =>
        (await stack.api('GET', `/api/connections/${lk.id}/history?item=${widgetId}&kind=quantity&limit=1`)).body
          .entries[0],
      (entry) => entry?.status === 'succeeded',
    );
    assert.equal(qboQty(widgetId), 8);
    assert.deepEqual(latest.qtyBefore, { base: 10, accounting: 10, field: 8 });
    assert.deepEqual(latest.qtyAfter, { base: 8, accounting: 8, field: 8 });

    const again = await stack.api('POST', `/api/history/${latest.id}/retry`, {});
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'not_failed');

    const middle = (await stack.api('GET', `/api/connections/${lk.id}/status`)).body;
    assert.deepEqual(
      middle.openFailures.map((f: { kind: string }) => f.kind),
      ['reconcile'],
    );
    const reconcileRetry = await stack.api('POST', `/api/history/${middle.openFailures[0].id}/retry`, {});
    assert.equal(reconcileRetry.body.started, 'reconcile');
    await eventually(
      async () => (await stack.api('GET', `/api/connections/${lk.id}/status`)).body,
      (status) => status.openFailures.length === 0 && status.lastReconciliation.status === 'succeeded',
    );
  });

  it('a drift report recorded by a version before the side-neutral report is shown in the current shape', async () => {
    const counts = { checked: 3, drifted: 1, corrected: 1, failed: 0, definitionsSynced: 0, linked: 0 };
    const cause = 'Zuper changed by 2 without a sync (missed or late Zuper webhook)';
    const olderId = await stack.ctx.store.history.record({
      dedupeKey: 'older-version:reconcile',
      connectionId: lk.id,
      kind: 'reconcile',
      status: 'succeeded',
      workflowId: 'reconcile:older',
      runId: 'r1',
      summary: 'recorded by an older version',
      details: {
        ...counts,
        missing: [{ qboItemId: '77', zuperProductUid: 'zp-77', side: 'zuper' }],
        items: [
          {
            qboItemId: widgetId,
            zuperProductUid: widgetUid,
            base: 4,
            qbo: 4,
            zuper: 6,
            status: 'corrected',
            toQbo: 2,
            toZuper: 0,
            cause,
          },
        ],
        qboCatalogReadAt: '2026-12-01T06:00:00.000Z',
      },
    });
    const older = await stack.api('GET', `/api/history/${olderId}`);
    assert.equal(older.status, 200);
    assert.deepEqual(older.body.details, {
      ...counts,
      missing: [{ accountingItemId: '77', fieldItemId: 'zp-77', side: 'field' }],
      items: [
        {
          accountingItemId: widgetId,
          fieldItemId: widgetUid,
          quantities: { base: 4, accounting: 4, field: 6 },
          status: 'corrected',
          moved: { accounting: 2, field: 0 },
          cause,
        },
      ],
      accountingCatalogReadAt: '2026-12-01T06:00:00.000Z',
      names: {
        accounting: { system: 'QuickBooks', record: 'QuickBooks item' },
        field: { system: 'Zuper', record: 'Zuper product' },
      },
    });
  });
});
