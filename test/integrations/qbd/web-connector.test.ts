/**
 * The QuickBooks Web Connector endpoint driven over HTTP with the SOAP envelopes the Web Connector sends, on every
 * test database, including a restart of the service (and its database) in the middle of a session.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { openDb, type Db } from '../../../storage/db.js';
import { migrate, createStore, type Store } from '../../../integrations/store.js';
import { enforceRouteAccess } from '../../../security/route-access.js';
import { accessGuards } from '../../../server/http/access-guards.js';
import { loadEnv } from '../../../config/env.js';
import { qbwcRoutes } from '../../../integrations/qbd/web-connector-routes.js';
import { queueQbdRequest } from '../../../integrations/qbd/queue-request.js';
import { unknownTicketMessage } from '../../../integrations/qbd/web-connector.js';
import { QBD_WORK_RETENTION_DAYS } from '../../../integrations/qbd/storage/queue.js';
import { createPostgresDatabase } from '../../support/databases.js';
import {
  authenticate as authenticateAs,
  call,
  envelope,
  escape,
  post,
  receive,
  requestIdOf,
  requestIdsOf,
  send,
} from './soap-calls.js';
import { testSecretBox } from '../../support/secrets.js';
import { storedCredentials } from '../../support/stored-credentials.js';

const connectionId = 'acme';
const username = 'acme-qbwc';
const password = 'correct horse battery staple';

/** A database that can be closed and opened again, as a restarted service would. */
interface ReopenableDatabase {
  name: string;
  open(): Promise<Db>;
  drop(): Promise<void>;
}

