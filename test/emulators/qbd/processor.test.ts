import { test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { qbxmlRequest, startHarness, statusesOf, textsOf } from './fixtures.js';
import { recordInUseStatuses, type RecordInUseCode } from '../../../emulators/qbd/processor.js';

const seed = (h: ReturnType<typeof startHarness>) =>
  h.emu.admin.seedItems([
    { fullName: 'Hardware:Widget', quantityOnHand: 10, salesPrice: 12.5 },
    { fullName: 'Hardware:Gadget', quantityOnHand: 4 },
    { fullName: 'Install', type: 'ItemService', salesPrice: 90 },
    { fullName: 'Old Part', quantityOnHand: 1, isActive: false },
  ]);

test('ListID and EditSequence have the shapes of a real company file, and FullName joins the hierarchy', () => {
  const h = startHarness();
  const [widget] = seed(h);
  assert.match(widget?.listId ?? '', /^[0-9A-F]{8}-\d{10}$/);
  assert.match(widget?.editSequence ?? '', /^\d{10}$/);
  const xml = h.send('<ItemQueryRq requestID="7"><FullName>hardware:widget</FullName></ItemQueryRq>');
  assert.deepEqual(statusesOf(xml, 'ItemQueryRs'), [
    { requestID: '7', statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' },
  ]);
  assert.deepEqual(textsOf(xml, 'FullName'), ['Hardware:Widget', 'Hardware']);
  assert.deepEqual(textsOf(xml, 'Sublevel'), ['1']);
  assert.deepEqual(textsOf(xml, 'QuantityOnHand'), ['10']);
});

test('ItemQueryRq filters by ActiveStatus and modified dates and mixes item types in name order', () => {
  const h = startHarness();
  seed(h);
  const active = h.send('<ItemQueryRq></ItemQueryRq>');
  assert.deepEqual(textsOf(active, 'Name'), ['Hardware', 'Gadget', 'Widget', 'Install']);
  assert.match(active, /<ItemServiceRet>.*<Name>Install<\/Name>/);
  const all = h.send('<ItemQueryRq><ActiveStatus>All</ActiveStatus></ItemQueryRq>');
  assert.equal(textsOf(all, 'Name').length, 5);
  h.emu.clock.advance(3_600_000);
  const widget = h.emu.admin.getItem('Hardware:Widget');
  h.send(
    `<ItemInventoryModRq><ItemInventoryMod><ListID>${widget.listId}</ListID><EditSequence>${widget.editSequence}</EditSequence><SalesPrice>13.00</SalesPrice></ItemInventoryMod></ItemInventoryModRq>`,
  );
  const changed = h.send('<ItemQueryRq><FromModifiedDate>2026-03-02T10:30:00+00:00</FromModifiedDate></ItemQueryRq>');
  assert.deepEqual(textsOf(changed, 'Name'), ['Widget']);
  const before = h.send('<ItemQueryRq><ToModifiedDate>2026-03-02T10:30:00+00:00</ToModifiedDate></ItemQueryRq>');
  assert.deepEqual(statusesOf(before, 'ItemQueryRs')[0]?.statusCode, '0');
  assert.ok(!textsOf(before, 'Name').includes('Widget'));
});

test('an empty query answers 1 and an unknown FullName answers 500 Warn', () => {
  const h = startHarness();
  const none = h.send('<ItemQueryRq><FromModifiedDate>2030-01-01</FromModifiedDate></ItemQueryRq>');
  assert.equal(statusesOf(none, 'ItemQueryRs')[0]?.statusCode, '1');
  const missing = h.send('<ItemQueryRq><FullName>Nope</FullName></ItemQueryRq>');
  assert.deepEqual(statusesOf(missing, 'ItemQueryRs')[0]?.statusCode, '500');
  assert.equal(statusesOf(missing, 'ItemQueryRs')[0]?.statusSeverity, 'Warn');
});

test('iterators page with MaxReturned, count down, and expire', () => {
  const h = startHarness({ iteratorIdleMs: 60_000 });
  h.emu.admin.seedItems(['A', 'B', 'C', 'D', 'E'].map((n) => ({ fullName: `Part ${n}`, quantityOnHand: 1 })));
  const first = h.send('<ItemQueryRq requestID="1" iterator="Start"><MaxReturned>2</MaxReturned></ItemQueryRq>');
  const start = statusesOf(first, 'ItemQueryRs')[0];
  assert.equal(start?.iteratorRemainingCount, '3');
  assert.match(start?.iteratorID ?? '', /^\{[0-9A-F-]{36}\}$/);
  const next = h.send(
    `<ItemQueryRq requestID="2" iterator="Continue" iteratorID="${start?.iteratorID}"><MaxReturned>2</MaxReturned></ItemQueryRq>`,
  );
  assert.deepEqual(textsOf(next, 'Name'), ['Part C', 'Part D']);
  assert.equal(statusesOf(next, 'ItemQueryRs')[0]?.iteratorRemainingCount, '1');
  h.emu.clock.advance(61_000);
  const expired = h.send(
    `<ItemQueryRq iterator="Continue" iteratorID="${start?.iteratorID}"><MaxReturned>2</MaxReturned></ItemQueryRq>`,
  );
  assert.equal(statusesOf(expired, 'ItemQueryRs')[0]?.statusCode, '3391');
  h.connection.close();
});

test('ItemInventoryAdd refuses a name in use (3100), Mod with a stale EditSequence answers 3200', () => {
  const h = startHarness();
  seed(h);
  const clash = h.send(
    '<ItemInventoryAddRq><ItemInventoryAdd><Name>install</Name></ItemInventoryAdd></ItemInventoryAddRq>',
  );
  assert.equal(statusesOf(clash, 'ItemInventoryAddRs')[0]?.statusCode, '3100');
  const added = h.send(
    '<ItemInventoryAddRq><ItemInventoryAdd><Name>Bolt</Name><ParentRef><FullName>Hardware</FullName></ParentRef><QuantityOnHand>7</QuantityOnHand></ItemInventoryAdd></ItemInventoryAddRq>',
  );
  assert.deepEqual(textsOf(added, 'FullName'), ['Hardware:Bolt', 'Hardware']);
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Bolt'), 7);
  const bolt = h.emu.admin.getItem('Hardware:Bolt');
  const stale = bolt.editSequence;
  const renamed = h.send(
    `<ItemInventoryModRq><ItemInventoryMod><ListID>${bolt.listId}</ListID><EditSequence>${stale}</EditSequence><Name>Hex Bolt</Name></ItemInventoryMod></ItemInventoryModRq>`,
  );
  assert.equal(statusesOf(renamed, 'ItemInventoryModRs')[0]?.statusCode, '0');
  assert.notEqual(textsOf(renamed, 'EditSequence')[0], stale);
  const conflict = h.send(
    `<ItemInventoryModRq><ItemInventoryMod><ListID>${bolt.listId}</ListID><EditSequence>${stale}</EditSequence><Name>Other</Name></ItemInventoryMod></ItemInventoryModRq>`,
  );
  assert.equal(statusesOf(conflict, 'ItemInventoryModRs')[0]?.statusCode, '3200');
  assert.equal(h.emu.admin.getItem('Hardware:Hex Bolt').name, 'Hex Bolt');
  const unknown = h.send(
    '<ItemInventoryModRq><ItemInventoryMod><ListID>80009999-1</ListID><EditSequence>1</EditSequence></ItemInventoryMod></ItemInventoryModRq>',
  );
  assert.equal(statusesOf(unknown, 'ItemInventoryModRs')[0]?.statusCode, '3120');
});

test('a request out of schema order, with QuantityOnHand in a Mod, a site in an Add or a 32-character name is refused with 0x80040400', () => {
  const h = startHarness();
  const refused = [
    // ItemInventoryAdd has no InventorySiteRef in qbXML 13.0: a new item's quantity cannot name its site.
    '<ItemInventoryAddRq><ItemInventoryAdd><Name>Nut</Name><QuantityOnHand>3</QuantityOnHand><InventorySiteRef><FullName>Van 1</FullName></InventorySiteRef></ItemInventoryAdd></ItemInventoryAddRq>',
    '<ItemQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>5</MaxReturned></ItemQueryRq>',
    '<ItemInventoryModRq><ItemInventoryMod><ListID>1</ListID><EditSequence>1</EditSequence><QuantityOnHand>3</QuantityOnHand></ItemInventoryMod></ItemInventoryModRq>',
    `<ItemInventoryAddRq><ItemInventoryAdd><Name>${'x'.repeat(32)}</Name></ItemInventoryAdd></ItemInventoryAddRq>`,
    '<ItemQueryRq><FullName>A</FullName><MaxReturned>5</MaxReturned></ItemQueryRq>',
  ];
  for (const body of refused) {
    const result = h.emu.processor.process(h.connection, qbxmlRequest(body));
    assert.equal(result.kind, 'hresult', body);
    assert.equal(result.kind === 'hresult' ? result.hresult : '', '0x80040400');
  }
  const wrongVersion = h.emu.processor.process(h.connection, qbxmlRequest('<ItemQueryRq/>').replace('13.0', '16.0'));
  assert.equal(wrongVersion.kind, 'hresult');
  assert.equal(h.emu.company.items.size, 0);
});

test('stopOnError stops after the first error; continueOnError runs the rest and echoes each requestID', () => {
  const h = startHarness();
  seed(h);
  const body =
    '<ItemInventoryAddRq requestID="a"><ItemInventoryAdd><Name>Install</Name></ItemInventoryAdd></ItemInventoryAddRq>' +
    '<ItemInventoryAddRq requestID="b"><ItemInventoryAdd><Name>Nut</Name></ItemInventoryAdd></ItemInventoryAddRq>';
  const stopped = h.send(body, 'stopOnError');
  assert.deepEqual(
    statusesOf(stopped, 'ItemInventoryAddRs').map((s) => [s.requestID, s.statusCode]),
    [['a', '3100']],
  );
  assert.equal(h.emu.company.itemByFullName('Nut'), undefined);
  const continued = h.send(body, 'continueOnError');
  assert.deepEqual(
    statusesOf(continued, 'ItemInventoryAddRs').map((s) => [s.requestID, s.statusCode]),
    [
      ['a', '3100'],
      ['b', '0'],
    ],
  );
  assert.ok(h.emu.company.itemByFullName('Nut'));
});

test('InventoryAdjustmentAdd by QuantityDifference moves on-hand and can be found again by RefNumber and date', () => {
  const h = startHarness();
  seed(h);
  const added = h.send(
    '<InventoryAdjustmentAddRq><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><RefNumber>ZUP-41</RefNumber><Memo>zuper movement 41</Memo>' +
      '<InventoryAdjustmentLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>-3</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd>' +
      '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  );
  assert.equal(statusesOf(added, 'InventoryAdjustmentAddRs')[0]?.statusCode, '0');
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 7);
  const byRef = h.send(
    '<InventoryAdjustmentQueryRq><RefNumber>zup-41</RefNumber><IncludeLineItems>true</IncludeLineItems></InventoryAdjustmentQueryRq>',
  );
  assert.deepEqual(textsOf(byRef, 'Memo'), ['zuper movement 41']);
  assert.deepEqual(textsOf(byRef, 'QuantityDifference'), ['-3']);
  const byDate = h.send(
    '<InventoryAdjustmentQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2026-03-02</FromModifiedDate></ModifiedDateRangeFilter></InventoryAdjustmentQueryRq>',
  );
  assert.deepEqual(textsOf(byDate, 'RefNumber'), ['ZUP-41']);
  const service = h.send(
    '<InventoryAdjustmentAddRq><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef>' +
      '<InventoryAdjustmentLineAdd><ItemRef><FullName>Install</FullName></ItemRef><QuantityAdjustment><NewQuantity>2</NewQuantity></QuantityAdjustment></InventoryAdjustmentLineAdd>' +
      '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  );
  assert.equal(statusesOf(service, 'InventoryAdjustmentAddRs')[0]?.statusCode, '3140');
});

test('sales lower on-hand and show in InvoiceQuery / SalesReceiptQuery by modified date; deletions are listed', () => {
  const h = startHarness();
  seed(h);
  const invoice = h.emu.admin.sell({ lines: [{ item: 'Hardware:Widget', quantity: 4 }] });
  h.emu.admin.sell({ type: 'SalesReceipt', lines: [{ item: 'Hardware:Gadget', quantity: 6 }] });
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 6);
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Gadget'), -2);
  const invoices = h.send(
    '<InvoiceQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2026-03-02T09:00:00</FromModifiedDate></ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
  );
  assert.deepEqual(textsOf(invoices, 'TxnID'), [invoice.txnId]);
  assert.deepEqual(textsOf(invoices, 'Quantity'), ['4']);
  const receipts = h.send('<SalesReceiptQueryRq><IncludeLineItems>true</IncludeLineItems></SalesReceiptQueryRq>');
  assert.deepEqual(textsOf(receipts, 'Quantity'), ['6']);
  h.emu.admin.deleteTxn(invoice.txnId);
  h.emu.admin.deleteItem('Old Part');
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 10);
  const txns = h.send('<TxnDeletedQueryRq><TxnDelType>Invoice</TxnDelType></TxnDeletedQueryRq>');
  assert.deepEqual(textsOf(txns, 'TxnID'), [invoice.txnId]);
  const lists = h.send('<ListDeletedQueryRq><ListDelType>ItemInventory</ListDelType></ListDeletedQueryRq>');
  assert.deepEqual(textsOf(lists, 'FullName'), ['Old Part']);
});

test('inventory sites: off answers 3250; on, adjustments and sales move the site quantity', () => {
  const plain = startHarness();
  assert.equal(
    statusesOf(plain.send('<InventorySiteQueryRq></InventorySiteQueryRq>'), 'InventorySiteQueryRs')[0]?.statusCode,
    '3250',
  );
  const h = startHarness({ inventorySites: true });
  h.emu.admin.addSite('Main', true);
  h.emu.admin.addSite('Van 1');
  h.emu.admin.seedItems([{ fullName: 'Widget', quantityOnHand: 10 }]);
  assert.deepEqual(textsOf(h.send('<InventorySiteQueryRq></InventorySiteQueryRq>'), 'Name'), ['Main', 'Van 1']);
  h.send(
    '<InventoryAdjustmentAddRq><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><InventorySiteRef><FullName>Van 1</FullName></InventorySiteRef>' +
      '<InventoryAdjustmentLineAdd><ItemRef><FullName>Widget</FullName></ItemRef><QuantityAdjustment><NewQuantity>5</NewQuantity></QuantityAdjustment></InventoryAdjustmentLineAdd>' +
      '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  );
  h.emu.admin.sell({ lines: [{ item: 'Widget', quantity: 2, site: 'Van 1' }] });
  assert.equal(h.emu.admin.quantityOnHand('Widget', 'Van 1'), 3);
  assert.equal(h.emu.admin.quantityOnHand('Widget', 'Main'), 10);
  assert.equal(h.emu.admin.quantityOnHand('Widget'), 13);
});

test('an injected record-in-use status refuses the next write without applying it', () => {
  const h = startHarness();
  h.emu.admin.failNextWrites(3175);
  const refused = h.send(
    '<ItemInventoryAddRq><ItemInventoryAdd><Name>Nut</Name></ItemInventoryAdd></ItemInventoryAddRq>',
  );
  assert.equal(statusesOf(refused, 'ItemInventoryAddRs')[0]?.statusCode, '3175');
  assert.equal(h.emu.company.items.size, 0);
  const retried = h.send(
    '<ItemInventoryAddRq><ItemInventoryAdd><Name>Nut</Name></ItemInventoryAdd></ItemInventoryAddRq>',
  );
  assert.equal(statusesOf(retried, 'ItemInventoryAddRs')[0]?.statusCode, '0');
});

test('each record-in-use status refuses a write with its own text, and the write goes through when sent again', () => {
  for (const [code, text] of Object.entries(recordInUseStatuses)) {
    const h = startHarness();
    h.emu.admin.failNextWrites(Number(code) as RecordInUseCode);
    const add = '<ItemInventoryAddRq><ItemInventoryAdd><Name>Nut</Name></ItemInventoryAdd></ItemInventoryAddRq>';
    assert.deepEqual(statusesOf(h.send(add), 'ItemInventoryAddRs')[0], {
      statusCode: code,
      statusSeverity: 'Error',
      statusMessage: text,
    });
    assert.equal(h.emu.company.items.size, 0);
    assert.equal(statusesOf(h.send(add), 'ItemInventoryAddRs')[0]?.statusCode, '0');
  }
  // Injected and not met yet, then cleared: the write goes through.
  const h = startHarness();
  h.emu.admin.failNextWrites(3170, 2);
  h.emu.admin.clearRequestFaults();
  const add = '<ItemInventoryAddRq><ItemInventoryAdd><Name>Bolt</Name></ItemInventoryAdd></ItemInventoryAddRq>';
  assert.equal(statusesOf(h.send(add), 'ItemInventoryAddRs')[0]?.statusCode, '0');
});

test("another user's save just before an item Mod makes its EditSequence stale (3200), and nothing changes", () => {
  const h = startHarness();
  const [widget] = seed(h);
  const read = h.emu.admin.getItem('Hardware:Widget').editSequence;
  h.emu.admin.editItemsBeforeNextMods(1);
  const mod = (sequence: string) =>
    `<ItemInventoryModRq><ItemInventoryMod><ListID>${widget?.listId}</ListID><EditSequence>${sequence}</EditSequence><SalesPrice>13.00</SalesPrice></ItemInventoryMod></ItemInventoryModRq>`;
  const refused = h.send(mod(read));
  assert.equal(statusesOf(refused, 'ItemInventoryModRs')[0]?.statusCode, '3200');
  assert.equal(h.emu.admin.getItem('Hardware:Widget').salesPrice, 12.5);
  const fresh = h.emu.admin.getItem('Hardware:Widget').editSequence;
  assert.notEqual(fresh, read);
  assert.equal(statusesOf(h.send(mod(fresh)), 'ItemInventoryModRs')[0]?.statusCode, '0');
  assert.equal(h.emu.admin.getItem('Hardware:Widget').salesPrice, 13);
});

test('an edited sale moves on-hand by the difference and is found again by its modified date, with the same TxnID', () => {
  const h = startHarness();
  seed(h);
  const sale = h.emu.admin.sell({
    lines: [
      { item: 'Hardware:Widget', quantity: 3 },
      { item: 'Install', quantity: 1 },
    ],
  });
  assert.deepEqual(
    [h.emu.admin.quantityOnHand('Hardware:Widget'), h.emu.admin.quantityOnHand('Hardware:Gadget')],
    [7, 4],
  );
  const savedSequence = sale.editSequence;
  h.emu.clock.advance(3_600_000);
  // Widget 3 → 1, and Gadget put on the sale instead of the service.
  h.emu.admin.editSale(sale.txnId, [
    { item: 'Hardware:Widget', quantity: 1 },
    { item: 'Hardware:Gadget', quantity: 2 },
  ]);
  assert.deepEqual(
    [h.emu.admin.quantityOnHand('Hardware:Widget'), h.emu.admin.quantityOnHand('Hardware:Gadget')],
    [9, 2],
  );
  const found = h.send(
    '<InvoiceQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2026-03-02T10:30:00+00:00</FromModifiedDate></ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
  );
  assert.deepEqual(textsOf(found, 'TxnID'), [sale.txnId]);
  assert.deepEqual(textsOf(found, 'TimeCreated'), ['2026-03-02T10:00:00+00:00']);
  assert.deepEqual(textsOf(found, 'TimeModified'), ['2026-03-02T11:00:00+00:00']);
  assert.notEqual(textsOf(found, 'EditSequence')[0], savedSequence);
  assert.deepEqual(
    textsOf(found, 'FullName').filter((n) => n.startsWith('Hardware:')),
    ['Hardware:Widget', 'Hardware:Gadget'],
  );
  assert.deepEqual(textsOf(found, 'Quantity'), ['1', '2']);
});

test('IncludeRetElement narrows each Ret to the named elements', () => {
  const h = startHarness();
  seed(h);
  const xml = h.send(
    '<ItemQueryRq><FullName>Hardware:Widget</FullName><IncludeRetElement>ListID</IncludeRetElement><IncludeRetElement>QuantityOnHand</IncludeRetElement></ItemQueryRq>',
  );
  assert.match(
    xml,
    /<ItemInventoryRet><ListID>[^<]+<\/ListID><QuantityOnHand>10<\/QuantityOnHand><\/ItemInventoryRet>/,
  );
});

test('a sale leaves the item unmodified unless quantityChangeTouchesItem is set', () => {
  for (const touches of [false, true]) {
    const h = startHarness({ quantityChangeTouchesItem: touches });
    seed(h);
    const before = h.emu.admin.getItem('Hardware:Widget').editSequence;
    h.emu.clock.advance(60_000);
    h.emu.admin.sell({ lines: [{ item: 'Hardware:Widget', quantity: 1 }] });
    const changed = h.send('<ItemQueryRq><FromModifiedDate>2026-03-02T10:00:30+00:00</FromModifiedDate></ItemQueryRq>');
    assert.deepEqual(textsOf(changed, 'Name'), touches ? ['Widget'] : []);
    assert.equal(h.emu.admin.getItem('Hardware:Widget').editSequence !== before, touches);
  }
});

test('InvoiceAdd and SalesReceiptAdd lower on-hand; an unknown customer or item is an invalid reference', () => {
  const h = startHarness();
  seed(h);
  h.emu.admin.addCustomer('Acme');
  const invoice = h.send(
    '<InvoiceAddRq requestID="i"><InvoiceAdd><CustomerRef><FullName>Acme</FullName></CustomerRef><RefNumber>INV-1</RefNumber>' +
      '<InvoiceLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><Quantity>3</Quantity><Rate>12.50</Rate></InvoiceLineAdd>' +
      '<InvoiceLineAdd><ItemRef><FullName>Install</FullName></ItemRef><Quantity>1</Quantity></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>',
  );
  assert.equal(statusesOf(invoice, 'InvoiceAddRs')[0]?.statusCode, '0');
  assert.deepEqual(textsOf(invoice, 'Amount'), ['37.50', '90.00']);
  const receipt = h.send(
    '<SalesReceiptAddRq><SalesReceiptAdd><SalesReceiptLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><Quantity>2</Quantity></SalesReceiptLineAdd></SalesReceiptAdd></SalesReceiptAddRq>',
  );
  assert.equal(statusesOf(receipt, 'SalesReceiptAddRs')[0]?.statusCode, '0');
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 5);
  const unknown = h.send(
    '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Nobody</FullName></CustomerRef><InvoiceLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><Quantity>1</Quantity></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>',
  );
  assert.equal(statusesOf(unknown, 'InvoiceAddRs')[0]?.statusCode, '3140');
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 5);
});

