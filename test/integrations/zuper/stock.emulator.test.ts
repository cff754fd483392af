import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ZuperApiError } from '../../../integrations/zuper/index.js';
import { type EmulatedZuper, startEmulatedZuper, thrown } from './emulator-harness.js';

void describe('Zuper client against the emulator: stock movements', () => {
  let z: EmulatedZuper;
  let product: string;
  let made = 0;
  before(async () => {
    z = await startEmulatedZuper();
  });
  after(() => z.close());
  beforeEach(async () => {
    product = await z.client.createProduct({
      name: `Filter ${++made}`,
      categoryUid: z.category,
      type: 'PRODUCT',
      trackQuantity: true,
      locations: [
        { locationUid: z.w1, quantity: 10 },
        { locationUid: z.w2, quantity: 0 },
      ],
    });
  });

  const stock = async () => {
    const p = await z.client.getProduct(product);
    return { total: p?.quantity, ...Object.fromEntries((p?.locations ?? []).map((l) => [l.locationUid, l.quantity])) };
  };

  void it('moves per-location stock with inward, outward and transfer, each recorded as a transaction', async () => {
    const inward = await z.client.stockInward({
      productUid: product,
      locationUid: z.w1,
      quantity: 2.5,
      remarks: 'in mv-1',
    });
    await z.client.stockOutward({ productUid: product, locationUid: z.w1, quantity: 4, remarks: 'out mv-2' });
    await z.client.stockTransfer({
      productUid: product,
      fromLocationUid: z.w1,
      toLocationUid: z.w2,
      quantity: 3,
      remarks: 'move mv-3',
    });
    assert.deepEqual(await stock(), { total: 8.5, [z.w1]: 5.5, [z.w2]: 3 });

    const page = await z.client.listStockTransactions({ productUid: product, page: 1, count: 10 });
    assert.deepEqual(
      page.items.map((t) => [t.type, t.fromLocationUid, t.toLocationUid, t.quantity, t.remarks, t.productUid]),
      [
        ['TRANSFER', z.w1, z.w2, 3, 'move mv-3', product],
        ['OUTWARD', z.w1, null, 4, 'out mv-2', product],
        ['INWARD', null, z.w1, 2.5, 'in mv-1', product],
      ],
    );
    assert.equal(page.items[2]?.uid, inward);
  });

  void it('sends exactly the documented transaction bodies', async () => {
    const since = z.lastSeq();
    await z.client.stockOutward({ productUid: product, locationUid: z.w1, quantity: 1, remarks: 'r' });
    await z.client.stockTransfer({
      productUid: product,
      fromLocationUid: z.w1,
      toLocationUid: z.w2,
      quantity: 1,
      remarks: 't',
    });
    assert.deepEqual(
      z.emu.admin.requestLog({ method: 'POST', afterSeq: since }).map((e) => [e.path, e.body]),
      [
        [
          `/api/product/${product}/outward`,
          { transaction: { product_uid: product, location_uid: z.w1, quantity: 1, remarks: 'r' } },
        ],
        [
          `/api/product/${product}/transfer`,
          {
            transaction: {
              product_uid: product,
              from_location_uid: z.w1,
              to_location_uid: z.w2,
              quantity: 1,
              remarks: 't',
            },
          },
        ],
      ],
    );
  });

  void it('finds a movement whose response was dropped after it landed, so a retry is not applied twice', async () => {
    z.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 1 } });
    let error: unknown;
    try {
      error = await thrown(() =>
        z.client.stockOutward({ productUid: product, locationUid: z.w1, quantity: 6, remarks: 'sync movement mv-77' }),
      );
    } finally {
      z.emu.admin.updateSettings({ faults: { dropResponseAfterCommitRate: 0 } });
    }
    assert.ok(error instanceof ZuperApiError);
    assert.deepEqual([error.kind, error.retryable, error.writeMayHaveLanded], ['network', true, true]);
    assert.deepEqual(await stock(), { total: 4, [z.w1]: 4, [z.w2]: 0 }, 'the write did land');

    const found = await z.client.findStockTransactionByRemark(product, 'mv-77');
    assert.deepEqual([found?.type, found?.quantity, found?.fromLocationUid], ['OUTWARD', 6, z.w1]);
    assert.equal(await z.client.findStockTransactionByRemark(product, 'mv-78'), null);
  });

  void it('scans transactions newest first across pages and stops at notBefore', async () => {
    const client = z.clientWith({ pageSize: 2 });
    for (let i = 1; i <= 5; i++) {
      await client.stockInward({ productUid: product, locationUid: z.w2, quantity: 1, remarks: `mv-scan-${i}` });
    }
    const pagesAsked = (since: number) =>
      z.emu.admin
        .requestLog({ pathIncludes: '/product/transaction', afterSeq: since })
        .map((e) => [e.query.page, e.query.sort, e.query.sort_by, e.query.product_uid === product]);

    let since = z.lastSeq();
    const oldest = await client.findStockTransactionByRemark(product, 'mv-scan-1');
    assert.equal(oldest?.remarks, 'mv-scan-1');
    assert.deepEqual(pagesAsked(since), [
      ['1', 'DESC', 'created_at', true],
      ['2', 'DESC', 'created_at', true],
      ['3', 'DESC', 'created_at', true],
    ]);

    since = z.lastSeq();
    const future = new Date(Date.now() + 3_600_000);
    assert.equal(await client.findStockTransactionByRemark(product, 'mv-absent', { notBefore: future }), null);
    assert.equal(pagesAsked(since).length, 1, 'the first page is already older than notBefore');
  });

  void it('explains a refused negative balance with the Zuper setting to turn on', async () => {
    z.emu.admin.updateCompanySettings('acme', { allow_negative_stock: false });
    try {
      const error = await thrown(() =>
        z.client.stockOutward({ productUid: product, locationUid: z.w1, quantity: 11, remarks: 'mv-neg' }),
      );
      assert.ok(error instanceof ZuperApiError);
      assert.deepEqual([error.kind, error.httpStatus, error.retryable], ['validation', 400, false]);
      assert.match(error.fix, /Settings → Parts & Services → Allow negative stock balance/);
      assert.deepEqual(await stock(), { total: 10, [z.w1]: 10, [z.w2]: 0 });
    } finally {
      z.emu.admin.updateCompanySettings('acme', { allow_negative_stock: true });
    }
    await z.client.stockOutward({ productUid: product, locationUid: z.w1, quantity: 11, remarks: 'mv-neg' });
    assert.deepEqual(await stock(), { total: -1, [z.w1]: -1, [z.w2]: 0 });
  });

  void it('refuses a non-positive quantity before calling Zuper', async () => {
    await assert.rejects(
      z.client.stockInward({ productUid: product, locationUid: z.w1, quantity: 0, remarks: 'x' }),
      RangeError,
    );
  });
});