function reopenableDatabases(): ReopenableDatabase[] {
  const dir = mkdtempSync(join(tmpdir(), 'qbwc-'));
  const list: ReopenableDatabase[] = [
    {
      name: 'pglite',
      open: () => openDb({ dataDir: dir }),
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    let created: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;
    list.push({
      name: 'postgres',
      async open() {
        created ??= await createPostgresDatabase(url);
        return openDb({ databaseUrl: created.url, dataDir: 'memory' });
      },
      drop: async () => created?.drop(),
    });
  }
  return list;
}

const env = loadEnv({
  NODE_ENV: 'test',
  DATA_DIR: 'memory',
  SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
  OPERATOR_TOKEN: 'operator-token-for-the-qbwc-tests',
});

/** The service as far as the endpoint needs it: its store over `db` and the server with the endpoint mounted. */
async function startService(db: Db, secrets: ReturnType<typeof testSecretBox>, logs: string[]) {
  await migrate(db);
  const store = createStore(db, secrets);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  enforceRouteAccess(app, accessGuards(env, store.operatorTokens));
  void app.register(qbwcRoutes({ store, queue: store.qbdQueue, endpointUrl: 'https://sync.example/qbwc' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { store, app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/qbwc` };
}

/** QuickBooks' answer to one request, as the qbXML the Web Connector relays. */
const answer = (
  requestId: string,
  status: { code?: number; severity?: string; message?: string; iteratorId?: string; remaining?: number } = {},
) => {
  const iterator =
    status.iteratorId === undefined
      ? ''
      : ` iteratorID="${status.iteratorId}" iteratorRemainingCount="${status.remaining ?? 0}"`;
  return `<?xml version="1.0" ?>
<QBXML><QBXMLMsgsRs><ItemInventoryQueryRs requestID="${requestId}" statusCode="${status.code ?? 0}" statusSeverity="${status.severity ?? 'Info'}" statusMessage="${escape(status.message ?? 'Status OK').replace(/"/g, '&quot;')}"${iterator}><ItemInventoryRet><ListID>80000001-1</ListID><Name>Widget</Name></ItemInventoryRet></ItemInventoryQueryRs></QBXMLMsgsRs></QBXML>`;
};

/** QuickBooks' answers to several requests of one message, in one response, each Rs with its own status and item. */
const answers = (requests: readonly { id: string; code?: number; severity?: string; listId?: string }[]) =>
  `<?xml version="1.0" ?>
<QBXML><QBXMLMsgsRs>${requests
    .map(
      (r) =>
        `<ItemInventoryQueryRs requestID="${r.id}" statusCode="${r.code ?? 0}" statusSeverity="${r.severity ?? 'Info'}" statusMessage="${r.code ? 'Object &quot;x&quot; not found' : 'Status OK'}">${r.code ? '' : `<ItemInventoryRet><ListID>${r.listId ?? '80000001-1'}</ListID><Name>Widget &amp; Co</Name></ItemInventoryRet>`}</ItemInventoryQueryRs>`,
    )
    .join('\n')}</QBXMLMsgsRs></QBXML>`;

const authenticate = (url: string, user = username, pass = password) => authenticateAs(url, user, pass);

const itemQuery = { requestType: 'ItemInventoryQueryRq', body: '<MaxReturned>1</MaxReturned>' };

for (const database of reopenableDatabases()) {
  describe(`the Web Connector endpoint on ${database.name}`, () => {
    const secrets = testSecretBox();
    const logs: string[] = [];
    let service: Awaited<ReturnType<typeof startService>>;
    let db: Db;
    let store: Store;
    let url: string;

    const restart = async () => {
      await service.app.close();
      await db.close();
      db = await database.open();
      service = await startService(db, secrets, logs);
      ({ store, url } = service);
    };

    before(async () => {
      db = await database.open();
      service = await startService(db, secrets, logs);
      ({ store, url } = service);
      await store.connections.create(connectionId, 'Acme');
      await storedCredentials(store).saveQbd(connectionId, username, password);
    });
    after(async () => {
      await service.app.close();
      await db.close();
      await database.drop();
    });

    it('keeps the password sealed at rest', async () => {
      const rows = await db.query<{ password: string }>(
        `SELECT secrets_sealed ->> 'password' AS password FROM connection_credentials
          WHERE connection_id = $1 AND system = 'qbd'`,
        [connectionId],
      );
      assert.match(rows[0]!.password, /^v1\.test\./);
      assert.doesNotMatch(rows[0]!.password, /horse/);
    });

    it('answers the version calls and serves its WSDL', async () => {
      assert.match((await call(url, 'serverVersion')).text, /qzsync/);
      assert.equal((await call(url, 'clientVersion', { strVersion: '2.3.0.215' })).text, '');
      const wsdl = await fetch(`${url}?wsdl`);
      assert.equal(wsdl.status, 200);
      const text = await wsdl.text();
      for (const operation of [
        'serverVersion',
        'clientVersion',
        'authenticate',
        'sendRequestXML',
        'receiveResponseXML',
        'connectionError',
        'getLastError',
        'closeConnection',
      ]) {
        assert.match(text, new RegExp(`soapAction="http://developer.intuit.com/${operation}"`));
      }
      assert.match(text, /name="strCompanyFileName"/);
      assert.match(text, /name="qbXMLMajorVers" type="s:int"/);
      assert.match(text, /name="receiveResponseXMLResult" type="s:int"/);
      assert.equal((await fetch(url)).status, 200, 'the Web Connector may probe the AppURL with a GET');
    });

    it('answers nvu for an unknown username or a wrong password', async () => {
      assert.deepEqual(await authenticate(url, username, 'wrong'), ['', 'nvu']);
      assert.deepEqual(await authenticate(url, 'nobody', password), ['', 'nvu']);
      assert.deepEqual(await authenticate(url, '', ''), ['', 'nvu']);
    });

    it('answers none when nothing is queued, and closes that session', async () => {
      const [ticket, status] = await authenticate(url);
      assert.equal(status, 'none');
      assert.ok(ticket);
      assert.equal((await call(url, 'closeConnection', { ticket })).text, 'OK');
    });

    it('runs a full session, an iterator page after page, each page under a fresh requestID', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, { ...itemQuery, iterate: true });
      const [ticket, company] = await authenticate(url);
      assert.equal(company, '', 'use the company file open in QuickBooks');
      const first = await send(url, ticket!);
      assert.match(first, /^<\?xml version="1.0" encoding="utf-8"\?>\n<\?qbxml version="13.0"\?>/);
      assert.match(first, /<ItemInventoryQueryRq requestID="[^"]+" iterator="Start"><MaxReturned>1<\/MaxReturned>/);
      const firstId = requestIdOf(first);
      assert.equal(await receive(url, ticket!, answer(firstId, { iteratorId: '{it-1}', remaining: 1 })), 50);
      const second = await send(url, ticket!);
      assert.match(second, /iterator="Continue" iteratorID="\{it-1\}"/);
      const secondId = requestIdOf(second);
      assert.notEqual(secondId, firstId);
      assert.equal(await receive(url, ticket!, answer(secondId, { iteratorId: '{it-1}', remaining: 0 })), 100);
      assert.equal((await call(url, 'closeConnection', { ticket: ticket! })).text, 'OK');
      const requests = await store.qbdQueue.list(connectionId);
      assert.deepEqual(
        requests.map((r) => [r.requestId, r.iterator, r.status, r.statusCode]),
        [
          [firstId, 'Start', 'answered', 0],
          [secondId, 'Continue', 'answered', 0],
        ],
      );
      assert.match(requests[0]!.response!, /<Name>Widget<\/Name>/);
      assert.equal((await call(url, 'getLastError', { ticket: ticket! })).text, unknownTicketMessage);
    });

    it('records a qbXML error status and goes on', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, itemQuery);
      const [ticket] = await authenticate(url);
      const requestId = requestIdOf(await send(url, ticket!));
      const stale = { code: 3200, severity: 'Error', message: 'The provided edit sequence "1" is out-of-date.' };
      assert.equal(await receive(url, ticket!, answer(requestId, stale)), 100);
      const failed = (await store.qbdQueue.list(connectionId)).find((r) => r.requestId === requestId)!;
      assert.deepEqual(
        [failed.status, failed.statusCode, failed.statusSeverity, failed.statusMessage],
        ['failed', 3200, 'Error', stale.message],
      );
      await call(url, 'closeConnection', { ticket: ticket! });
    });

    it('carries the queued requests together, a wide one alone, and records each answer alone', async () => {
      const queued = [];
      for (const request of [itemQuery, itemQuery, { ...itemQuery, iterate: true }, itemQuery]) {
        queued.push(await queueQbdRequest(store.qbdQueue, connectionId, request));
      }
      const [first, second, page, last] = queued.map((r) => r.requestId) as [string, string, string, string];
      const [ticket] = await authenticate(url);
      const message = await send(url, ticket!);
      assert.match(message, /<QBXMLMsgsRq onError="continueOnError"><ItemInventoryQueryRq requestID=/);
      assert.deepEqual(requestIdsOf(message), [first, second], 'up to the iterator page, which goes alone');
      const notFound = { id: second, code: 3120, severity: 'Error' };
      assert.equal(await receive(url, ticket!, answers([{ id: first, listId: '80000002-1' }, notFound])), 50);
      assert.deepEqual(requestIdsOf(await send(url, ticket!)), [page]);
      assert.equal(await receive(url, ticket!, answer(page, { iteratorId: '{it-9}', remaining: 0 })), 75);
      assert.deepEqual(requestIdsOf(await send(url, ticket!)), [last]);
      assert.equal(await receive(url, ticket!, answer(last)), 100);
      await call(url, 'closeConnection', { ticket: ticket! });
      const byId = new Map((await store.qbdQueue.list(connectionId)).map((r) => [r.requestId, r]));
      const answered = byId.get(first)!;
      const failed = byId.get(second)!;
      assert.deepEqual(
        [answered.status, answered.statusCode, failed.status, failed.statusCode],
        ['answered', 0, 'failed', 3120],
      );
      assert.deepEqual(requestIdsOf(answered.response!), [first], "its own answer, the other's left out");
      assert.match(answered.response!, /<ListID>80000002-1<\/ListID><Name>Widget &amp; Co<\/Name>/);
      assert.deepEqual(requestIdsOf(failed.response!), [second]);
      assert.equal(byId.get(page)!.status, 'answered');
      assert.equal(byId.get(last)!.status, 'answered');
    });

    it("sends a step's request queued after the session answered 100 first in the next session", async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, itemQuery);
      const [closing] = await authenticate(url);
      const watchRead = requestIdOf(await send(url, closing!));
      assert.equal(await receive(url, closing!, answer(watchRead)), 100, 'nothing else queued: the session is done');
      // Queued between that 100 and the Web Connector's closeConnection: the protocol lets the closing session carry
      // nothing more (its next call is closeConnection), so the next session is this request's next poll.
      const late = await store.qbdQueue.enqueueKeyed(connectionId, 'settle:late-item/0/0', {
        requestType: 'ItemQueryRq',
        body: '<ListID>80000001-1</ListID>',
        iterator: null,
        iteratorId: null,
      });
      assert.equal((await call(url, 'closeConnection', { ticket: closing! })).text, 'OK');
      assert.equal((await store.qbdQueue.findKeyed(connectionId, 'settle:late-item/0/0'))?.status, 'queued');
      const [next, company] = await authenticate(url);
      assert.equal(company, '', 'the next session has work: not none');
      const first = await send(url, next!);
      assert.equal(requestIdOf(first), late!.requestId);
      assert.match(first, /<ItemQueryRq requestID="[^"]+"><ListID>80000001-1<\/ListID><\/ItemQueryRq>/);
      await call(url, 'closeConnection', { ticket: next! });
    });

    it('fails the request QuickBooks could not process (an HRESULT) and says why in getLastError', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, itemQuery);
      const [ticket] = await authenticate(url);
      const requestId = requestIdOf(await send(url, ticket!));
      const parseError = 'QuickBooks found an error when parsing the provided XML text stream.';
      assert.equal(await receive(url, ticket!, '', '0x80040400', parseError), -1);
      assert.match((await call(url, 'getLastError', { ticket: ticket! })).text, /0x80040400.*parsing/);
      const failed = (await store.qbdQueue.list(connectionId)).find((r) => r.requestId === requestId)!;
      assert.equal(failed.status, 'failed');
      await call(url, 'closeConnection', { ticket: ticket! });
    });

    it('sends each request of a message QuickBooks could not parse alone, in the same session, so only the bad one fails', async () => {
      const queued = [];
      for (const request of [itemQuery, itemQuery, itemQuery]) {
        queued.push(await queueQbdRequest(store.qbdQueue, connectionId, request));
      }
      const [first, bad, last] = queued.map((r) => r.requestId) as [string, string, string];
      const [ticket] = await authenticate(url);
      assert.deepEqual(requestIdsOf(await send(url, ticket!)), [first, bad, last]);
      const parseError = 'QuickBooks found an error when parsing the provided XML text stream.';
      const goesOn = await receive(url, ticket!, '', '0x80040400', parseError);
      assert.ok(goesOn >= 0 && goesOn < 100, `the session goes on (answered ${goesOn})`);
      const waiting = new Map((await store.qbdQueue.list(connectionId)).map((r) => [r.requestId, r]));
      assert.deepEqual(
        [first, bad, last].map((id) => [waiting.get(id)?.status, waiting.get(id)?.sendAlone]),
        [
          ['queued', true],
          ['queued', true],
          ['queued', true],
        ],
      );
      assert.deepEqual(requestIdsOf(await send(url, ticket!)), [first], 'one a message now');
      assert.ok((await receive(url, ticket!, answer(first))) < 100);
      assert.deepEqual(requestIdsOf(await send(url, ticket!)), [bad]);
      assert.equal(await receive(url, ticket!, '', '0x80040400', parseError), -1, 'alone, it fails by itself');
      assert.match((await call(url, 'getLastError', { ticket: ticket! })).text, /0x80040400.*parsing/);
      await call(url, 'closeConnection', { ticket: ticket! });
      const [next] = await authenticate(url);
      assert.deepEqual(requestIdsOf(await send(url, next!)), [last], 'still alone in the next session');
      assert.equal(await receive(url, next!, answer(last)), 100);
      await call(url, 'closeConnection', { ticket: next! });
      const byId = new Map((await store.qbdQueue.list(connectionId)).map((r) => [r.requestId, r]));
      assert.deepEqual(
        [first, bad, last].map((id) => [byId.get(id)?.status, byId.get(id)?.sendAlone]),
        [
          ['answered', false],
          ['failed', false],
          ['answered', false],
        ],
      );
      assert.match(byId.get(bad)?.statusMessage ?? '', /0x80040400/);
    });

    it('fails a message QuickBooks could not reach without sending its requests apart, so they go together again', async () => {
      const queued = [];
      for (const request of [itemQuery, itemQuery]) {
        queued.push(await queueQbdRequest(store.qbdQueue, connectionId, request));
      }
      const ids = queued.map((r) => r.requestId);
      const [ticket] = await authenticate(url);
      assert.deepEqual(requestIdsOf(await send(url, ticket!)), ids);
      assert.equal(await receive(url, ticket!, '', '0x80040401', 'Could not access QuickBooks.'), -1);
      assert.match((await call(url, 'getLastError', { ticket: ticket! })).text, /0x80040401/);
      await call(url, 'closeConnection', { ticket: ticket! });
      const byId = new Map((await store.qbdQueue.list(connectionId)).map((r) => [r.requestId, r]));
      assert.deepEqual(
        ids.map((id) => [byId.get(id)?.status, byId.get(id)?.sendAlone]),
        [
          ['failed', false],
          ['failed', false],
        ],
      );
    });

    it('refuses an answer to a request never sent, records nothing, then takes the right one once', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, { ...itemQuery, iterate: true });
      const [ticket] = await authenticate(url);
      const requestId = requestIdOf(await send(url, ticket!));
      const before = await store.qbdQueue.list(connectionId);
      assert.equal(await receive(url, ticket!, answer('never-sent-id')), -1);
      assert.match(
        (await call(url, 'getLastError', { ticket: ticket! })).text,
        /requestID "never-sent-id", not sent in this session; the response was refused and nothing recorded/,
      );
      assert.ok(
        logs.some((line) => line.includes('never-sent-id') && line.includes('session stopped')),
        'a log line names the refused requestID',
      );
      assert.deepEqual(await store.qbdQueue.list(connectionId), before, 'nothing recorded');
      // A request QuickBooks never answered is sent again under its requestID, not lost.
      assert.equal(requestIdOf(await send(url, ticket!)), requestId);
      const page = answer(requestId, { iteratorId: '{it-2}', remaining: 0 });
      assert.equal(await receive(url, ticket!, page), 100);
      const recorded = await store.qbdQueue.list(connectionId);
      assert.equal(await receive(url, ticket!, page), -1, 'the same answer twice is refused');
      assert.match((await call(url, 'getLastError', { ticket: ticket! })).text, /already answered/);
      assert.deepEqual(await store.qbdQueue.list(connectionId), recorded, 'nothing applied twice');
      await call(url, 'closeConnection', { ticket: ticket! });
    });

    it('answers an unknown ticket as the protocol expects', async () => {
      const ticket = 'not-a-ticket';
      assert.equal(await send(url, ticket), '');
      assert.equal((await call(url, 'getLastError', { ticket })).text, unknownTicketMessage);
      assert.equal(await receive(url, ticket, answer('x')), -1);
      assert.equal((await call(url, 'connectionError', { ticket, hresult: '0x80040408', message: 'x' })).text, 'done');
      assert.equal((await call(url, 'closeConnection', { ticket })).text, unknownTicketMessage);
    });

    it('keeps the queue and the session across a restart', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, itemQuery);
      await queueQbdRequest(store.qbdQueue, connectionId, itemQuery);
      const [ticket] = await authenticate(url);
      const firstId = requestIdOf(await send(url, ticket!));
      await restart();
      assert.equal(await receive(url, ticket!, answer(firstId)), 50);
      const secondId = requestIdOf(await send(url, ticket!));
      assert.notEqual(secondId, firstId);
      await restart();
      assert.equal(await receive(url, ticket!, answer(secondId)), 100);
      const statuses = (await store.qbdQueue.list(connectionId)).filter((r) =>
        [firstId, secondId].includes(r.requestId),
      );
      assert.deepEqual(
        statuses.map((r) => r.status),
        ['answered', 'answered'],
      );
    });

    it('queues again what an abandoned session sent but never had answered', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, itemQuery);
      const [abandoned] = await authenticate(url);
      const requestId = requestIdOf(await send(url, abandoned!));
      const [ticket, company] = await authenticate(url);
      assert.equal(company, '', 'the unanswered request is queued again');
      assert.equal((await call(url, 'getLastError', { ticket: abandoned! })).text, unknownTicketMessage);
      assert.equal(requestIdOf(await send(url, ticket!)), requestId);
      assert.equal(await receive(url, ticket!, answer(requestId)), 100);
      await call(url, 'closeConnection', { ticket: ticket! });
    });

    it('starts an iterator again from its first page in the next session, since QuickBooks dropped it', async () => {
      await queueQbdRequest(store.qbdQueue, connectionId, { ...itemQuery, iterate: true });
      const [ticket] = await authenticate(url);
      const firstId = requestIdOf(await send(url, ticket!));
      assert.equal(await receive(url, ticket!, answer(firstId, { iteratorId: '{it-3}', remaining: 5 })), 50);
      assert.equal((await call(url, 'closeConnection', { ticket: ticket! })).text, 'OK');
      const [next] = await authenticate(url);
      const restarted = await send(url, next!);
      assert.match(restarted, /iterator="Start">/);
      assert.doesNotMatch(restarted, /iteratorID/);
      assert.equal(await receive(url, next!, answer(requestIdOf(restarted))), 100);
      await call(url, 'closeConnection', { ticket: next! });
    });

    it('forgets answered requests and closed sessions older than the retention when a session starts', async () => {
      // The session carries the first two in one message; the third is queued after it answered them.
      const old = await queueQbdRequest(store.qbdQueue, connectionId, {
        ...itemQuery,
        body: '<MaxReturned>2</MaxReturned>',
      });
      const recent = await queueQbdRequest(store.qbdQueue, connectionId, {
        ...itemQuery,
        body: '<MaxReturned>3</MaxReturned>',
      });
      const [ticket] = await authenticate(url);
      const sent = requestIdsOf(await send(url, ticket!));
      assert.deepEqual(sent, [old.requestId, recent.requestId]);
      assert.equal(await receive(url, ticket!, answers(sent.map((id) => ({ id })))), 100);
      const waiting = await queueQbdRequest(store.qbdQueue, connectionId, {
        ...itemQuery,
        body: '<MaxReturned>4</MaxReturned>',
      });
      await call(url, 'closeConnection', { ticket: ticket! });
      const statusOf = async () =>
        new Map((await store.qbdQueue.list(connectionId)).map((r) => [r.requestId, r.status]));
      assert.equal((await statusOf()).get(waiting.requestId), 'queued', 'the session answered two of the three');
      const beyondRetention = `now() - make_interval(days => ${QBD_WORK_RETENTION_DAYS + 1})`;
      await db.query(`UPDATE qbd_requests SET answered_at = ${beyondRetention} WHERE request_id = $1`, [old.requestId]);
      await db.query(`UPDATE qbd_requests SET queued_at = ${beyondRetention} WHERE request_id = $1`, [
        waiting.requestId,
      ]);
      await db.query(`UPDATE qbd_sessions SET started_at = ${beyondRetention}, closed_at = ${beyondRetention}`);
      const [next] = await authenticate(url);
      const kept = await statusOf();
      assert.equal(kept.has(old.requestId), false, 'answered beyond the retention: forgotten');
      assert.equal(kept.get(recent.requestId), 'answered', 'answered within the retention: kept');
      assert.equal(kept.get(waiting.requestId), 'queued', 'still to be sent, however old: kept');
      const sessions = await db.query<{ open: boolean }>(
        'SELECT closed_at IS NULL AS open FROM qbd_sessions WHERE connection_id = $1',
        [connectionId],
      );
      assert.deepEqual(
        sessions.map((s) => s.open),
        [true],
        'only the session just started is left',
      );
      assert.equal(requestIdOf(await send(url, next!)), waiting.requestId);
      assert.equal(await receive(url, next!, answer(waiting.requestId)), 100);
      await call(url, 'closeConnection', { ticket: next! });
    });

    it('answers a malformed or foreign envelope with a SOAP Fault saying what is wrong', async () => {
      const fault = async (body: string, expected: RegExp, code = 'soap:Client') => {
        const answered = await post(url, body);
        assert.equal(answered.status, 400, answered.body);
        assert.match(answered.body, new RegExp(`<faultcode>${code}</faultcode>`));
        assert.match(answered.body, expected);
      };
      await fault('{"eventNotifications":[]}', /not well-formed XML/);
      await fault(envelope('authenticate', { strUserName: 'a' }).slice(0, -20), /not well-formed XML \(line \d+/);
      await fault(
        '<!DOCTYPE x [<!ENTITY a "aaaa">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>',
        /document type declaration/,
      );
      await fault(
        envelope('serverVersion', {}).replace(
          'http://schemas.xmlsoap.org/soap/envelope/',
          'http://www.w3.org/2003/05/soap-envelope',
        ),
        /SOAP 1.2 is not supported/,
        'soap:VersionMismatch',
      );
      await fault(envelope('dropDatabase', {}), /unknown operation dropDatabase/);
      await fault(
        envelope('serverVersion', {}).replace('http://developer.intuit.com/', 'http://localhost:8000//'),
        /serverVersion must be in the namespace http:\/\/developer.intuit.com\//,
      );
      await fault(
        envelope('sendRequestXML', { ticket: 't', qbXMLMajorVers: 'thirteen', qbXMLMinorVers: 0 }),
        /sendRequestXML has invalid parameters: qbXMLMajorVers: an integer \(xs:int\)/,
      );
      const unreadable = await fetch(url, { method: 'POST', headers: { 'content-type': 'json' }, body: '<x/>' });
      assert.equal(unreadable.status, 415, "a content type Fastify cannot read is the client's fault");
      assert.match(await unreadable.text(), /<faultcode>soap:Client<\/faultcode>/);
      const oversize = await post(url, envelope('authenticate', { strUserName: 'x'.repeat(5 * 1024 * 1024) }));
      assert.equal(oversize.status, 413);
      assert.match(oversize.body, /<faultstring>the request is larger than \d+ bytes<\/faultstring>/);
    });
  });
}
