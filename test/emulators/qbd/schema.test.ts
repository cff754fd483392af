import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  qbxmlRequest,
  schemaErrors,
  schemaValidationSkip,
  soapBodyErrors,
  startHarness,
  statusesOf,
  wsdlValidationSkip,
} from './fixtures.js';
import { startSoapService } from './soap-service.js';

const requests = [
  '<ItemQueryRq requestID="1" iterator="Start"><MaxReturned>2</MaxReturned><ActiveStatus>All</ActiveStatus><FromModifiedDate>2026-01-01T00:00:00+00:00</FromModifiedDate></ItemQueryRq>',
  '<ItemInventoryAddRq requestID="2"><ItemInventoryAdd><Name>Bolt</Name><ParentRef><FullName>Hardware</FullName></ParentRef><SalesPrice>1.50</SalesPrice><QuantityOnHand>3</QuantityOnHand></ItemInventoryAdd></ItemInventoryAddRq>',
  '<ItemInventoryAddRq requestID="3"><ItemInventoryAdd><Name>Install</Name></ItemInventoryAdd></ItemInventoryAddRq>',
  '<InventoryAdjustmentAddRq requestID="4"><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><RefNumber>Z-1</RefNumber><Memo>m</Memo><InventoryAdjustmentLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>-2</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd></InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  '<InventoryAdjustmentQueryRq requestID="5"><RefNumber>Z-1</RefNumber><IncludeLineItems>true</IncludeLineItems></InventoryAdjustmentQueryRq>',
  '<InvoiceQueryRq requestID="6"><ModifiedDateRangeFilter><FromModifiedDate>2026-01-01</FromModifiedDate></ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
  '<SalesReceiptQueryRq requestID="7"><IncludeLineItems>true</IncludeLineItems></SalesReceiptQueryRq>',
  '<ListDeletedQueryRq requestID="8"><ListDelType>ItemInventory</ListDelType></ListDeletedQueryRq>',
  '<TxnDeletedQueryRq requestID="9"><TxnDelType>Invoice</TxnDelType></TxnDeletedQueryRq>',
  '<InventorySiteQueryRq requestID="10"><ActiveStatus>All</ActiveStatus></InventorySiteQueryRq>',
  '<ItemSitesQueryRq requestID="14"><ItemSiteFilter><SiteFilter><FullName>Main</FullName></SiteFilter></ItemSiteFilter><MaxReturned>10</MaxReturned></ItemSitesQueryRq>',
  '<ItemQueryRq requestID="11"><FullName>Nope</FullName></ItemQueryRq>',
  '<InvoiceAddRq requestID="12"><InvoiceAdd><CustomerRef><FullName>Walk-in Customer</FullName></CustomerRef><TxnDate>2026-03-02</TxnDate><RefNumber>I-2</RefNumber><Memo>m</Memo><InvoiceLineAdd><ItemRef><FullName>Hardware:Widget</FullName></ItemRef><Quantity>1</Quantity><Rate>12.50</Rate><InventorySiteRef><FullName>Main</FullName></InventorySiteRef></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>',
  '<ItemNonInventoryAddRq requestID="15"><ItemNonInventoryAdd><Name>Tape</Name><IsActive>true</IsActive><ParentRef><FullName>Supplies</FullName></ParentRef><SalesOrPurchase><Desc>Duct tape</Desc><Price>3.25</Price><AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>',
  '<ItemServiceAddRq requestID="16"><ItemServiceAdd><Name>Repair</Name><SalesOrPurchase><Price>80.00</Price><AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
  '<ItemServiceAddRq requestID="17"><ItemServiceAdd><Name>Bad Account</Name><SalesOrPurchase><AccountRef><FullName>No Such Account</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
  '<ItemServiceModRq requestID="18"><ItemServiceMod><ListID>80000099-1234567890</ListID><EditSequence>1</EditSequence><Name>Install Plus</Name><SalesOrPurchaseMod><Desc>d</Desc><Price>95.00</Price></SalesOrPurchaseMod></ItemServiceMod></ItemServiceModRq>',
  '<ItemNonInventoryModRq requestID="19"><ItemNonInventoryMod><ListID>80000099-1234567890</ListID><EditSequence>1</EditSequence><IsActive>false</IsActive></ItemNonInventoryMod></ItemNonInventoryModRq>',
  '<AccountQueryRq requestID="20"><FullName>Sales</FullName><FullName>No Such Account</FullName></AccountQueryRq>',
  '<AccountQueryRq requestID="21"></AccountQueryRq>',
  '<ItemQueryRq requestID="22"><FullName>Supplies:Tape</FullName><FullName>Repair</FullName></ItemQueryRq>',
  '<SalesReceiptAddRq requestID="13"><SalesReceiptAdd><SalesReceiptLineAdd><ItemRef><FullName>Install</FullName></ItemRef><Quantity>1</Quantity></SalesReceiptLineAdd></SalesReceiptAdd></SalesReceiptAddRq>',
];

