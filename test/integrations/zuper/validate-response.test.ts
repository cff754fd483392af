import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZuperSchemaError } from '../../../integrations/zuper/errors.js';
import { productRecord } from '../../../integrations/zuper/product-schema.js';
import { listEnvelope } from '../../../integrations/zuper/schemas.js';
import { formatPath, validateResponse } from '../../../integrations/zuper/validate-response.js';
import { docProductRecord } from './fixtures.js';

void describe('validateResponse', () => {
  const list = listEnvelope(productRecord);

  void it('keeps fields it does not know about', () => {
    const body = { type: 'success', data: [docProductRecord()], total_pages: 1, extra: true };
    const parsed = validateResponse(list, body, 'GET /product');
    assert.equal(parsed.data[0]?.product_no, 814);
    assert.equal(parsed.extra, true);
  });

  void it('names the exact path of the offending field', () => {
    const bad = docProductRecord();
    const second = { ...bad, location_availability: [{ ...bad.location_availability[0], quantity: 'lots' }] };
    const body = { type: 'success', data: [bad, second] };
    assert.throws(
      () => validateResponse(list, body, 'GET /product'),
      (error: unknown) =>
        error instanceof ZuperSchemaError &&
        error.path === 'data[1].location_availability[0].quantity' &&
        error.endpoint === 'GET /product' &&
        error.retryable === false,
    );
  });

  void it('formats root and nested paths', () => {
    assert.equal(formatPath([]), '(body)');
    assert.equal(formatPath(['data', 0, 'x']), 'data[0].x');
  });
});
