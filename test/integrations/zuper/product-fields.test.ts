import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeMetaData, patchToZuperFields, productCreateBody } from '../../../integrations/zuper/product-fields.js';

void describe('patchToZuperFields', () => {
  void it('renames only the fields present, keeping explicit nulls', () => {
    assert.deepEqual(
      patchToZuperFields({ name: 'Valve', purchasePrice: null, isAvailable: false, metaData: { a: 'b' } }),
      {
        product_name: 'Valve',
        purchase_price: null,
        is_available: false,
      },
    );
  });
});

void describe('mergeMetaData', () => {
  void it('updates rows by label, keeps the others untouched and appends new labels', () => {
    const existing = [
      { label: 'QB Product ID', value: '', type: 'SINGLE_LINE', hide_field: true },
      { label: 'Colour', value: 'red', type: 'DROPDOWN' },
    ];
    assert.deepEqual(mergeMetaData(existing, { 'QB Product ID': '42', 'QBO Class': 'Retail' }), [
      { label: 'QB Product ID', value: '42', type: 'SINGLE_LINE', hide_field: true },
      { label: 'Colour', value: 'red', type: 'DROPDOWN' },
      {
        label: 'QBO Class',
        value: 'Retail',
        type: 'SINGLE_LINE',
        module_name: 'PRODUCT',
        hide_field: false,
        hide_to_fe: false,
      },
    ]);
    assert.equal(existing[0]?.value, '', 'the input is not mutated');
  });
});

void describe('productCreateBody', () => {
  void it('writes locations by uid, totals the quantity and fills the product minimum from location minimums', () => {
    const body = productCreateBody({
      name: 'Valve',
      categoryUid: 'cat-1',
      type: 'PRODUCT',
      trackQuantity: true,
      productId: 'SKU-9',
      price: 12.5,
      locations: [
        { locationUid: 'loc-1', quantity: 4, minQuantity: 2 },
        { locationUid: 'loc-2', quantity: 1.5 },
      ],
      metaData: { 'QB Product ID': '42' },
    });
    assert.deepEqual(body, {
      is_available: true,
      product_name: 'Valve',
      product_id: 'SKU-9',
      product_type: 'PRODUCT',
      product_category: 'cat-1',
      price: 12.5,
      track_quantity: true,
      quantity: 5.5,
      min_quantity: 2,
      location_availability: [
        { location: 'loc-1', quantity: 4, min_quantity: 2, serial_nos: [] },
        { location: 'loc-2', quantity: 1.5, min_quantity: null, serial_nos: [] },
      ],
      meta_data: [
        {
          label: 'QB Product ID',
          value: '42',
          type: 'SINGLE_LINE',
          module_name: 'PRODUCT',
          hide_field: false,
          hide_to_fe: false,
        },
      ],
    });
  });
});