test(
  'requests the emulator accepts and the responses it writes validate against qbxmlops130.xsd',
  { skip: schemaValidationSkip },
  () => {
    const h = startHarness({ inventorySites: true });
    h.emu.admin.addSite('Main', true);
    h.emu.admin.seedItems([
      { fullName: 'Hardware:Widget', quantityOnHand: 10, salesPrice: 12.5, purchaseCost: 4 },
      { fullName: 'Install', type: 'ItemService', salesPrice: 90 },
      { fullName: 'Supplies', type: 'ItemNonInventory' },
    ]);
    const invoice = h.emu.admin.sell({
      lines: [
        { item: 'Hardware:Widget', quantity: 1, site: 'Main' },
        { item: 'Install', quantity: 1 },
      ],
    });
    h.emu.admin.sell({ type: 'SalesReceipt', lines: [{ item: 'Hardware:Widget', quantity: 1 }] });
    h.emu.admin.deleteTxn(invoice.txnId);
    h.emu.admin.seedItems([{ fullName: 'Gone', quantityOnHand: 0 }]);
    h.emu.admin.deleteItem('Gone');
    const request = qbxmlRequest(requests.join(''), 'continueOnError').replace(
      'onError="continueOnError"',
      'onError="continueOnError" newMessageSetID="set-1"',
    );
    assert.equal(schemaErrors(request), undefined);
    const result = h.emu.processor.process(h.connection, request);
    assert.equal(result.kind, 'response');
    const xml = result.kind === 'response' ? result.xml : '';
    assert.equal(schemaErrors(xml), undefined);
    assert.equal((xml.match(/statusCode=/g) ?? []).length, requests.length);
  },
);

test(
  "a company file's inventory sites, and the answers where it has none, validate against qbxmlops130.xsd",
  { skip: schemaValidationSkip },
  () => {
    const siteQuery = qbxmlRequest(
      '<InventorySiteQueryRq requestID="1"><ActiveStatus>ActiveOnly</ActiveStatus></InventorySiteQueryRq>',
    );
    assert.equal(schemaErrors(siteQuery), undefined);
    // Multi-location inventory off (3250), on without a site (1), and on with sites and a site-bearing adjustment.
    const off = startHarness();
    const empty = startHarness({ inventorySites: true });
    const withSites = startHarness({ inventorySites: true });
    const van = withSites.emu.admin.addSite('Van 1');
    withSites.emu.admin.addSite('Main', true);
    withSites.emu.admin.seedItems([{ fullName: 'Widget', quantityOnHand: 4 }]);
    const adjustment = qbxmlRequest(
      `<InventoryAdjustmentAddRq requestID="2"><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><RefNumber>mva-x</RefNumber><InventorySiteRef><ListID>${van}</ListID></InventorySiteRef><Memo>m</Memo><InventoryAdjustmentLineAdd><ItemRef><FullName>Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>-1</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd></InventoryAdjustmentAdd></InventoryAdjustmentAddRq>`,
    );
    assert.equal(schemaErrors(adjustment), undefined);
    for (const [h, request, status] of [
      [off, siteQuery, '3250'],
      [empty, siteQuery, '1'],
      [withSites, siteQuery, '0'],
      [withSites, adjustment, '0'],
    ] as const) {
      const result = h.emu.processor.process(h.connection, request);
      const xml = result.kind === 'response' ? result.xml : '';
      assert.match(xml, new RegExp(`statusCode="${status}"`));
      assert.equal(schemaErrors(xml), undefined);
    }
    assert.deepEqual(
      [withSites.emu.admin.quantityOnHand('Widget', 'Van 1'), withSites.emu.admin.quantityOnHand('Widget', 'Main')],
      [-1, 4],
    );
    assert.equal(withSites.emu.admin.quantityOnHand('Widget'), 3);
  },
);