test('error recovery: a message set resent with oldMessageSetID gets the stored answer and is not applied twice', () => {
  const h = startHarness();
  seed(h);
  const adjust =
    '<InventoryAdjustmentAddRq requestID="r"><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef>' +
    '<InventoryAdjustmentLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>-1</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd>' +
    '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>';
  const withSet = (attributes: string) =>
    qbxmlRequest(adjust).replace('onError="stopOnError"', `onError="stopOnError" ${attributes}`);
  const first = h.emu.processor.process(h.connection, withSet('newMessageSetID="set-1"'));
  assert.equal(first.kind, 'response');
  assert.match(first.kind === 'response' ? first.xml : '', /<QBXMLMsgsRs newMessageSetID="set-1">/);
  const resent = h.emu.processor.process(h.connection, withSet('oldMessageSetID="set-1" newMessageSetID="set-2"'));
  assert.deepEqual(resent, first);
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 9);
  h.emu.processor.process(h.connection, withSet('oldMessageSetID="unknown" newMessageSetID="set-3"'));
  assert.equal(h.emu.admin.quantityOnHand('Hardware:Widget'), 8);
  const rollback = h.emu.processor.process(
    h.connection,
    qbxmlRequest(adjust).replace('stopOnError', 'rollbackOnError'),
  );
  assert.equal(rollback.kind, 'hresult');
});

