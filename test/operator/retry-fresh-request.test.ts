/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read the operator API answers as untyped JSON */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createZuperClient } from '../../integrations/zuper/client.js';
import { isStoredQboFault } from '../../integrations/qbo/error-kind.js';
import { startStack, type Stack, type TestConnection } from './support/stack.js';
import { eventually } from '../support/sync-stack.js';

let stack: Stack;
let rf: TestConnection;
let widgetId: string;

const qboQty = (id: string) => Number(stack.qbo.admin.getEntity(rf.realmId, 'Item', id)?.QtyOnHand);

before(async () => {
  stack = await startStack();
  rf = await stack.connection('rf');
  widgetId = stack.qbo.admin.seedItems(rf.realmId, { count: 1, namePrefix: 'Widget', qtyOnHand: 10 })[0] ?? '';
  const linked = await stack.api('POST', `/api/connections/${rf.id}/link`, { dryRun: false });
  assert.equal(linked.body.state, 'completed');
});
after(async () => {
  await stack.close();
});

test('which failures QuickBooks keeps as the answer to a requestid', () => {
  assert.deepEqual(
    ['qbo:6000', 'qbo:2500', 'qbo:6240', 'qbo:3001', 'qbo:10000', 'qbo:3200', 'qbo:120', 'zuper:404', null].map(
      isStoredQboFault,
    ),
    [true, true, true, false, false, false, false, false, false],
  );
});

test('Retry after a business-rule fault (6000) is fixed writes under a fresh request id, exactly once', async () => {
  const link = await stack.ctx.store.links.get(rf.id, widgetId);
  assert.ok(link);
  const zuper = createZuperClient({ apiBaseUrl: `${stack.zuper.baseUrl}/api`, apiKey: rf.zuper.api_key });
  // The fault: this company refuses inventory adjustments, with QuickBooks' 6000 business validation error.
  stack.qbo.admin.updateCompany(rf.realmId, { inventoryAdjustmentSupported: false });
  await zuper.stockOutward({ productUid: link.fieldItemId, locationUid: rf.w1, quantity: 2, remarks: 'job' });
  await stack.api('POST', `/api/connections/${rf.id}/reconcile`, {});
  const entries = (await stack.api('GET', `/api/connections/${rf.id}/history?kind=quantity&item=${widgetId}`)).body
    .entries as { id: number; status: string; errorCode: string | null }[];
  const failure = entries.find((e) => e.status === 'needs_attention');
  assert.ok(failure, JSON.stringify(entries));
  assert.equal(failure.errorCode, 'qbo:6000');
  const plan = (await stack.ctx.store.links.get(rf.id, widgetId))?.pendingSettle;
  assert.ok(plan, 'the failed settle stays planned on the link');

  stack.qbo.admin.updateCompany(rf.realmId, { inventoryAdjustmentSupported: true });
  const retry = await stack.api('POST', `/api/history/${failure.id}/retry`, {});
  assert.equal(retry.status, 200);
  await eventually(
    () => qboQty(widgetId),
    (qty) => qty === 8,
    20_000,
    'QuickBooks to follow the retried settle',
  );
  const qbo = await stack.ctx.clients.qbo(rf.id);
  const adjustments = await qbo.findInventoryAdjustmentsByDocNumber(plan.accounting.movementId);
  assert.equal(adjustments.length, 1, 'one adjustment for the movement');
  const sent = stack.qbo.admin
    .requestLog({ method: 'POST' })
    .filter((r) => r.path.includes(`/${rf.realmId}/inventoryadjustment`))
    .map((r) => r.query.requestid);
  assert.deepEqual([...new Set(sent)], [plan.accounting.movementId, `${plan.accounting.movementId}-r1`]);
});
