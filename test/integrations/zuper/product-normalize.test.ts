import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeProduct } from '../../../integrations/zuper/product-normalize.js';
import { productRecord } from '../../../integrations/zuper/product-schema.js';
import { docProductRecord } from './fixtures.js';

void describe('normalizeProduct', () => {
  void it('normalizes the documented GET shape, keeping negative and fractional per-location stock', () => {
    const product = normalizeProduct(productRecord.parse(docProductRecord()));
    assert.deepEqual(product, {
      uid: 'a1b2c3d4-0000-4000-8000-000000000001',
      productId: 'PART005',
      name: 'Copper pipe 15mm',
      description: '<p>Half-hard</p>',
      type: 'PARTS',
      categoryUid: 'cat-1',
      price: 26,
      purchasePrice: 25,
      isAvailable: true,
      isDeleted: false,
      trackQuantity: true,
      quantity: 104.87,
      locations: [
        { locationUid: 'loc-1', quantity: -5, minQuantity: 2 },
        { locationUid: 'loc-2', quantity: 109.87, minQuantity: null },
      ],
      updatedAt: '2024-04-12T06:34:19.760Z',
      metaData: { 'QB Product ID': '42', 'QBO Class': '' },
    });
  });

  void it('falls back to the sum of locations when the total is missing, and reads 0/1 flags', () => {
    const raw = { ...docProductRecord(), quantity: null, is_deleted: 1, product_id: 7 };
    const product = normalizeProduct(productRecord.parse(raw));
    assert.equal(product.quantity, -5 + 109.87);
    assert.equal(product.isDeleted, true);
    assert.equal(product.productId, '7');
  });

  void it('rejects a record without the fields the sync relies on', () => {
    const { product_uid: _uid, ...withoutUid } = docProductRecord();
    assert.equal(productRecord.safeParse(withoutUid).success, false);
    assert.equal(productRecord.safeParse({ ...docProductRecord(), product_type: 'GADGET' }).success, false);
    assert.equal(productRecord.safeParse({ ...docProductRecord(), price: 'twenty' }).success, false);
  });
});