test(
  "the answers of QuickBooks' conflicts (record in use, stale EditSequence, expired iterator) and an edited sale validate against qbxmlops130.xsd",
  { skip: schemaValidationSkip },
  () => {
    const h = startHarness({ iteratorIdleMs: 60_000 });
    const [widget] = h.emu.admin.seedItems([
      { fullName: 'Widget', quantityOnHand: 10 },
      { fullName: 'Bolt', quantityOnHand: 5 },
      { fullName: 'Nut', quantityOnHand: 5 },
    ]);
    const sale = h.emu.admin.sell({ lines: [{ item: 'Widget', quantity: 2 }] });
    h.emu.clock.advance(60_000);
    h.emu.admin.editSale(sale.txnId, [{ item: 'Bolt', quantity: 1 }]);
    const first = h.send('<ItemQueryRq iterator="Start"><MaxReturned>1</MaxReturned></ItemQueryRq>');
    const iteratorId = statusesOf(first, 'ItemQueryRs')[0]?.iteratorID ?? '';
    h.emu.clock.advance(120_000);
    const cases: [prepare: () => void, request: string, status: string][] = [
      [
        () => h.emu.admin.failNextWrites(3176),
        '<InventoryAdjustmentAddRq requestID="1"><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><InventoryAdjustmentLineAdd><ItemRef><FullName>Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>-1</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd></InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
        '3176',
      ],
      [
        () => h.emu.admin.editItemsBeforeNextMods(1),
        `<ItemInventoryModRq requestID="2"><ItemInventoryMod><ListID>${widget?.listId}</ListID><EditSequence>${widget?.editSequence}</EditSequence><SalesPrice>2.00</SalesPrice></ItemInventoryMod></ItemInventoryModRq>`,
        '3200',
      ],
      [
        () => undefined,
        `<ItemQueryRq requestID="3" iterator="Continue" iteratorID="${iteratorId}"><MaxReturned>1</MaxReturned></ItemQueryRq>`,
        '3391',
      ],
      [
        () => undefined,
        '<InvoiceQueryRq requestID="4"><ModifiedDateRangeFilter><FromModifiedDate>2026-03-02T10:01:00+00:00</FromModifiedDate></ModifiedDateRangeFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
        '0',
      ],
    ];
    for (const [prepare, body, status] of cases) {
      const request = qbxmlRequest(body);
      assert.equal(schemaErrors(request), undefined);
      prepare();
      const result = h.emu.processor.process(h.connection, request);
      const xml = result.kind === 'response' ? result.xml : '';
      assert.match(xml, new RegExp(`statusCode="${status}"`));
      assert.equal(schemaErrors(xml), undefined);
    }
  },
);

test(
  'the schema check can fail: it rejects what the processor refuses as 0x80040400',
  { skip: schemaValidationSkip },
  () => {
    const outOfOrder = qbxmlRequest(
      '<ItemQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>5</MaxReturned></ItemQueryRq>',
    );
    assert.match(schemaErrors(outOfOrder) ?? '', /MaxReturned/);
    const h = startHarness();
    assert.equal(h.emu.processor.process(h.connection, outOfOrder).kind, 'hresult');
  },
);

test(
  'the host and company response QBWC sends on the first sendRequestXML is valid qbXML',
  { skip: schemaValidationSkip },
  async () => {
    const service = await startSoapService({ authenticate: ['t', ''], queue: [] });
    const h = startHarness();
    const connector = h.emu.connectWebConnector({ appUrl: service.url, userName: 'u', password: 'p' });
    service.state.getLastError = ['nothing to do'];
    await connector.runSession();
    await service.close();
    const hcp = service.received.find((c) => c.operation === 'sendRequestXML')?.parameters.strHCPResponse ?? '';
    assert.match(hcp, /<CompanyQueryRs /);
    assert.equal(schemaErrors(hcp), undefined);
  },
);

test(
  'every SOAP call of a session validates against the Web Connector WSDL schema',
  { skip: wsdlValidationSkip },
  async () => {
    const h = startHarness();
    h.emu.admin.seedItems([{ fullName: 'Widget', quantityOnHand: 1 }]);
    const service = await startSoapService({
      queue: [
        qbxmlRequest('<ItemQueryRq><FullName>Widget</FullName></ItemQueryRq>'),
        qbxmlRequest('<ItemQueryRq><ActiveStatus>x</ActiveStatus></ItemQueryRq>'),
      ],
      receiveResult: 50,
      getLastError: ['done'],
    });
    const connector = h.emu.connectWebConnector({ appUrl: service.url, userName: 'u', password: 'p' });
    await connector.runSession();
    h.emu.admin.setConnectorFaults({ companyFileClosed: true });
    await connector.runSession();
    await service.close();
    const operations = new Set(service.received.map((c) => c.operation));
    for (const operation of [
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'getLastError',
      'connectionError',
      'closeConnection',
    ])
      assert.ok(operations.has(operation), operation);
    for (const call of service.received) assert.equal(soapBodyErrors(call.envelope), undefined, call.operation);
    const wrongType = service.received
      .find((c) => c.operation === 'sendRequestXML')
      ?.envelope.replace('<qbXMLMajorVers>13<', '<qbXMLMajorVers>thirteen<');
    assert.match(soapBodyErrors(wrongType ?? '') ?? '', /qbXMLMajorVers/);
  },
);
