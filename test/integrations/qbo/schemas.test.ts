import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBatchApi } from '../../../integrations/qbo/batch.js';
import { createCdcApi } from '../../../integrations/qbo/cdc.js';
import { QboApiError, QboSchemaError } from '../../../integrations/qbo/errors.js';
import { createQueryApi } from '../../../integrations/qbo/query.js';
import { selectQuery } from '../../../integrations/qbo/query-builder.js';
import { createCompanyApi } from '../../../integrations/qbo/company.js';
import { fakeTransport, itemJson } from './support/fake-transport.js';

async function schemaError(promise: Promise<unknown>): Promise<QboSchemaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof QboSchemaError, `expected QboSchemaError, got ${String(error)}`);
  return error;
}

void test('a query row with a wrong field type names the path to it', async () => {
  const transport = fakeTransport(() => ({
    QueryResponse: { Item: [itemJson(1), itemJson(2), itemJson(3, { SyncToken: 4 })], startPosition: 1, maxResults: 3 },
  }));
  const error = await schemaError(createQueryApi(transport).query(selectQuery('Item')));
  assert.equal(error.path, 'QueryResponse.Item[2].SyncToken');
  assert.equal(error.operation, 'GET query');
  assert.match(error.message, /unexpected shape at QueryResponse\.Item\[2\]\.SyncToken/);
  assert.equal(error.retryable, false);
});

void test('extra fields are tolerated, missing used ones are not', async () => {
  const ok = fakeTransport(() => ({ QueryResponse: { Item: [itemJson(1, { Brand: 'new field', Level: 0 })] } }));
  const rows = await createQueryApi(ok).query(selectQuery('Item'));
  assert.equal(rows[0]?.Id, '1');
  assert.equal(rows[0]?.QtyOnHand, 5);
  const { Active: _dropped, ...noActive } = itemJson(7);
  const bad = fakeTransport(() => ({ QueryResponse: { Item: [noActive] } }));
  assert.equal(
    (await schemaError(createQueryApi(bad).query(selectQuery('Item')))).path,
    'QueryResponse.Item[0].Active',
  );
  const badType = fakeTransport(() => ({ QueryResponse: { Item: [itemJson(1, { Type: 'Widget' })] } }));
  assert.equal(
    (await schemaError(createQueryApi(badType).query(selectQuery('Item')))).path,
    'QueryResponse.Item[0].Type',
  );
});

void test('a raw query must select the entity it declares', async () => {
  const transport = fakeTransport(() => ({ QueryResponse: {} }));
  await assert.rejects(
    createQueryApi(transport).query({ entity: 'Item', sql: 'select * from Account' }),
    /declared for Item/,
  );
  assert.deepEqual(
    await createQueryApi(transport).query({ entity: 'Item', sql: "select * from item where Name = 'x'" }),
    [],
  );
});

void test('company info: categories flag from NameValue, missing CompanyName is named', async () => {
  const info = {
    CompanyInfo: {
      Id: '1',
      CompanyName: 'Sandbox Co',
      Country: 'US',
      NameValue: [
        { Name: 'NeoEnabled', Value: 'true' },
        { Name: 'ItemCategoriesFeature', Value: 'true' },
      ],
    },
  };
  const company = createCompanyApi(fakeTransport(() => info));
  assert.deepEqual(await company.getCompanyInfo(), {
    id: '1',
    companyName: 'Sandbox Co',
    country: 'US',
    itemCategoriesEnabled: true,
  });
  const broken = createCompanyApi(fakeTransport(() => ({ CompanyInfo: { Id: '1', NameValue: [] } })));
  assert.equal((await schemaError(broken.getCompanyInfo())).path, 'CompanyInfo.CompanyName');
});

