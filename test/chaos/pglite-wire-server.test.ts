import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { once } from 'node:events';
import pg from 'pg';
import { splitFrames, lastReadyStatus, simpleQuery } from '../../chaos/pg-wire-frames.js';
import { startPgliteWireServer, type PgliteWireServer } from '../../chaos/pglite-wire-server.js';

describe('PostgreSQL wire framing', () => {
  it('cuts a stream into whole messages, startup first, and keeps a partial one for later', () => {
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8, 0);
    startup.writeInt32BE(196608, 4);
    const query = simpleQuery('SELECT 1');
    const split = splitFrames(Buffer.concat([startup, query, query.subarray(0, 3)]), false);
    assert.deepEqual(split.frames, [startup, query]);
    assert.deepEqual(split.rest, query.subarray(0, 3));
    assert.equal(split.startupSeen, true);
  });

  it('reads the transaction status of the last ReadyForQuery', () => {
    const ready = (status: string) => Buffer.from([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
    assert.equal(lastReadyStatus(Buffer.concat([ready('I'), ready('T')])), 'T');
    assert.equal(lastReadyStatus(Buffer.from([0x43, 0, 0, 0, 4])), null);
  });
});

/** A client that opens a transaction, inserts, and disappears without a word, as a SIGKILLed process does. */
async function vanishMidTransaction(url: string, sql: string) {
  const socket = tcpConnect(Number(new URL(url).port), '127.0.0.1');
  await once(socket, 'connect');
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196608, 4);
  params.copy(startup, 8);
  socket.write(Buffer.concat([startup, simpleQuery('BEGIN'), simpleQuery(sql)]));
  let received = '';
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    received += chunk.toString('latin1');
    if (received.includes('INSERT 0 1')) break;
  }
  socket.destroy();
}

describe('PGlite shared over the PostgreSQL protocol', () => {
  let server: PgliteWireServer;
  const connect = async () => {
    const client = new pg.Client({ connectionString: server.url });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  before(async () => {
    server = await startPgliteWireServer();
    const setup = await connect();
    await setup.query('CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)');
    await setup.end();
  });
  after(() => server.close());

  it('runs one client transaction at a time: another client waits until it commits', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1, 10)');
    const seenByB = b.query<{ v: number }>('SELECT v FROM t WHERE id = 1');
    await new Promise((r) => setTimeout(r, 100));
    await a.query('UPDATE t SET v = 11 WHERE id = 1');
    await a.query('COMMIT');
    assert.deepEqual((await seenByB).rows, [{ v: 11 }]);
    await Promise.all([a.end(), b.end()]);
  });

  it('rolls back the transaction of a client that vanished (a killed process)', async () => {
    await vanishMidTransaction(server.url, 'INSERT INTO t VALUES (2, 20)');
    const survivor = await connect();
    assert.deepEqual((await survivor.query('SELECT id FROM t ORDER BY id')).rows, [{ id: 1 }]);
    await survivor.end();
  });
});
