/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read untyped JSON bodies and assert on their exact shape */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { faultCode, startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  h.emu.admin.seedItems(h.realmId, { count: 27, namePrefix: 'Widget', qtyOnHand: 1 });
});
after(() => h.close());

test('pages are 1-based, maxResults is the number of rows returned, a page past the end is {}', async () => {
  const first = await h.query("select * from Item where Name like 'Widget%' orderby Id maxresults 5 startposition 1");
  assert.equal(first.json.QueryResponse.startPosition, 1);
  assert.equal(first.json.QueryResponse.maxResults, 5);
  assert.equal(first.json.QueryResponse.Item.length, 5);
  assert.equal(first.json.QueryResponse.totalCount, undefined);
  const last = await h.query("select * from Item where Name like 'Widget%' orderby Id STARTPOSITION 26 MAXRESULTS 5");
  assert.deepEqual(Object.keys(last.json.QueryResponse as object).sort(), ['Item', 'maxResults', 'startPosition']);
  assert.equal(last.json.QueryResponse.startPosition, 26);
  assert.equal(last.json.QueryResponse.maxResults, 2);
  const past = await h.query("select * from Item where Name like 'Widget%' startposition 100");
  assert.deepEqual(past.json.QueryResponse, {});
  const none = await h.query("select * from Item where Name = 'nothing'");
  assert.deepEqual(none.json.QueryResponse, {});
  assert.ok(none.json.time);
});

test('MAXRESULTS defaults to 100 and above 1000 is a QueryValidationError', async () => {
  h.emu.admin.seedItems(h.realmId, { count: 120, namePrefix: 'Bulk', type: 'Service' });
  const page = await h.query("select * from Item where Name like 'Bulk%'");
  assert.equal(page.json.QueryResponse.maxResults, 100);
  const tooMany = await h.query('select * from Item maxresults 1500');
  assert.equal(tooMany.status, 400);
  assert.deepEqual(tooMany.json.Fault.Error[0], {
    Message: 'Invalid query',
    Detail: 'QueryValidationError: value 1500 is too large. Max allowed value is 1000',
    code: '4001',
    element: '',
  });
});

test('COUNT(*) returns only totalCount and respects WHERE', async () => {
  const res = await h.query("SELECT COUNT(*) FROM Item WHERE Name LIKE 'Widget%'");
  assert.deepEqual(res.json.QueryResponse, { totalCount: 27 });
});

test('case-insensitive keywords, property names and string values; ORDER BY DESC; IN; comparisons', async () => {
  const res = await h.query("SeLeCt * FrOm item WhErE name = 'WIDGET 7'");
  assert.equal(res.json.QueryResponse.Item[0].Name, 'Widget 7');
  const desc = await h.query(
    "select * from Item where Name in ('Widget 1', 'Widget 2', 'Widget 3') order by Name desc",
  );
  assert.deepEqual(
    (desc.json.QueryResponse.Item as { Name: string }[]).map((i) => i.Name),
    ['Widget 3', 'Widget 2', 'Widget 1'],
  );
  const byType = await h.query("select count(*) from Item where Type = 'Service' and Name like 'bulk%'");
  assert.equal(byType.json.QueryResponse.totalCount, 120);
  const ids = await h.query("select * from Item where Id in ('1', '2', '99999')");
  assert.deepEqual(
    (ids.json.QueryResponse.Item as { Id: string }[]).map((i) => i.Id),
    ['1', '2'],
  );
  const escaped = await h.post('item', { Name: "Joe's Widget", Type: 'Service', IncomeAccountRef: { value: '1' } });
  assert.equal(escaped.status, 200);
  const quoted = await h.query("select * from Item where Name = 'Joe\\'s Widget'");
  assert.equal(quoted.json.QueryResponse.Item[0].Name, "Joe's Widget");
});

