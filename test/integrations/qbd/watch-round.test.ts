/**
 * The QuickBooks Desktop quantity watch's change reads through the Web Connector, end to end (the real Temporal server
 * and worker, the service's /qbwc endpoint polled by the emulator's Web Connector, the Zuper emulator): a round's six
 * reads go in one exchange, a lost answer to that exchange is read again without settling twice, and a message
 * QuickBooks cannot parse is sent again one request a message, so only its bad request fails.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ensureWatchOfConnection } from '../../../client/adjustment-watch.js';
import { queueQbdRequest } from '../../../integrations/qbd/queue-request.js';
import type { SessionReport } from '../../../emulators/qbd/index.js';
import { eventually } from '../../support/eventually.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';

const changeReadTypes = [
  'InventoryAdjustmentQueryRq',
  'InvoiceQueryRq',
  'ItemQueryRq',
  'ListDeletedQueryRq',
  'SalesReceiptQueryRq',
  'TxnDeletedQueryRq',
];

/** The requests of one qbXML message: type, requestID and whether it is one of the watch's change reads. */
const requestsOf = (message: string) =>
  [...message.matchAll(/<(\w+Rq) requestID="([^"]*)"[^>]*>([\s\S]*?)<\/\1>/g)].map(([, type, id, body]) => ({
    type: type!,
    id: id!,
    changeRead: /<From(Modified|Deleted)Date>/.test(body!),
  }));

const exchangesOf = (sessions: readonly SessionReport[]) => sessions.flatMap((session) => session.exchanges);

/** The exchanges that carried change reads, each as the sorted types of its change reads. */
const changeReadExchanges = (sessions: readonly SessionReport[]) =>
  exchangesOf(sessions)
    .map((exchange) => requestsOf(exchange.request).filter((request) => request.changeRead))
    .filter((reads) => reads.length > 0)
    .map((reads) => reads.map((read) => read.type).sort());

