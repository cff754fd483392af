// What an initial sync costs in API calls, against the minimum derived in docs/initial-sync.md, and that a chunk
// retried after a lost answer creates nothing twice.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogEntry } from '../../emulators/common/admin.js';
import { where } from '../../integrations/qbo/query-builder.js';
import { initialSyncMinimum } from '../../bench/support/initial-sync-minimum.js';
import { RequestTally } from '../../bench/support/request-tally.js';
import { startSyncStack, type SyncStack } from '../support/sync-stack.js';
import { linkNow } from '../support/catalog-helpers.js';

const isBatch = (e: RequestLogEntry) => e.method === 'POST' && e.path.endsWith('/batch');
const batchSize = (e: RequestLogEntry) => (e.body as { BatchItemRequest: unknown[] }).BatchItemRequest.length;
/** Zuper product list reads with a keyword: the search a create makes for an earlier attempt's copy. */
const isProductSearch = (e: RequestLogEntry) =>
  e.method === 'GET' && e.path.endsWith('/product') && 'keyword' in e.query;

async function qboItemsNamed(stack: SyncStack, prefix: string): Promise<number> {
  const qbo = await stack.deps.clients.qbo(stack.connectionId);
  return qbo.count('Item', [where('Name', 'LIKE', `${prefix}%`)]);
}

async function zuperProductsNamed(stack: SyncStack, keyword: string): Promise<number> {
  const zuper = await stack.deps.clients.zuper(stack.connectionId);
  let count = 0;
  for await (const product of zuper.iterateProducts({ keyword })) if (!product.isDeleted) count++;
  return count;
}

/** Zuper products with stock at the main location, as a Zuper master's catalog. */
function generateStockedProducts(stack: SyncStack, count: number, namePrefix: string): void {
  stack.zuper.admin.generateProducts(stack.zuperCompany, {
    count,
    product_type: 'PRODUCT',
    name_prefix: namePrefix,
    quantity_per_location: 3,
    location_uids: [stack.locations.main],
  });
}

/** Links the whole catalog and answers the requests each emulator received meanwhile. */
async function linkCounted(stack: SyncStack) {
  const qbo = new RequestTally(stack.qbo.admin).start();
  const zuper = new RequestTally(stack.zuper.admin).start();
  const result = await linkNow(stack, false);
  return { result, qbo: qbo.stop(), zuper: zuper.stop() };
}

describe('initial sync cost, QuickBooks as product master', () => {
  let stack: SyncStack;
  const items = 65;
  before(async () => {
    stack = await startSyncStack({ master: 'qbo' });
    stack.qbo.admin.seedItems(stack.realmId, { count: items, namePrefix: 'Priced', qtyOnHand: 3 });
  });
  after(() => stack.stop());

  it('costs the minimum on QuickBooks, and on Zuper one create per item plus a category list per chunk', async () => {
    const qboRecords = await qboItemsNamed(stack, '');
    const { result, qbo, zuper } = await linkCounted(stack);
    assert.deepEqual(result.failed, []);
    assert.equal(result.summary.create, items);
    assert.equal((await stack.store.links.list(stack.connectionId)).length, items);
    const minimum = initialSyncMinimum({
      master: 'qbo',
      copied: items,
      qboRecords,
      zuperProducts: 0,
      categoriesToCreate: 1,
      qboAccountsLookup: false,
    }).total;
    assert.equal(qbo.length, minimum.qboRequests, 'the catalog in one batch request');
    const chunks = Math.ceil(items / 30);
    assert.ok(zuper.length <= minimum.zuper + chunks, `${zuper.length} Zuper calls, minimum ${minimum.zuper}`);
    assert.equal(zuper.filter(isProductSearch).length, 0, 'a first attempt searches for no earlier copy');
  });
});

describe('initial sync cost, Zuper as product master', () => {
  let stack: SyncStack;
  const products = 65;
  before(async () => {
    stack = await startSyncStack({ master: 'zuper' });
    generateStockedProducts(stack, products, 'Generated');
  });
  after(() => stack.stop());

  it('creates the QuickBooks items in batches of at most 30, one batch per chunk, reading Zuper only in bulk', async () => {
    const zuperProducts = await zuperProductsNamed(stack, '');
    const { result, qbo, zuper } = await linkCounted(stack);
    assert.deepEqual(result.failed, []);
    assert.equal(await qboItemsNamed(stack, 'Generated'), products);
    const writeBatches = qbo.filter(isBatch).slice(1);
    assert.deepEqual(writeBatches.map(batchSize), [30, 30, 5], 'the catalog read, then one batch of creates per chunk');
    const minimum = initialSyncMinimum({
      master: 'zuper',
      copied: products,
      qboRecords: 0,
      zuperProducts,
      categoriesToCreate: 1,
      qboAccountsLookup: true,
    }).total;
    // Beyond the minimum: the category feature check and the list of categories before creating "Parts".
    assert.ok(qbo.length <= minimum.qboRequests + 2, `${qbo.length} QBO calls, minimum ${minimum.qboRequests}`);
    assert.equal(zuper.length, minimum.zuper, 'the catalog and its category names, nothing per product');
  });
});

describe('initial sync retried after lost answers', () => {
  it('finds the QuickBooks items a lost batch created by name, even where QuickBooks ignores the requestid', async () => {
    const stack = await startSyncStack({ master: 'zuper' });
    try {
      const products = 40;
      generateStockedProducts(stack, products, 'Unanswered');
      // Half the writes (batch requests, reads among them) land and lose their answer, by the emulator's seeded
      // random sequence; a repeated requestid is processed again.
      stack.qbo.admin.updateSettings({
        faults: { dropResponseAfterCommitRate: 0.5 },
        requestId: { brokenDedupe: true },
      });
      const qbo = new RequestTally(stack.qbo.admin).start();
      try {
        assert.deepEqual((await linkNow(stack, false)).failed, []);
      } finally {
        stack.qbo.admin.updateSettings({
          faults: { dropResponseAfterCommitRate: 0 },
          requestId: { brokenDedupe: false },
        });
      }
      const lookups = qbo.stop().filter((e) => e.method === 'GET' && /Name IN/i.test(e.query.query ?? ''));
      assert.ok(lookups.length > 0, 'a chunk was retried after its batch lost the answer');
      assert.equal(await qboItemsNamed(stack, 'Unanswered'), products, 'no item created twice');
      const links = await stack.store.links.list(stack.connectionId);
      assert.equal(new Set(links.map((l) => l.accountingItemId)).size, products);
    } finally {
      await stack.stop();
    }
  });

  it('finds the Zuper products whose answers were lost by the accounting id they carry', async () => {
    const stack = await startSyncStack({ master: 'qbo' });
    try {
      stack.qbo.admin.seedItems(stack.realmId, { count: 3, namePrefix: 'Unheard', qtyOnHand: 1 });
      stack.zuper.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
      try {
        assert.deepEqual((await linkNow(stack, false)).failed, []);
      } finally {
        stack.zuper.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
      }
      assert.equal(await zuperProductsNamed(stack, 'Unheard'), 3, 'no product created twice');
      const links = await stack.store.links.list(stack.connectionId);
      assert.equal(new Set(links.map((l) => l.fieldItemId)).size, 3);
    } finally {
      await stack.stop();
    }
  });
});
