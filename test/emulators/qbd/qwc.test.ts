import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQbdEmulator, parseQwc, qwcSettings } from '../../../emulators/qbd/index.js';
import { startSoapService } from './soap-service.js';

const qwc = (
  overrides: Record<string, string> = {},
  scheduler = '<Scheduler><RunEveryNMinutes>2</RunEveryNMinutes><RunEveryNSeconds>5</RunEveryNSeconds></Scheduler>',
) => {
  const fields = {
    AppName: 'Inventory Sync',
    AppID: '',
    AppURL: 'https://sync.example.com/qbwc',
    AppDescription: 'Zuper inventory',
    AppSupport: 'https://help.example.com/support',
    UserName: 'sync',
    OwnerID: '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}',
    FileID: '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}',
    QBType: 'QBFS',
    IsReadOnly: 'false',
    ...overrides,
  };
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('');
  return `<?xml version="1.0"?><QBWCXML>${body}${scheduler}</QBWCXML>`;
};

test('a .qwc file gives the AppURL, user and schedule; the first interval element wins', () => {
  const file = parseQwc(qwc());
  assert.equal(file.appUrl, 'https://sync.example.com/qbwc');
  assert.equal(file.userName, 'sync');
  assert.equal(file.runEveryNSeconds, 120);
  assert.equal(parseQwc(qwc({}, '')).runEveryNSeconds, undefined);
  assert.deepEqual(qwcSettings(file, 'secret'), {
    appUrl: 'https://sync.example.com/qbwc',
    userName: 'sync',
    password: 'secret',
    runEveryNSeconds: 120,
  });
});

test('the Web Connector refuses a .qwc file with the QBWC error of each rule', () => {
  const refused: [Record<string, string>, RegExp][] = [
    [{ AppURL: 'http://sync.example.com/qbwc' }, /QBWC1010/],
    [{ AppURL: 'https://203.0.113.5/qbwc' }, /QBWC1001/],
    [{ AppSupport: 'https://203.0.113.5/help' }, /QBWC1002/],
    [{ AppSupport: 'https://help.other.org/' }, /QBWC1000/],
    [{ OwnerID: 'not-a-guid' }, /QBWC1039/],
    [{ QBType: 'QBOE' }, /QBWC1039/],
  ];
  for (const [overrides, error] of refused) assert.throws(() => parseQwc(qwc(overrides)), error);
  assert.throws(() => parseQwc('<QBWCXML><AppName>x'), /QBWC1039/);
});

test('a local service may use plain HTTP and drives a session from its .qwc file', async () => {
  const service = await startSoapService({ authenticate: ['t', 'none'] });
  const url = new URL(service.url);
  const file = parseQwc(
    qwc(
      { AppURL: service.url, AppSupport: `http://${url.host}/support` },
      '<Scheduler><RunEveryNSeconds>30</RunEveryNSeconds></Scheduler>',
    ),
  );
  const emu = createQbdEmulator();
  const connector = emu.connectWebConnector(qwcSettings(file, 'secret'));
  assert.equal(connector.settings.runEveryNSeconds, 30);
  const report = await connector.runSession();
  await service.close();
  assert.equal(report.outcome, 'noWork');
  assert.deepEqual(service.received.find((c) => c.operation === 'authenticate')?.parameters, {
    strUserName: 'sync',
    strPassword: 'secret',
  });
});
