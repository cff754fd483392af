/**
 * The QuickBooks Desktop work queue wakes its waiters from the database's notifications: a step waiting for its
 * answer in the worker hears the answer the endpoint recorded (in another process on PostgreSQL, modelled by a second
 * connection pool), and the endpoint waiting for a step's next request hears it queued. Every wait here has a clock
 * fallback far beyond the test's timeout, so only a notification can end it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDb, type Db } from '../../storage/db.js';
import { migrate, createStore } from '../../integrations/store.js';
import type { QbdQueueRepository } from '../../integrations/qbd/storage/queue.js';
import { createPostgresDatabase, testDatabases } from '../support/databases.js';
import { testSecretBox } from '../support/secrets.js';
import { eventually } from '../support/eventually.js';
import { storedCredentials } from '../support/stored-credentials.js';

const neverMs = 600_000;
/** One request a message, as the endpoint sent them before it batched. */
const oneAtATime = { maxRequests: 1, goesAlone: () => false };

const request = { requestType: 'ItemQueryRq', body: '<ListID>80000001-1</ListID>', iterator: null, iteratorId: null };
const answered = (requestId: string) => ({
  requestId,
  statusCode: 0,
  statusSeverity: 'Info',
  statusMessage: 'Status OK',
  iteratorId: null,
  iteratorRemainingCount: null,
});

/** Until the queue's changes are heard in this process (its first mark opens the listener). */
async function listening(queue: QbdQueueRepository): Promise<void> {
  queue.changes.mark();
  await eventually(
    () => queue.changes.listening,
    (heard) => heard,
    20_000,
    'listening for the queue',
  );
}

/** Reads until `read` finds something, waiting between reads for the queue's next change (never for the clock). */
async function untilFound<T>(
  changes: QbdQueueRepository['changes'],
  cancellation: AbortSignal,
  read: () => Promise<T | null>,
): Promise<T> {
  for (;;) {
    const mark = changes.mark();
    const found = await read();
    if (found !== null) return found;
    await changes.after(mark, neverMs, cancellation);
    cancellation.throwIfAborted();
  }
}

/** Two handles on one fresh database: two pools on PostgreSQL (as two processes), the same one on PGlite. */
async function twoProcesses(name: 'pglite' | 'postgres'): Promise<{ worker: Db; server: Db; drop(): Promise<void> }> {
  if (name === 'pglite') {
    const opened = await testDatabases()[0]!.open();
    return { worker: opened.db, server: opened.db, drop: opened.drop };
  }
  const database = await createPostgresDatabase(process.env.DATABASE_URL!);
  const worker = await openDb({ databaseUrl: database.url, dataDir: 'memory' });
  await migrate(worker);
  const server = await openDb({ databaseUrl: database.url, dataDir: 'memory' });
  return {
    worker,
    server,
    async drop() {
      await worker.close();
      await server.close();
      await database.drop();
    },
  };
}

interface Processes {
  /** The queue as the worker's steps reach it. */
  steps: QbdQueueRepository;
  /** The queue as the Web Connector's endpoint reaches it. */
  endpoint: QbdQueueRepository;
  /** Aborted once the test ends, so a wait it left open ends too. */
  cancellation: AbortSignal;
}

/** Runs `body` over a worker and a server sharing a connection's queue, once `listener`'s queue listens. */
async function withProcesses(
  name: 'pglite' | 'postgres',
  listener: 'steps' | 'endpoint',
  body: (processes: Processes) => Promise<void>,
): Promise<void> {
  const { worker, server, drop } = await twoProcesses(name);
  const cancelled = new AbortController();
  try {
    const endpointStore = createStore(server, testSecretBox());
    await endpointStore.connections.create('acme', 'Acme');
    // Steps queue requests only for a connection with a Web Connector login.
    await storedCredentials(endpointStore).saveQbd('acme', 'acme-qbwc', 'secret');
    const processes = {
      steps: createStore(worker, testSecretBox()).qbdQueue,
      endpoint: endpointStore.qbdQueue,
      cancellation: cancelled.signal,
    };
    await listening(processes[listener]);
    await body(processes);
  } finally {
    cancelled.abort();
    await drop();
  }
}

for (const database of testDatabases()) {
  void describe(`QuickBooks Desktop queue wake-ups on ${database.name}`, () => {
    void it('wakes a step waiting for its answer when the endpoint records it', { timeout: 60_000 }, () =>
      withProcesses(database.name, 'steps', async ({ steps, endpoint, cancellation }) => {
        const queued = (await steps.enqueueKeyed('acme', 'step-1/0/0', request))!;
        assert.equal(queued.status, 'queued');
        // As a step waits: mark, read, wait from the mark (other changes may wake it first; it then reads again).
        const answer = untilFound(steps.changes, cancellation, async () => {
          const read = await steps.findKeyed('acme', 'step-1/0/0');
          return read?.status === 'answered' ? read : null;
        });

        const { ticket } = await endpoint.startSession('acme');
        const sent = await endpoint.nextToSend(ticket, oneAtATime);
        assert.deepEqual(
          sent.map((r) => r.requestId),
          [queued.requestId],
        );
        const response = `<QBXML><QBXMLMsgsRs><ItemQueryRs requestID="${queued.requestId}" statusCode="0"/></QBXMLMsgsRs></QBXML>`;
        assert.deepEqual(
          await endpoint.recordAnswers(ticket, [{ answer: answered(queued.requestId), document: response }]),
          {
            recorded: true,
          },
        );

        assert.equal((await answer).response, response);
      }),
    );

    void it('wakes the endpoint waiting for a step when the step queues its next request', { timeout: 60_000 }, () =>
      withProcesses(database.name, 'endpoint', async ({ steps, endpoint, cancellation }) => {
        const { ticket } = await endpoint.startSession('acme');
        assert.deepEqual(await endpoint.nextToSend(ticket, oneAtATime), []);
        const next = untilFound(
          endpoint.changes,
          cancellation,
          async () => (await endpoint.nextToSend(ticket, oneAtATime))[0] ?? null,
        );

        const queued = (await steps.enqueueKeyed('acme', 'step-2/0/0', request))!;

        assert.equal((await next).requestId, queued.requestId);
      }),
    );
  });
}
