import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type EmulatedZuper, startEmulatedZuper } from './emulator-harness.js';

void describe('Zuper client against the emulator: invoices, settings, locations, categories', () => {
  let z: EmulatedZuper;
  before(async () => {
    z = await startEmulatedZuper();
  });
  after(() => z.close());

  const createInvoice = async (lines: Record<string, unknown>[]) => {
    const res = await z.raw('POST', '/invoice', { invoice: { invoice_date: '2026-03-01', line_items: lines } });
    assert.equal(res.status, 200);
    return (res.body as { data: { invoice_uid: string } }).data.invoice_uid;
  };

  void it('reads an invoice as normalized lines and sees the consumption it caused', async () => {
    const part = await z.createPart('Gasket', 5);
    const uid = await createInvoice([
      { product_uid: part, location_uid: z.w1, quantity: 2, unit_price: 3, total: 6 },
      { name: 'Labour', quantity: 1.5, unit_price: 80, total: 120 },
    ]);
    const invoice = await z.client.getInvoice(uid);
    assert.deepEqual(invoice && { ...invoice, updatedAt: typeof invoice.updatedAt }, {
      uid,
      status: 'DRAFT',
      isDeleted: false,
      lines: [
        { productUid: part, locationUid: z.w1, quantity: 2 },
        { productUid: null, locationUid: null, quantity: 1.5 },
      ],
      updatedAt: 'string',
    });
    assert.equal((await z.client.getProduct(part))?.quantity, 3);

    assert.equal((await z.raw('DELETE', `/invoice/${uid}`)).status, 200);
    assert.equal((await z.client.getInvoice(uid))?.isDeleted, true);
    assert.equal(await z.client.getInvoice('00000000-0000-4000-8000-000000000000'), null);

    const page = await z.client.listInvoices({ page: 1, count: 10, filters: { isDeleted: true } });
    assert.deepEqual(
      page.items.map((i) => i.uid),
      [uid],
    );
  });

  void it('reads the inventory settings, and null when the route answers 404', async () => {
    assert.deepEqual(await z.client.getInventorySettings(), { allowNegativeStock: true, consumptionModule: 'INVOICE' });
    z.emu.admin.updateCompanySettings('acme', { allow_negative_stock: false, consumption_module: 'JOB' });
    assert.deepEqual(await z.client.getInventorySettings(), { allowNegativeStock: false, consumptionModule: 'JOB' });
    z.emu.admin.updateSettings({ routes: { orgSettingsPath: null } });
    try {
      assert.equal(await z.client.getInventorySettings(), null);
    } finally {
      z.emu.admin.updateSettings({ routes: { orgSettingsPath: '/settings/inventory' } });
      z.emu.admin.updateCompanySettings('acme', { allow_negative_stock: true, consumption_module: 'INVOICE' });
    }
  });

  void it('lists stock locations at the configured path', async () => {
    z.emu.admin.seedLocations('acme', [{ location_name: 'Old van', location_type: 'VAN', is_deleted: true }]);
    assert.deepEqual(
      (await z.client.listLocations()).map((l) => [l.uid, l.name, l.type, l.isDeleted]),
      [
        [z.w1, 'W1', 'WAREHOUSE', false],
        [z.w2, 'W2', 'VAN', false],
      ],
    );
    z.emu.admin.updateSettings({ routes: { locationListPath: '/product/location' } });
    try {
      const moved = z.clientWith({ locationListPath: '/product/location' });
      assert.deepEqual(
        (await moved.listLocations()).map((l) => l.name),
        ['W1', 'W2'],
      );
    } finally {
      z.emu.admin.updateSettings({ routes: { locationListPath: '/products/location' } });
    }
  });

  void it('creates, updates (despite the "Created" message), nests and deletes categories', async () => {
    z.emu.admin.updateSettings({ categories: { parentField: 'parent_uid' } });
    try {
      const client = z.clientWith({ categoryParentField: 'parent_uid', pageSize: 2 });
      const parent = await client.createCategory({ name: 'Plumbing', description: 'Pipes' });
      const child = await client.createCategory({ name: 'Fittings', parentUid: parent });
      await client.updateCategory(child, { name: 'Fittings & valves' });
      const byUid = new Map((await client.listCategories()).map((c) => [c.uid, c]));
      assert.equal(byUid.size, 3, 'three categories over two pages');
      assert.deepEqual(byUid.get(child), {
        uid: child,
        name: 'Fittings & valves',
        description: '',
        parentUid: parent,
        isDeleted: false,
      });
      assert.equal(byUid.get(parent)?.parentUid, null);
      await client.deleteCategory(child);
      await client.deleteCategory(child);
      assert.deepEqual((await client.listCategories()).map((c) => c.name).sort(), ['Parts', 'Plumbing']);
    } finally {
      z.emu.admin.updateSettings({ categories: { parentField: 'parent_category_uid' } });
    }
  });
});