test('filtering on MetaData.LastUpdatedTime sees only later changes, in order', async () => {
  h.emu.admin.advanceClock({ ms: 10_000 });
  const since = new Date(Date.parse(new Date(h.emu.admin.now()).toISOString()) - 1000).toISOString();
  const item = await h.inventoryItem('Fresh Widget', 1);
  const res = await h.query(
    `SELECT * FROM Item WHERE Active IN (true, false) AND Metadata.LastUpdatedTime >= '${since}' ORDER BY Metadata.LastUpdatedTime ASC STARTPOSITION 1 MAXRESULTS 1000`,
  );
  assert.deepEqual(
    (res.json.QueryResponse.Item as { Id: string }[]).map((i) => i.Id),
    [item.Id],
  );
});

test('syntax errors are 4000; unfilterable properties and Id ranges are QueryValidationErrors', async () => {
  const syntax = await h.query("select * from Item where Name = 'a' or Name = 'b'");
  assert.equal(syntax.status, 400);
  assert.equal(faultCode(syntax), '4000');
  assert.equal(syntax.json.Fault.Error[0].Message, 'Error parsing query');
  assert.match(syntax.json.Fault.Error[0].Detail as string, /^QueryParserError: Encountered/);
  const apostrophe = await h.query("select * from Item where Name = 'Joe's'");
  assert.equal(faultCode(apostrophe), '4000');
  const notFilterable = await h.query('select * from Item where UnitPrice > 5');
  assert.equal(faultCode(notFilterable), '4001');
  const idRange = await h.query("select * from Item where Id > '5'");
  assert.equal(faultCode(idRange), '4001');
});

test('POST /query with an application/text body works like GET', async () => {
  const res = await fetch(`${h.emu.baseUrl}/v3/company/${h.realmId}/query?minorversion=75`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/text' },
    body: "select count(*) from Item where Name like 'Widget%'",
  });
  assert.deepEqual(((await res.json()) as { QueryResponse: unknown }).QueryResponse, { totalCount: 27 });
});

test('transactions and InventoryAdjustment are queryable by Id and DocNumber', async () => {
  const item = await h.inventoryItem('IA query', 5);
  const adj = (
    await h.post('inventoryadjustment', {
      AdjustAccountRef: { value: '86' },
      DocNumber: 'ADJ-77',
      Line: [
        {
          DetailType: 'ItemAdjustmentLineDetail',
          ItemAdjustmentLineDetail: { ItemRef: { value: item.Id }, QtyDiff: 1 },
        },
      ],
    })
  ).json.InventoryAdjustment;
  const byDoc = await h.query("select * from InventoryAdjustment where DocNumber = 'ADJ-77'");
  assert.equal(byDoc.json.QueryResponse.InventoryAdjustment[0].Id, adj.Id);
  const byId = await h.query(`select * from InventoryAdjustment where Id = '${adj.Id as string}'`);
  assert.equal(byId.json.QueryResponse.InventoryAdjustment.length, 1);
  const inv = (
    await h.post('invoice', {
      CustomerRef: { value: '3' },
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 10,
          SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 },
        },
      ],
    })
  ).json.Invoice;
  const byCustomer = await h.query("select * from Invoice where CustomerRef = '3'");
  assert.deepEqual(
    (byCustomer.json.QueryResponse.Invoice as { Id: string }[]).map((i) => i.Id),
    [inv.Id],
  );
  const byDocNumber = await h.query(`select * from Invoice where DocNumber = '${inv.DocNumber as string}'`);
  assert.equal(byDocNumber.json.QueryResponse.Invoice[0].Id, inv.Id);
});

test('a 10,000-item catalog pages through in well under a second per page', async () => {
  const { realmId } = h.emu.admin.createRealm();
  h.emu.admin.seedItems(realmId, { count: 10_000 });
  const token = h.emu.admin.issueTokens({ clientId: h.clientId, realmId }).access_token;
  let seen = 0;
  const started = performance.now();
  for (let start = 1; ; start += 1000) {
    const sql = `select * from Item where Active in (true,false) orderby Metadata.LastUpdatedTime startposition ${start} maxresults 1000`;
    const res = await fetch(`${h.emu.baseUrl}/v3/company/${realmId}/query?query=${encodeURIComponent(sql)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { QueryResponse: { Item?: unknown[] } };
    if (!body.QueryResponse.Item) break;
    seen += body.QueryResponse.Item.length;
  }
  assert.equal(seen, 10_000);
  assert.ok(performance.now() - started < 10_000);
});
