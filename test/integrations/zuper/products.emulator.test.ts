import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ZuperApiError } from '../../../integrations/zuper/index.js';
import { type EmulatedZuper, startEmulatedZuper, thrown } from './emulator-harness.js';

void describe('Zuper client against the emulator: products', () => {
  let z: EmulatedZuper;
  before(async () => {
    z = await startEmulatedZuper();
  });
  after(() => z.close());

  const listCalls = (afterSeq: number) =>
    z.emu.admin
      .requestLog({ method: 'GET', afterSeq })
      .filter((e) => e.path === '/api/product' || e.path === '/api/products')
      .map((e) => `${e.path}?page=${e.query.page}&count=${e.query.count} ${e.status}`);

  void it('pages through every product using total_pages', async () => {
    const generated = z.emu.admin.generateProducts('acme', { count: 230, location_uids: [z.w1, z.w2] });
    const since = z.lastSeq();
    const seen: string[] = [];
    for await (const product of z.client.iterateProducts()) seen.push(product.uid);
    assert.deepEqual([...seen].sort(), [...generated].sort());
    assert.deepEqual(listCalls(since), [
      '/api/product?page=1&count=100 200',
      '/api/product?page=2&count=100 200',
      '/api/product?page=3&count=100 200',
    ]);
    const page = await z.client.listProducts({ page: 2, count: 50, filters: { productId: 'SKU-000007' } });
    assert.deepEqual(
      [page.totalRecords, page.totalPages, page.items.map((p) => [p.productId, p.quantity, p.locations.length])],
      [1, 1, []],
      'page 2 of a one-item result is empty',
    );
  });

  void it('falls back from /product to /products once and remembers it', async () => {
    z.emu.admin.updateSettings({ routes: { productListPlural: true } });
    try {
      const client = z.clientWith({});
      const since = z.lastSeq();
      const first = await client.listProducts({ page: 1, count: 5, filters: { keyword: 'Part 1' } });
      const second = await client.listProducts({ page: 2, count: 5, filters: { keyword: 'Part 1' } });
      assert.equal(first.items.length, 5);
      assert.equal(second.items.length, 5);
      assert.deepEqual(listCalls(since), [
        '/api/product?page=1&count=5 404',
        '/api/products?page=1&count=5 200',
        '/api/products?page=2&count=5 200',
      ]);
    } finally {
      z.emu.admin.updateSettings({ routes: { productListPlural: false } });
    }
  });

  void it('creates a product with per-location stock and reads it back normalized', async () => {
    const uid = await z.client.createProduct({
      name: 'Brass valve',
      productId: 'BV-1',
      categoryUid: z.category,
      type: 'PRODUCT',
      trackQuantity: true,
      price: 12.5,
      purchasePrice: 7,
      locations: [
        { locationUid: z.w1, quantity: 4, minQuantity: 2 },
        { locationUid: z.w2, quantity: 1.5 },
      ],
      metaData: { 'QB Product ID': '42' },
    });
    const product = await z.client.getProduct(uid);
    assert.ok(product);
    assert.deepEqual(
      {
        ...product,
        updatedAt: typeof product.updatedAt,
      },
      {
        uid,
        productId: 'BV-1',
        name: 'Brass valve',
        description: '',
        type: 'PRODUCT',
        categoryUid: z.category,
        price: 12.5,
        purchasePrice: 7,
        isAvailable: true,
        isDeleted: false,
        trackQuantity: true,
        quantity: 5.5,
        locations: [
          { locationUid: z.w1, quantity: 4, minQuantity: 2 },
          { locationUid: z.w2, quantity: 1.5, minQuantity: null },
        ],
        updatedAt: 'string',
        metaData: { 'QB Product ID': '42' },
      },
    );
  });

  void it('updates through the GET→PUT mapping, where sending the GET shape back is rejected', async () => {
    const uid = await z.client.createProduct({
      name: 'Copper pipe',
      categoryUid: z.category,
      type: 'PARTS',
      trackQuantity: true,
      locations: [{ locationUid: z.w1, quantity: -3.25, minQuantity: 1 }],
      metaData: { 'QB Product ID': '', Colour: 'red' },
    });

    // What a naive client does: PUT the GET answer back.
    const got = (await z.raw('GET', `/product/${uid}`)).body as { data: Record<string, unknown> };
    const naive = await z.raw('PUT', `/product/${uid}`, { product: { ...got.data, product_name: 'Renamed' } });
    assert.deepEqual(naive, {
      status: 400,
      body: { type: 'error', title: 'Error in Updating Product Details', message: 'Error in Updating Product Details' },
    });

    const since = z.lastSeq();
    await z.client.updateProduct(uid, { name: 'Copper pipe 15mm', price: 3.2, metaData: { 'QB Product ID': '77' } });
    const put = z.emu.admin.requestLog({ method: 'PUT', afterSeq: since });
    assert.equal(put.length, 1);
    const sent = (put[0]?.body as { product: Record<string, unknown> }).product;
    assert.equal(sent.product_category, z.category);
    assert.deepEqual(sent.location_availability, [
      { location: z.w1, quantity: -3.25, min_quantity: 1, serial_nos: [] },
    ]);
    assert.equal(put[0]?.status, 200);

    const product = await z.client.getProduct(uid);
    assert.deepEqual(
      [product?.name, product?.price, product?.quantity, product?.locations, product?.metaData],
      [
        'Copper pipe 15mm',
        3.2,
        -3.25,
        [{ locationUid: z.w1, quantity: -3.25, minQuantity: 1 }],
        { 'QB Product ID': '77', Colour: 'red' },
      ],
    );
  });

  void it('reads unknown and deleted products as null, and deletes idempotently', async () => {
    assert.equal(await z.client.getProduct('00000000-0000-4000-8000-000000000000'), null);
    const uid = await z.client.createProduct({
      name: 'Temp',
      categoryUid: z.category,
      type: 'SERVICE',
      trackQuantity: false,
    });
    await z.client.deleteProduct(uid);
    assert.equal(z.emu.admin.product('acme', uid)?.is_deleted, true);
    assert.equal(await z.client.getProduct(uid), null);
    await z.client.deleteProduct(uid);

    // Gone whichever way Zuper answers: the record with is_deleted, or "Invalid Product UID" as 400 (or 404 above).
    for (const unknown of [{ deletedProductGet: 'return' as const }, { notFoundStatus: 400 }]) {
      z.emu.admin.updateSettings(unknown);
      try {
        assert.equal(await z.client.getProduct(uid), null, JSON.stringify(unknown));
      } finally {
        z.emu.admin.updateSettings({ deletedProductGet: 'not_found', notFoundStatus: 404 });
      }
    }
    const error = await thrown(() => z.client.updateProduct(uid, { name: 'Back' }));
    assert.ok(error instanceof ZuperApiError);
    assert.equal(error.kind, 'not-found');
  });

  void it('maps a create the emulator refuses to a validation error', async () => {
    const error = await thrown(() =>
      z.client.createProduct({ name: 'Orphan', categoryUid: 'no-such-category', type: 'PARTS', trackQuantity: true }),
    );
    assert.ok(error instanceof ZuperApiError);
    assert.deepEqual([error.kind, error.httpStatus, error.retryable], ['validation', 400, false]);
  });
});
