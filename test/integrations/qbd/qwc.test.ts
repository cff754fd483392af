import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { qwcFile, type QwcOptions } from '../../../integrations/qbd/qwc.js';
import { parseXml } from '../../../integrations/qbd/xml.js';
import { parseQwc } from '../../../emulators/qbd/index.js';

const options: QwcOptions = {
  connectionId: 'acme',
  displayName: 'Acme & Sons',
  appUrl: 'https://sync.example.com/qbwc',
  username: 'acme-qbwc',
  runEverySeconds: 900,
};

const guid = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;

describe('the .qwc file', () => {
  it('holds what the Web Connector requires, with the support URL on the AppURL host and no password', () => {
    const qwc = parseXml(qwcFile(options), 'The .qwc file').QBWCXML as Record<string, unknown>;
    assert.equal(qwc.AppName, 'qzsync acme');
    assert.equal(qwc.AppURL, 'https://sync.example.com/qbwc');
    assert.equal(qwc.AppSupport, 'https://sync.example.com/healthz');
    assert.equal(qwc.AppDescription, 'Inventory sync between QuickBooks Desktop and Zuper for Acme & Sons');
    assert.equal(qwc.UserName, 'acme-qbwc');
    assert.equal(qwc.QBType, 'QBFS');
    assert.deepEqual(qwc.Scheduler, { RunEveryNMinutes: '15' });
    assert.match(String(qwc.OwnerID), guid);
    assert.match(String(qwc.FileID), guid);
    assert.notEqual(qwc.OwnerID, qwc.FileID);
    assert.doesNotMatch(qwcFile(options), /Password/i);
  });

  it('keeps OwnerID and FileID for a connection, and gives another connection its own', () => {
    const ids = (text: string) => /<OwnerID>(.*)<\/OwnerID>[\s\S]*<FileID>(.*)<\/FileID>/.exec(text)!.slice(1);
    assert.deepEqual(ids(qwcFile({ ...options, runEverySeconds: 3600 })), ids(qwcFile(options)));
    const other = ids(qwcFile({ ...options, connectionId: 'globex' }));
    assert.notDeepEqual(other, ids(qwcFile(options)));
  });

  it('takes https, or http only for localhost, and never an IP address', () => {
    assert.match(
      qwcFile({ ...options, appUrl: 'http://localhost:3000/qbwc' }),
      /<AppURL>http:\/\/localhost:3000\/qbwc</,
    );
    for (const appUrl of [
      'http://sync.example.com/qbwc',
      'https://192.168.1.20/qbwc',
      'http://127.0.0.1:3000/qbwc',
      'https://[2001:db8::1]/qbwc',
    ]) {
      assert.throws(() => qwcFile({ ...options, appUrl }), /an https:\/\/ URL with a host name/, appUrl);
    }
  });

  it('runs every whole minutes as minutes, other intervals in seconds, as the Web Connector reads them', () => {
    const every = (runEverySeconds: number) => parseQwc(qwcFile({ ...options, runEverySeconds }));
    assert.match(
      qwcFile({ ...options, runEverySeconds: 45 }),
      /<Scheduler>\s*<RunEveryNSeconds>45<\/RunEveryNSeconds>\s*</,
    );
    assert.match(qwcFile({ ...options, runEverySeconds: 120 }), /<RunEveryNMinutes>2<\/RunEveryNMinutes>/);
    assert.deepEqual(
      [45, 90, 120, 86_400].map((s) => every(s).runEveryNSeconds),
      [45, 90, 120, 86_400],
    );
    // The file passes the Web Connector's own checks: AppSupport on the AppURL's host, https, a host name.
    assert.equal(every(45).appSupport, 'https://sync.example.com/healthz');
    for (const runEverySeconds of [0, 1.5, 86_401]) {
      assert.throws(() => qwcFile({ ...options, runEverySeconds }), /runEverySeconds/, String(runEverySeconds));
    }
  });
});
