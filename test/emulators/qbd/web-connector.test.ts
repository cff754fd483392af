import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createQbdEmulator } from '../../../emulators/qbd/index.js';
import { qbxmlRequest, statusesOf } from './fixtures.js';
import { startSoapService } from './soap-service.js';

const services: { close(): Promise<void> }[] = [];
after(() => Promise.all(services.map((s) => s.close())));

async function setup(script: Parameters<typeof startSoapService>[0] = {}) {
  const service = await startSoapService(script);
  services.push(service);
  const emu = createQbdEmulator({ timeScale: 1000 });
  emu.admin.seedItems([{ fullName: 'Widget', quantityOnHand: 10 }]);
  const connector = emu.connectWebConnector({ appUrl: service.url, userName: 'sync', password: 'secret' });
  return { service, emu, connector };
}

const adjust = (refNumber: string, difference: number) =>
  qbxmlRequest(
    `<InventoryAdjustmentAddRq requestID="${refNumber}"><InventoryAdjustmentAdd><AccountRef><FullName>Inventory Adjustments</FullName></AccountRef><RefNumber>${refNumber}</RefNumber>` +
      `<InventoryAdjustmentLineAdd><ItemRef><FullName>Widget</FullName></ItemRef><QuantityAdjustment><QuantityDifference>${difference}</QuantityDifference></QuantityAdjustment></InventoryAdjustmentLineAdd>` +
      '</InventoryAdjustmentAdd></InventoryAdjustmentAddRq>',
  );

test('a session calls the service in QBWC order, with the WSDL names, and QuickBooks applies what it sends', async () => {
  const { service, emu, connector } = await setup({ queue: [adjust('A1', -2), adjust('A2', 5)] });
  const report = await connector.runSession();
  assert.equal(report.outcome, 'completed');
  assert.deepEqual(service.operations(), [
    'serverVersion',
    'clientVersion',
    'authenticate',
    'sendRequestXML',
    'receiveResponseXML',
    'sendRequestXML',
    'receiveResponseXML',
    'closeConnection',
  ]);
  assert.equal(emu.admin.quantityOnHand('Widget'), 13);
  const first = service.received.find((c) => c.operation === 'sendRequestXML');
  assert.equal(first?.namespace, 'http://developer.intuit.com/');
  assert.equal(first?.soapAction, '"http://developer.intuit.com/sendRequestXML"');
  assert.deepEqual(Object.keys(first?.parameters ?? {}), [
    'ticket',
    'strHCPResponse',
    'strCompanyFileName',
    'qbXMLCountry',
    'qbXMLMajorVers',
    'qbXMLMinorVers',
  ]);
  assert.match(first?.parameters.strHCPResponse ?? '', /<HostQueryRs /);
  const second = service.received.filter((c) => c.operation === 'sendRequestXML')[1];
  assert.equal(second?.parameters.strHCPResponse, '');
  const responses = service.received.filter((c) => c.operation === 'receiveResponseXML');
  assert.deepEqual(
    responses.map((c) => statusesOf(c.parameters.response ?? '', 'InventoryAdjustmentAddRs')[0]?.requestID),
    ['A1', 'A2'],
  );
  assert.equal(report.message, 'OK');
});

test('authenticate answering none, nvu or busy ends the session with closeConnection and applies nothing', async () => {
  for (const [answer, outcome] of [
    ['none', 'noWork'],
    ['NVU', 'invalidUser'],
    ['busy', 'busy'],
  ] as const) {
    const { service, emu, connector } = await setup({ authenticate: ['t', answer], queue: [adjust('X', 1)] });
    const report = await connector.runSession();
    assert.equal(report.outcome, outcome);
    assert.deepEqual(service.operations().slice(-2), ['authenticate', 'closeConnection']);
    assert.equal(emu.admin.quantityOnHand('Widget'), 10);
  }
});

test('a closed company file or busy QuickBooks reports its HRESULT to connectionError', async () => {
  const { service, emu, connector } = await setup({ queue: [adjust('X', 1)] });
  emu.admin.setConnectorFaults({ companyFileClosed: true });
  const closed = await connector.runSession();
  assert.equal(closed.outcome, 'connectionFailed');
  const call = service.received.find((c) => c.operation === 'connectionError');
  assert.equal(call?.parameters.hresult, '0x80040408');
  emu.admin.setConnectorFaults({ companyFileClosed: false, quickBooksBusy: true });
  await connector.runSession();
  assert.equal(service.received.filter((c) => c.operation === 'connectionError')[1]?.parameters.hresult, '0x80040401');
  assert.equal(emu.admin.quantityOnHand('Widget'), 10);
  assert.ok(!service.operations().includes('sendRequestXML'));
});

test('a lost response leaves the write applied but unreported; a dropped session applies nothing', async () => {
  const lost = await setup({ queue: [adjust('L1', -1), adjust('L2', -1)] });
  lost.emu.admin.setConnectorFaults({ loseResponseAfterRequests: 1 });
  const report = await lost.connector.runSession();
  assert.equal(report.outcome, 'responseLost');
  assert.equal(lost.emu.admin.quantityOnHand('Widget'), 9);
  assert.ok(!lost.service.operations().includes('receiveResponseXML'));
  const dropped = await setup({ queue: [adjust('D1', -1)] });
  dropped.emu.admin.setConnectorFaults({ dropSessionAfterRequests: 0 });
  assert.equal((await dropped.connector.runSession()).outcome, 'sessionDropped');
  assert.equal(dropped.emu.admin.quantityOnHand('Widget'), 10);
});