test('ItemSitesQuery gives per-site quantities by item and site filter, with iterators', () => {
  const h = startHarness({ inventorySites: true });
  h.emu.admin.addSite('Main', true);
  h.emu.admin.addSite('Van 1');
  h.emu.admin.seedItems([
    { fullName: 'Widget', quantityOnHand: 10 },
    { fullName: 'Gadget', quantityOnHand: 4 },
  ]);
  h.emu.admin.adjust({ item: 'Widget', quantityDifference: 3, site: 'Van 1' });
  const widget = h.send(
    '<ItemSitesQueryRq><ItemSiteFilter><ItemFilter><FullName>widget</FullName></ItemFilter></ItemSiteFilter></ItemSitesQueryRq>',
  );
  assert.deepEqual(textsOf(widget, 'FullName'), ['Widget', 'Main', 'Widget', 'Van 1']);
  assert.deepEqual(textsOf(widget, 'QuantityOnHand'), ['10', '3']);
  const van = h.send(
    '<ItemSitesQueryRq iterator="Start"><ItemSiteFilter><SiteFilter><FullName>Van 1</FullName></SiteFilter></ItemSiteFilter><MaxReturned>5</MaxReturned></ItemSitesQueryRq>',
  );
  assert.deepEqual(textsOf(van, 'QuantityOnHand'), ['3']);
  assert.equal(statusesOf(van, 'ItemSitesQueryRs')[0]?.iteratorRemainingCount, '0');
  const plain = startHarness();
  assert.equal(
    statusesOf(plain.send('<ItemSitesQueryRq></ItemSitesQueryRq>'), 'ItemSitesQueryRs')[0]?.statusCode,
    '3250',
  );
});

test('any document, well-formed or not, gets a response or an HRESULT and never an exception', () => {
  const h = startHarness({ inventorySites: true });
  seed(h);
  const valid = qbxmlRequest(
    '<ItemQueryRq requestID="1" iterator="Start"><MaxReturned>2</MaxReturned></ItemQueryRq>' +
      '<InventoryAdjustmentAddRq><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef>' +
      '<InventoryAdjustmentLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>1</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd>' +
      '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  );
  fc.assert(
    fc.property(fc.nat(valid.length), fc.nat(valid.length), fc.string(), (start, length, insert) => {
      const mutated = valid.slice(0, start) + insert + valid.slice(start + length);
      const result = h.emu.processor.process(h.connection, mutated);
      assert.ok(result.kind === 'response' || result.hresult === '0x80040400');
    }),
    { numRuns: 500 },
  );
});
