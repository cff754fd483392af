/* eslint-disable @typescript-eslint/no-unsafe-member-access -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowNotFoundError } from '@temporalio/client';
import { createZuperClient } from '../../integrations/zuper/client.js';
import { itemQuantityWorkflowId } from '../../client/workflow-ids.js';
import { startStack, type Stack, type TestConnection } from '../operator/support/stack.js';
import { eventually } from '../support/sync-stack.js';
import { cli } from './run-cli.js';

let stack: Stack;
let env: NodeJS.ProcessEnv;
let li: TestConnection;
let valveId: string;
let pipeId: string;
let valveUid: string;
let otherUid: string;
let bundleUid: string;
const qz = (...argv: string[]) => cli(argv, env);
const zuper = () => createZuperClient({ apiBaseUrl: `${stack.zuper.baseUrl}/api`, apiKey: li.zuper.api_key });
const qboQty = (id: string) => Number(stack.qbo.admin.getEntity(li.realmId, 'Item', id)?.QtyOnHand);
const zuperQty = async (uid: string) => (await zuper().getProduct(uid))?.quantity;
/** Everything a refused command must leave alone: the links, the history and both quantities. */
const snapshot = async () => ({
  links: await stack.ctx.store.links.list(li.id),
  history: (await stack.ctx.store.history.list({ connectionId: li.id, limit: 500 })).length,
  quantities: [qboQty(valveId), qboQty(pipeId), await zuperQty(valveUid), await zuperQty(otherUid)],
});

before(async () => {
  stack = await startStack();
  env = { QZSYNC_URL: stack.url, OPERATOR_TOKEN: stack.token };
  li = await stack.connection('li');
  valveId = stack.qbo.admin.seedItems(li.realmId, { count: 1, namePrefix: 'Valve', qtyOnHand: 6 })[0] ?? '';
  pipeId = stack.qbo.admin.seedItems(li.realmId, { count: 1, namePrefix: 'Pipe', qtyOnHand: 2 })[0] ?? '';
  const product = (name: string, quantity: number) =>
    zuper().createProduct({
      name,
      productId: null,
      type: 'PRODUCT',
      trackQuantity: true,
      categoryUid: li.category,
      locations: [{ locationUid: li.w1, quantity }],
    });
  // Names and SKUs that automatic linking would never match: only a person can say these belong together.
  valveUid = await product('Brass valve ½"', 2);
  otherUid = await product('Copper pipe', 1);
  bundleUid = await zuper().createProduct({
    name: 'Install kit',
    productId: null,
    type: 'BUNDLE',
    trackQuantity: false,
    categoryUid: li.category,
  });
});
after(async () => {
  await stack.close();
});