test('a parse error reaches receiveResponseXML as an HRESULT; a negative answer leads to getLastError', async () => {
  const bad = qbxmlRequest('<ItemQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>1</MaxReturned></ItemQueryRq>');
  const { service, connector } = await setup({ queue: [bad], receiveResult: -1, getLastError: ['request rejected'] });
  const report = await connector.runSession();
  const receive = service.received.find((c) => c.operation === 'receiveResponseXML');
  assert.equal(receive?.parameters.hresult, '0x80040400');
  assert.equal(receive?.parameters.response ?? '', '');
  assert.equal(report.outcome, 'serviceError');
  assert.equal(report.message, 'request rejected');
  assert.deepEqual(service.operations().slice(-2), ['getLastError', 'closeConnection']);
});

test('an empty request with NoOp pauses then asks again; interactive mode runs the interactive calls', async () => {
  const { service, connector } = await setup({ queue: [], getLastError: ['NoOp', 'Interactive mode'] });
  const report = await connector.runSession();
  assert.equal(report.outcome, 'interactiveDone');
  const operations = service.operations();
  assert.equal(operations.filter((o) => o === 'sendRequestXML').length, 2);
  assert.deepEqual(operations.slice(-3), ['getInteractiveURL', 'interactiveDone', 'closeConnection']);
});

test('a SOAP fault on sendRequestXML ends the session with QBWC1041', async () => {
  const { connector } = await setup({ queue: [adjust('F', 1)], faultOn: ['sendRequestXML'] });
  const report = await connector.runSession();
  assert.equal(report.outcome, 'soapFailure');
  assert.equal(report.qbwcError, 'QBWC1041');
});

/** Waits until `condition` holds, looking every 10 ms; fails after 30 s. */
async function until(condition: () => boolean, what: string) {
  for (const giveUpAt = Date.now() + 30_000; !condition();) {
    if (Date.now() > giveUpAt) assert.fail(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('the schedule runs sessions every RunEveryNSeconds at the time scale and honours authenticate postpone', async () => {
  const regular = await setup({ authenticate: ['t', 'none'] });
  const postponed = await setup({ authenticate: ['t', 'none', '3600'] });
  for (const { connector } of [regular, postponed])
    connector.settings = { ...connector.settings, runEveryNSeconds: 10 };
  const sessions = ({ service }: typeof regular) => service.operations().filter((o) => o === 'authenticate').length;
  postponed.connector.start();
  await until(() => sessions(postponed) === 1, 'the first session');
  // Every 10 nominal seconds is 10 ms at this time scale; the postponed connector waits 3,600 (3.6 s) meanwhile.
  regular.connector.start();
  await until(() => sessions(regular) >= 4, 'four sessions on the regular schedule');
  await Promise.all([regular.connector.stop(), postponed.connector.stop()]);
  assert.equal(sessions(postponed), 1);
});

test('a remote AppURL over plain HTTP is refused as QBWC1010', () => {
  const emu = createQbdEmulator();
  assert.throws(
    () => emu.connectWebConnector({ appUrl: 'http://sync.example.com/qbwc', userName: 'u', password: 'p' }),
    /QBWC1010/,
  );
});

test('clientVersion E: and O: stop before authenticate; W: goes on', async () => {
  for (const [answer, outcome, error] of [
    ['E:Upgrade the Web Connector', 'clientVersionRejected', 'QBWC1036'],
    ['O:2.3.0.300', 'clientVersionRejected', 'QBWC1037'],
    ['W:An update is available', 'noWork', undefined],
  ] as const) {
    const { service, connector } = await setup({ clientVersion: answer, authenticate: ['t', 'none'] });
    const report = await connector.runSession();
    assert.equal(report.outcome, outcome);
    assert.equal(report.qbwcError, error);
    assert.equal(service.operations().includes('authenticate'), outcome === 'noWork');
  }
});

test("a service that does not answer within callTimeoutMs ends the session with that call's error", async () => {
  // Far apart, so that the calls before it stay within the timeout however busy the machine is.
  const { connector } = await setup({ queue: [adjust('T', 1)], slowOn: { sendRequestXML: 5_000 } });
  connector.settings = { ...connector.settings, callTimeoutMs: 1_000 };
  const report = await connector.runSession();
  assert.equal(report.outcome, 'soapFailure');
  assert.equal(report.qbwcError, 'QBWC1041');
});

test('iterators do not outlive the session that opened them', async () => {
  const { service, emu, connector } = await setup();
  emu.admin.seedItems([{ fullName: 'Bolt', quantityOnHand: 1 }]);
  service.state.queue = [qbxmlRequest('<ItemQueryRq iterator="Start"><MaxReturned>1</MaxReturned></ItemQueryRq>')];
  await connector.runSession();
  const first = service.received.find((c) => c.operation === 'receiveResponseXML')?.parameters.response ?? '';
  const iteratorID = statusesOf(first, 'ItemQueryRs')[0]?.iteratorID;
  assert.equal(statusesOf(first, 'ItemQueryRs')[0]?.iteratorRemainingCount, '1');
  service.state.queue = [
    qbxmlRequest(
      `<ItemQueryRq iterator="Continue" iteratorID="${iteratorID}"><MaxReturned>1</MaxReturned></ItemQueryRq>`,
    ),
  ];
  await connector.runSession();
  const second = service.received.filter((c) => c.operation === 'receiveResponseXML')[1]?.parameters.response ?? '';
  assert.equal(statusesOf(second, 'ItemQueryRs')[0]?.statusCode, '3391');
});