void test('batch results follow request order; a per-item Fault is a typed error; bad items name their index', async () => {
  const transport = fakeTransport(() => ({
    BatchItemResponse: [
      {
        bId: 'b2',
        Fault: { type: 'ValidationFault', Error: [{ Message: 'Stale Object Error', code: '5010', Detail: 'd' }] },
      },
      { bId: 'b1', Item: itemJson(9) },
      { bId: 'b3', QueryResponse: { Item: [itemJson(10)], startPosition: 1, maxResults: 1 } },
      { bId: 'b4', Item: { status: 'Deleted', Id: '29', domain: 'QBO' } },
    ],
    time: 'x',
  }));
  const results = await createBatchApi(transport).batch(
    [
      { bId: 'b1', operation: 'create', entity: 'Item', body: { Name: 'A' } },
      { bId: 'b2', operation: 'update', entity: 'Item', body: { Id: '9', SyncToken: '0', sparse: true } },
      { bId: 'b3', query: selectQuery('Item') },
      { bId: 'b4', operation: 'delete', entity: 'Item', body: { Id: '29', SyncToken: '0' } },
    ],
    { requestId: 'batch-1' },
  );
  assert.deepEqual(
    results.map((r) => [r.bId, r.type]),
    [
      ['b1', 'entity'],
      ['b2', 'fault'],
      ['b3', 'query'],
      ['b4', 'deleted'],
    ],
  );
  const fault = results[1];
  assert.ok(fault?.type === 'fault' && fault.error instanceof QboApiError);
  assert.equal(fault.error.kind, 'stale');
  assert.equal(fault.error.code, '5010');
  assert.deepEqual(transport.calls[0]?.json, {
    BatchItemRequest: [
      { bId: 'b1', operation: 'create', Item: { Name: 'A' } },
      { bId: 'b2', operation: 'update', Item: { Id: '9', SyncToken: '0', sparse: true } },
      { bId: 'b3', Query: 'SELECT * FROM Item' },
      { bId: 'b4', operation: 'delete', Item: { Id: '29', SyncToken: '0' } },
    ],
  });
  assert.equal(transport.calls[0]?.requestId, 'batch-1');
  assert.equal(transport.calls[0]?.kind, 'batch');

  const bad = fakeTransport(() => ({
    BatchItemResponse: [
      { bId: 'x', QueryResponse: {} },
      { bId: 'y', Item: itemJson(1, { Name: null }) },
    ],
  }));
  const ops = [
    { bId: 'x', query: selectQuery('Item') },
    { bId: 'y', operation: 'create' as const, entity: 'Item' as const, body: {} },
  ];
  assert.equal((await schemaError(createBatchApi(bad).batch(ops))).path, 'BatchItemResponse[1].Item.Name');
});

void test('batch refuses more than 30 operations, duplicate bIds, and long ids with a requestid', async () => {
  const api = createBatchApi(fakeTransport(() => ({ BatchItemResponse: [] })));
  const op = (bId: string) => ({ bId, query: selectQuery('Item') });
  await assert.rejects(api.batch(Array.from({ length: 31 }, (_, i) => op(`b${i}`))), /1–30 operations/);
  await assert.rejects(api.batch([op('a'), op('a')]), /unique/);
  await assert.rejects(api.batch([op('elevenchars')], { requestId: 'r' }), /1–10 characters/);
  await assert.rejects(api.batch([op('a')], { requestId: 'x'.repeat(37) }), /limit here is 36/);
});

void test('cdc splits live objects from deleted stubs, per entity, and flags the cap', async () => {
  const transport = fakeTransport(() => ({
    CDCResponse: [
      {
        QueryResponse: [
          { Item: [itemJson(1), itemJson(2, { Active: false })], startPosition: 1, maxResults: 2 },
          {
            Invoice: [
              { Id: '130', SyncToken: '1', Line: [] },
              {
                domain: 'QBO',
                status: 'Deleted',
                Id: '131',
                MetaData: { LastUpdatedTime: '2025-09-10T13:07:43-07:00' },
              },
            ],
            startPosition: 1,
            maxResults: 2,
            totalCount: 2,
          },
        ],
      },
    ],
  }));
  const result = await createCdcApi(transport).cdc(['Item', 'Invoice', 'Bill'], new Date('2025-09-01T07:00:00Z'));
  assert.deepEqual(
    result.changes.Item.live.map((i) => [i.Id, i.Active]),
    [
      ['1', true],
      ['2', false],
    ],
  );
  assert.deepEqual(
    result.changes.Invoice.live.map((i) => i.Id),
    ['130'],
  );
  assert.deepEqual(result.changes.Invoice.deleted, [
    { Id: '131', status: 'Deleted', MetaData: { LastUpdatedTime: '2025-09-10T13:07:43-07:00' } },
  ]);
  assert.deepEqual(result.changes.Bill, { live: [], deleted: [] });
  assert.equal(result.objectCount, 4);
  assert.equal(result.capped, false);
  assert.deepEqual(transport.calls[0]?.searchParams, {
    entities: 'Item,Invoice,Bill',
    changedSince: '2025-09-01T07:00:00Z',
  });

  const empty = fakeTransport(() => ({ CDCResponse: [{ QueryResponse: [{}] }], time: 'x' }));
  assert.equal((await createCdcApi(empty).cdc(['Item'], new Date())).objectCount, 0);

  const bad = fakeTransport(() => ({ CDCResponse: [{ QueryResponse: [{ Item: [itemJson(1), { Id: '2' }] }] }] }));
  assert.equal(
    (await schemaError(createCdcApi(bad).cdc(['Item'], new Date()))).path,
    'CDCResponse[0].QueryResponse[0].Item[1].SyncToken',
  );
});
