import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { productRecordToPutBody } from '../../../integrations/zuper/product-put-body.js';
import { docProductRecord } from './fixtures.js';

void describe('productRecordToPutBody', () => {
  void it('flattens every GET-only nesting into the shape PUT accepts', () => {
    assert.deepEqual(productRecordToPutBody(docProductRecord()), {
      product_uid: 'a1b2c3d4-0000-4000-8000-000000000001',
      product_name: 'Copper pipe 15mm',
      product_id: 'PART005',
      prefix: 'PT',
      product_category: 'cat-1',
      product_type: 'PARTS',
      product_description: '<p>Half-hard</p>',
      uom: 'uom-m',
      price: '26.0000',
      purchase_price: 25,
      markup: { markup_type: 'FLAT', markup_value: 1 },
      is_available: true,
      track_quantity: true,
      quantity: 104.87,
      min_quantity: 2,
      location_availability: [
        { location: 'loc-1', quantity: -5, min_quantity: 2, serial_nos: [] },
        { location: 'loc-2', quantity: 109.87, min_quantity: null, serial_nos: ['SN-1'] },
      ],
      meta_data: [
        { label: 'QB Product ID', value: '42', type: 'SINGLE_LINE', module_name: 'PRODUCT' },
        { label: 'QBO Class', value: '', type: 'SINGLE_LINE', module_name: 'PRODUCT' },
      ],
      formula: {
        formula_uid: 'f-1',
        formula_name: 'Length',
        formula_key: 'len',
        formula: { expression: 'a*b', expression_map: { a: 'x' }, rounding_mechanism: 'ROUND' },
      },
      bu_uids: ['bu-1'],
    });
  });

  void it('keeps values already in write shape and drops an empty formula', () => {
    const body = productRecordToPutBody({
      product_uid: 'p',
      product_name: 'n',
      product_category: 'cat-9',
      uom: 'mm',
      formula: '',
      location_availability: [{ location: 'loc-9', quantity: 3 }],
    });
    assert.deepEqual(body, {
      product_uid: 'p',
      product_name: 'n',
      product_category: 'cat-9',
      uom: 'mm',
      location_availability: [{ location: 'loc-9', quantity: 3, min_quantity: null, serial_nos: [] }],
    });
  });
});