describe("the QuickBooks Desktop watch's change reads through the Web Connector", () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack();
    const connection = await stack.store.connections.get(stack.connectionId);
    assert.equal(await ensureWatchOfConnection(stack.temporal, connection, stack.taskQueue), true);
  });
  after(() => stack.stop());

  /** The keyed requests waiting: the watch's round of reads, and any other step's. */
  const waiting = async () => {
    const queued = await stack.queued();
    return {
      changeReads: queued.filter((request) => (request.callerKey ?? '').includes(':changes/')).length,
      others: queued.filter((request) => request.callerKey !== null && !request.callerKey.includes(':changes/')),
    };
  };
  const roundQueued = () =>
    eventually(
      waiting,
      (queued) => queued.changeReads === changeReadTypes.length,
      30_000,
      "the watch's round of reads queued",
    );

  /** Runs the Web Connector on its schedule until the item's base quantity is `base`, then stops it (reporting). */
  async function sessionsUntilBase(listId: string, base: number) {
    stack.connector.start();
    await eventually(
      () => stack.base(listId),
      (settled) => settled === base,
      30_000,
      'the sale settled',
    );
    await stack.connector.stop();
  }

  it("carries each round's six change reads in one exchange, and brings a QuickBooks Desktop sale to Zuper", async () => {
    const { listId, productUid } = await stack.linkedItem('Faucet', 10);
    const from = stack.connector.sessions.length;
    stack.qbd.admin.sell({ refNumber: 'INV-1', lines: [{ item: 'Faucet', quantity: 2 }] });

    await sessionsUntilBase(listId, 8);
    assert.equal(stack.zuperQty(productUid), 8);
    assert.equal(stack.qbdQty('Faucet'), 8);
    const rounds = changeReadExchanges(stack.connector.sessions.slice(from));
    assert.ok(rounds.length >= 1, 'the round that saw the sale');
    for (const round of rounds) assert.deepEqual(round, changeReadTypes, 'a round of reads, all in one exchange');
    const perSession = stack.connector.sessions.slice(from).map((session) => changeReadExchanges([session]).length);
    assert.ok(
      perSession.every((count) => count <= 1),
      `at most one exchange of change reads a session (${perSession.join(', ')})`,
    );
  });

  it('reads a round again after the answer to its one exchange was lost, and settles the sale once', async () => {
    const { listId, productUid } = await stack.linkedItem('Bolt', 10);
    stack.qbd.admin.sell({ refNumber: 'INV-2', lines: [{ item: 'Bolt', quantity: 3 }] });
    await roundQueued();

    stack.qbd.admin.setConnectorFaults({ loseResponseAfterRequests: 1 });
    const dropped = await stack.connector.runSession();
    stack.qbd.admin.setConnectorFaults({ loseResponseAfterRequests: null });

    assert.equal(dropped.outcome, 'responseLost');
    assert.equal(dropped.exchanges.length, 1);
    const [lost] = changeReadExchanges([dropped]);
    assert.deepEqual(lost, changeReadTypes, 'the whole round went, and was answered, in the lost exchange');
    const from = stack.connector.sessions.length;
    await sessionsUntilBase(listId, 7);
    assert.equal(stack.zuperQty(productUid), 7);
    assert.equal(stack.qbdQty('Bolt'), 7);
    assert.deepEqual(await stack.movements(listId), [['field', -3]], 'one movement, not two');
    const lostReads = await stack.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM qbd_requests WHERE connection_id = $1 AND answer_lost AND caller_key LIKE '%:changes/%'`,
      [stack.connectionId],
    );
    assert.equal(lostReads[0]?.n, changeReadTypes.length, "the lost round's reads were marked lost, then read again");
    for (const round of changeReadExchanges(stack.connector.sessions.slice(from)))
      assert.deepEqual(round, changeReadTypes);
  });

  it('sends each request of a message QuickBooks could not parse alone, so only the bad one fails and quantities end right', async () => {
    const { listId, productUid } = await stack.linkedItem('Hinge', 10);
    stack.qbd.admin.sell({ refNumber: 'INV-3', lines: [{ item: 'Hinge', quantity: 2 }] });
    await stack.consumeInZuper(productUid, 3);
    await roundQueued();
    await eventually(
      waiting,
      (queued) => queued.others.length > 0,
      30_000,
      "the Zuper consumption's settle asking QuickBooks Desktop",
    );
    // Well-formed, so the queue takes it, but its elements are out of the schema's order: QuickBooks refuses the
    // whole message it goes in.
    const bad = await queueQbdRequest(stack.store.qbdQueue, stack.connectionId, {
      requestType: 'ItemQueryRq',
      body: '<ActiveStatus>All</ActiveStatus><MaxReturned>5</MaxReturned>',
    });
    const from = stack.connector.sessions.length;
    stack.connector.start();

    await eventually(
      async () => [await stack.base(listId), stack.zuperQty(productUid), stack.qbdQty('Hinge')],
      (quantities) => quantities.every((quantity) => quantity === 5),
      40_000,
      'both changes settled on both sides',
    );
    await stack.connector.stop();
    const exchanges = exchangesOf(stack.connector.sessions.slice(from));
    const refused = exchanges.find((exchange) => typeof exchange.response !== 'string');
    assert.ok(refused, 'QuickBooks refused a message');
    assert.equal(typeof refused.response === 'string' ? '' : refused.response.hresult, '0x80040400');
    const inRefused = requestsOf(refused.request);
    assert.deepEqual(
      inRefused
        .filter((request) => request.changeRead)
        .map((request) => request.type)
        .sort(),
      changeReadTypes,
      "the watch's round went in the refused message",
    );
    assert.ok(inRefused.length >= changeReadTypes.length + 2, 'with the settle and the bad request');
    const alone = new Set(
      exchanges
        .map((exchange) => requestsOf(exchange.request))
        .filter((requests) => requests.length === 1)
        .map(([request]) => request!.id),
    );
    assert.deepEqual(
      inRefused.filter((request) => !alone.has(request.id)).map((request) => request.type),
      [],
      'each request of the refused message was sent again alone',
    );
    const byId = new Map((await stack.store.qbdQueue.list(stack.connectionId)).map((r) => [r.requestId, r]));
    // QuickBooks answered each with a status of its own (the site query a file without sites refuses, 3250, too).
    const answeredByQuickBooks = (id: string) => byId.get(id)?.statusCode !== null && byId.get(id)?.response !== null;
    assert.deepEqual(
      inRefused.map((request) => [request.type, request.id === bad.requestId, answeredByQuickBooks(request.id)]),
      inRefused.map((request) => [request.type, request.id === bad.requestId, request.id !== bad.requestId]),
      'every request answered by QuickBooks but the bad one',
    );
    assert.equal(byId.get(bad.requestId)?.status, 'failed');
    assert.match(byId.get(bad.requestId)?.statusMessage ?? '', /0x80040400/);
    assert.deepEqual(
      stack.adjustmentsOf(listId).map((adjustment) => adjustment.lines[0]?.quantityDifference),
      [-3],
    );
  });
});
