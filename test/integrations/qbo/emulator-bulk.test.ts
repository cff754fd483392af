import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { QboApiError } from '../../../integrations/qbo/errors.js';
import { selectQuery, where } from '../../../integrations/qbo/query-builder.js';
import { rejectionOf, startEmulatorSetup, type EmulatorSetup } from './support/emulator.js';

let s: EmulatorSetup;
let seeded: string[];
before(async () => {
  s = await startEmulatorSetup();
  seeded = s.emu.admin.seedItems(s.realmId, { count: 2300, namePrefix: 'Bulk', qtyOnHand: 3 });
  s.emu.admin.seedItems(s.realmId, { count: 5, type: 'Service', namePrefix: 'Svc' });
});
after(() => s.close());

const queriesSince = (seq: number) =>
  s.emu.admin.requestLog({ afterSeq: seq, pathIncludes: '/query' }).map((e) => e.query.query ?? '');
const lastSeq = () => s.emu.admin.requestLog().at(-1)?.seq ?? 0;

void test('queryAll pages through more than 1000 items and stops on the short page', async () => {
  const seq = lastSeq();
  const sizes: number[] = [];
  const ids: string[] = [];
  for await (const page of s.client.queryAll('Item', [where('Type', '=', 'Inventory')])) {
    sizes.push(page.length);
    ids.push(...page.map((i) => i.Id));
  }
  assert.deepEqual(sizes, [1000, 1000, 300]);
  assert.deepEqual([...ids].sort(), [...seeded].sort());
  assert.deepEqual(queriesSince(seq), [
    "SELECT * FROM Item WHERE Type = 'Inventory' ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
    "SELECT * FROM Item WHERE Type = 'Inventory' ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000",
    "SELECT * FROM Item WHERE Type = 'Inventory' ORDERBY Id STARTPOSITION 2001 MAXRESULTS 1000",
  ]);
});

void test('an exact multiple of the page size ends on an empty page', async () => {
  const pages: number[] = [];
  for await (const page of s.client.queryAll('Item', [where('Type', '=', 'Service')], 5)) pages.push(page.length);
  assert.deepEqual(pages, [5]);
});

void test('count, and getItemsByIds in chunks', async () => {
  assert.equal(await s.client.count('Item'), 2305);
  assert.equal(await s.client.count('Item', [where('Type', '=', 'Service')]), 5);
  const seq = lastSeq();
  const wanted = seeded.slice(0, 250);
  const items = await s.client.getItemsByIds(wanted);
  assert.deepEqual(items.map((i) => i.Id).sort(), [...wanted].sort());
  assert.equal(queriesSince(seq).length, 3, '100 ids per query');
});

void test('batch: creates, per-item faults, queries and deletes, each result in request order', async () => {
  const [first] = await s.client.query(selectQuery('Item', { where: [where('Name', '=', 'Bulk 1')] }));
  assert.ok(first);
  const category = await s.client.createCategory({ Name: 'Batch cat' }, { requestId: 'cat-1' });
  const results = await s.client.batch(
    [
      {
        bId: 'new',
        operation: 'create',
        entity: 'Item',
        body: { Name: 'Batch new', Type: 'NonInventory', IncomeAccountRef: { value: '79' } },
      },
      {
        bId: 'dup',
        operation: 'create',
        entity: 'Item',
        body: { Name: 'Bulk 2', Type: 'NonInventory', IncomeAccountRef: { value: '79' } },
      },
      {
        bId: 'stale',
        operation: 'update',
        entity: 'Item',
        body: { Id: first.Id, SyncToken: '7', sparse: true, UnitPrice: 1 },
      },
      { bId: 'q', query: selectQuery('Item', { where: [where('Name', 'IN', ['Bulk 1', 'Bulk 3'])] }) },
      { bId: 'del', operation: 'delete', entity: 'Item', body: { Id: category.Id, SyncToken: category.SyncToken } },
    ],
    { requestId: 'batch-req-1' },
  );
  assert.deepEqual(
    results.map((r) => [r.bId, r.type]),
    [
      ['new', 'entity'],
      ['dup', 'fault'],
      ['stale', 'fault'],
      ['q', 'query'],
      ['del', 'deleted'],
    ],
  );
  const [created, dup, stale, query, deleted] = results;
  assert.ok(created?.type === 'entity' && created.entity === 'Item');
  assert.equal(created.value.Name, 'Batch new');
  assert.ok(dup?.type === 'fault' && stale?.type === 'fault');
  assert.deepEqual(
    [dup.error.kind, dup.error.code, dup.error.operation],
    ['duplicate-name', '6240', 'POST batch (bId dup)'],
  );
  assert.deepEqual([stale.error.kind, stale.error.code], ['stale', '5010']);
  assert.ok(query?.type === 'query');
  assert.deepEqual(query.rows.map((r) => (r as { Name: string }).Name).sort(), ['Bulk 1', 'Bulk 3']);
  assert.ok(deleted?.type === 'deleted');
  assert.equal(deleted.deleted.Id, category.Id);

  // The same requestid replays the stored answer: nothing is created twice.
  const replay = await s.client.batch([{ bId: 'new', operation: 'create', entity: 'Item', body: {} }], {
    requestId: 'batch-req-1',
  });
  assert.ok(replay[0]?.type === 'entity');
  assert.equal(replay[0].value.Id, created.value.Id);
  assert.equal(await s.client.count('Item', [where('Name', '=', 'Batch new')]), 1);
});

void test('a batch of 30 goes through; the client refuses 31 before sending', async () => {
  const ops = Array.from({ length: 30 }, (_, i) => ({
    bId: `q${i}`,
    query: selectQuery('Account', { maxResults: 1 }),
  }));
  const results = await s.client.batch(ops);
  assert.equal(results.filter((r) => r.type === 'query' && r.rows.length === 1).length, 30);
  const error = await rejectionOf(s.client.batch([...ops, { bId: 'q30', query: selectQuery('Account') }]));
  assert.ok(error instanceof RangeError);
  assert.ok(!(error instanceof QboApiError));
});