describe('qzsync link-item and unlink-item on the real stack', () => {
  it('link-item links one pair by hand, records it, and the master quantity wins through a settle', async () => {
    const run = await qz('link-item', li.id, valveId, valveUid);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^Linked QuickBooks item ${valveId} and Zuper product ${valveUid} \\(inventory; history #\\d+\\)\\.\\nThe first settle moves Zuper from 2 to 6`,
      ),
    );
    const [link] = await stack.ctx.store.links.list(li.id);
    assert.equal(link?.accountingItemId, valveId);
    assert.equal(link?.fieldItemId, valveUid);
    assert.equal(link?.tracksQuantity, true);
    await eventually(
      () => zuperQty(valveUid),
      (q) => q === 6,
    );
    assert.equal(qboQty(valveId), 6);
    const history = await stack.ctx.store.history.list({ connectionId: li.id, kind: 'link', limit: 10 });
    assert.ok(
      history.some((h) => h.status === 'succeeded' && h.accountingItemId === valveId && /by hand/.test(h.summary)),
    );
    const settled = await eventually(
      () => stack.ctx.store.history.list({ connectionId: li.id, kind: 'quantity', limit: 10 }),
      (rows) => rows.some((h) => h.status === 'succeeded' && h.fieldItemId === valveUid),
    );
    assert.ok(settled.length > 0, 'the first settle is recorded like any other');
  });

  const refusals: [string, () => string[], RegExp, RegExp][] = [
    [
      'an unknown QuickBooks item',
      () => ['link-item', li.id, '9999', otherUid],
      /QuickBooks item 9999 does not exist/,
      /Fix: Check the QuickBooks item id/,
    ],
    [
      'an unknown Zuper product',
      () => ['link-item', li.id, pipeId, 'no-such-uid'],
      /Zuper product no-such-uid does not exist/,
      /Fix: Check the Zuper product id in Zuper/,
    ],
    [
      'a Zuper bundle',
      () => ['link-item', li.id, pipeId, bundleUid],
      /bundles cannot be created in QuickBooks/,
      /Fix: Only inventory, non-inventory and service items can be linked, in QuickBooks and Zuper alike/,
    ],
    [
      'a Zuper product linked already',
      () => ['link-item', li.id, pipeId, valveUid],
      new RegExp(`Zuper product ${'\\S+'} is linked already, to QuickBooks item \\d+`),
      /Fix: Unlink the linked one first with `qzsync unlink-item/,
    ],
    [
      'a QuickBooks item linked already',
      () => ['link-item', li.id, valveId, otherUid],
      /QuickBooks item \d+ is linked already, to Zuper product/,
      /Fix: Unlink/,
    ],
    ['the same pair again', () => ['link-item', li.id, valveId, valveUid], /are linked already/, /Fix: Unlink/],
    ['an unknown connection', () => ['link-item', 'nosuch', pipeId, otherUid], /nosuch/, /qzsync connections/],
    [
      'unlinking an item that is not linked',
      () => ['unlink-item', li.id, pipeId],
      new RegExp(`QuickBooks item \\d+ is not linked in ${'\\S+'}`),
      /^/,
    ],
  ];
  for (const [name, argv, message, fix] of refusals) {
    it(`refuses ${name} with a clear error and changes nothing`, async () => {
      const before = await snapshot();
      const run = await qz(...argv());
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /^Error: /);
      assert.match(run.stderr, message);
      assert.match(run.stderr, fix);
      assert.deepEqual(await snapshot(), before);
    });
  }

  it('refuses an accounting item id that is not one as a usage of the API (400 naming the field)', async () => {
    const before = await snapshot();
    const run = await qz('link-item', li.id, 'a b!', otherUid, '--json');
    assert.notEqual(run.code, 0);
    assert.match(JSON.stringify(run.json()), /accountingItemId/);
    assert.deepEqual(await snapshot(), before);
  });

  it('takes the field item under its older name from older clients, and names fieldItemId when none is sent', async () => {
    const before = await snapshot();
    const post = async (body: object) => {
      const answer = await fetch(`${stack.url}/api/connections/${li.id}/items/${pipeId}/link`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return {
        status: answer.status,
        error: ((await answer.json()) as { error: { code: string; field?: string } }).error,
      };
    };
    const older = await post({ zuperProductUid: 'no-such-uid' });
    assert.deepEqual([older.status, older.error.code], [404, 'field_item_missing']);
    const none = await post({});
    assert.deepEqual([none.status, none.error.code, none.error.field], [400, 'invalid_input', 'fieldItemId']);
    assert.deepEqual(await snapshot(), before);
  });

  it('after linking, a consumption in Zuper reaches QuickBooks', async () => {
    await zuper().stockOutward({ productUid: valveUid, locationUid: li.w1, quantity: 1, remarks: 'used on a job' });
    assert.equal((await qz('reconcile', li.id)).code, 0);
    await eventually(
      () => qboQty(valveId),
      (q) => q === 5,
    );
    assert.equal(await zuperQty(valveUid), 5);
  });

  it('unlink-item removes the link, records it, stops the quantity workflow and changes neither system', async () => {
    const run = await qz('unlink-item', li.id, valveId);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(`^Unlinked QuickBooks item ${valveId} and Zuper product ${valveUid} \\(history #\\d+\\)`),
    );
    assert.equal(await stack.ctx.store.links.get(li.id, valveId), null);
    const history = await stack.ctx.store.history.list({ connectionId: li.id, kind: 'link', limit: 10 });
    assert.ok(
      history.some((h) => h.accountingItemId === valveId && h.fieldItemId === valveUid && /^Unlinked/.test(h.summary)),
    );
    const handle = stack.ctx.temporal.workflow.getHandle(itemQuantityWorkflowId(li.id, valveId));
    try {
      assert.notEqual((await handle.describe()).status.name, 'RUNNING');
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    assert.deepEqual([qboQty(valveId), await zuperQty(valveUid)], [5, 5]);
  });

  it('an unlinked pair can be linked again, to another record', async () => {
    const run = await qz('link-item', li.id, valveId, otherUid, '--json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.json().quantityChange, { side: 'field', system: 'zuper', from: 1, to: 5 });
    await eventually(
      () => zuperQty(otherUid),
      (q) => q === 5,
    );
    const link = await eventually(
      () => stack.ctx.store.links.get(li.id, valveId),
      (l) => l?.baseQty === 5,
    );
    assert.equal(link?.pendingSettle, null, 'the settle committed: its ids did not repeat those of the first link');
    assert.equal(await zuperQty(valveUid), 5, 'the product unlinked before is left as it was');
  });
});
