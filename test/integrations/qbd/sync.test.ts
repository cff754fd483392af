/**
 * The QuickBooks Desktop ↔ Zuper quantity sync end to end: the real Temporal server and worker, the service's /qbwc
 * endpoint polled by the QuickBooks Desktop emulator's Web Connector (a session every second: a nominal minute), and
 * the Zuper emulator. Quantities on both sides, the adjustments QuickBooks received and the settle ledger are checked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureWatchOfConnection } from '../../../client/adjustment-watch.js';
import { adjustmentWatchWorkflowId } from '../../../client/workflow-ids.js';
import type { SessionReport } from '../../../emulators/qbd/index.js';
import { eventually } from '../../support/eventually.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';

const requestTypes = (session: SessionReport) =>
  session.exchanges.map((exchange) => /<(\w+Rq) requestID/.exec(exchange.request)?.[1]);

const dayMs = 24 * 3600_000;

describe('QuickBooks Desktop and Zuper quantities through the Web Connector', () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack();
  });
  after(() => stack.stop());

  const adjustmentsOf = (listId: string) => stack.adjustmentsOf(listId);

  /** Every request the Web Connector carried, over all sessions so far. */
  const carried = () => stack.connector.sessions.flatMap(requestTypes);

  // First, before any watch queues reads: the movement's requests are then the only ones in the session.
  it('applies a Zuper consumption once when the session drops after QuickBooks Desktop applied it', async () => {
    const { listId, productUid } = await stack.linkedItem('Gasket', 10);
    await stack.consumeInZuper(productUid, 3);
    assert.equal(stack.zuperQty(productUid), 7);
    await eventually(
      () => stack.queued(),
      (queued) => queued.length === 1 && (queued[0]?.callerKey ?? '').startsWith('movement:'),
      20_000,
      "the settle's movement queued for the Web Connector",
    );

    stack.qbd.admin.setConnectorFaults({ loseResponseAfterRequests: 4 });
    const dropped = await stack.connector.runSession();

    assert.equal(dropped.outcome, 'responseLost');
    // The connection's first movement reads its inventory sites first (this company file has none: 3250).
    assert.deepEqual(requestTypes(dropped), [
      'InventorySiteQueryRq',
      'ItemQueryRq',
      'InventoryAdjustmentQueryRq',
      'InventoryAdjustmentAddRq',
    ]);
    assert.equal(stack.qbdQty('Gasket'), 7, 'QuickBooks applied the adjustment whose answer was lost');
    stack.qbd.admin.setConnectorFaults({ loseResponseAfterRequests: null });
    await stack.sessionsUntilBase(listId, 7);

    assert.equal(await stack.base(listId), 7);
    assert.equal(stack.qbdQty('Gasket'), 7);
    assert.equal(stack.zuperQty(productUid), 7);
    const [adjustment, ...more] = adjustmentsOf(listId);
    assert.deepEqual(more, [], 'one adjustment');
    assert.deepEqual(
      adjustment?.lines.map((line) => line.quantityDifference),
      [-3],
    );
    assert.match(adjustment?.memo ?? '', /\((mva-[A-Za-z0-9]+)\)$/);
    assert.equal(adjustment?.refNumber, /\((mva-[A-Za-z0-9]+)\)$/.exec(adjustment?.memo ?? '')?.[1]?.slice(0, 11));
    assert.equal(carried().filter((type) => type === 'InventoryAdjustmentAddRq').length, 1);
    assert.deepEqual(await stack.movements(listId), [['accounting', -3]]);
  });

  it('brings a Zuper consumption to QuickBooks Desktop at the next session, and its echo moves nothing', async () => {
    stack.connector.start();
    const connection = await stack.store.connections.get(stack.connectionId);
    assert.equal(await ensureWatchOfConnection(stack.temporal, connection, stack.taskQueue), true);
    const { listId, productUid } = await stack.linkedItem('Valve', 10);

    await stack.consumeInZuper(productUid, 4);

    await eventually(
      () => stack.base(listId),
      (base) => base === 6,
    );
    assert.equal(stack.qbdQty('Valve'), 6);
    assert.equal(stack.zuperQty(productUid), 6);
    const [adjustment] = adjustmentsOf(listId);
    assert.ok(adjustment);
    assert.equal(adjustment.siteListId, undefined, 'a company file without sites gets a site-less adjustment');
    // The watch reads the sync's own adjustment back at a later session and knows it by its movement id.
    await eventually(
      async () => (await stack.store.adjustmentCursors.get(stack.connectionId))?.changedSince.getTime() ?? 0,
      (cursor) => cursor >= adjustment.timeModified.getTime(),
      20_000,
      'the watch read past the adjustment',
    );
    await delay(1500);
    assert.deepEqual(await stack.movements(listId), [['accounting', -4]]);
    assert.equal(stack.zuperQty(productUid), 6);
    assert.equal(adjustmentsOf(listId).length, 1);
  });

  it('brings a sale and an adjustment entered in QuickBooks Desktop to Zuper after the session that sees them', async () => {
    const { listId, productUid } = await stack.linkedItem('Faucet', 10);

    const sale = stack.qbd.admin.sell({ refNumber: 'INV-9', lines: [{ item: 'Faucet', quantity: 2 }] });
    stack.qbd.admin.adjust({ item: 'Faucet', quantityDifference: 5, memo: 'Found in the back' });

    await eventually(
      () => stack.base(listId),
      (base) => base === 13,
    );
    assert.equal(stack.zuperQty(productUid), 13);
    assert.equal(stack.qbdQty('Faucet'), 13);
    const cursor = await stack.store.adjustmentCursors.get(stack.connectionId);
    assert.ok(cursor && cursor.changedSince.getTime() >= sale.timeModified.getTime());
    const moved = await stack.movements(listId);
    assert.deepEqual(
      moved.filter(([side]) => side === 'accounting'),
      [],
      'nothing was written back to QuickBooks Desktop',
    );
    assert.equal(
      moved.reduce((sum, [, quantity]) => sum + quantity, 0),
      3,
    );
  });

  it('catches up on the next session after the Web Connector stayed away for a day, one round of reads queued meanwhile', async () => {
    const { listId, productUid } = await stack.linkedItem('Hinge', 20);
    await stack.connector.stop();
    stack.qbd.admin.advanceClock(dayMs);
    stack.qbd.admin.sell({ lines: [{ item: 'Hinge', quantity: 5 }] });
    await stack.consumeInZuper(productUid, 3);
    const watch = stack.temporal.workflow.getHandle(adjustmentWatchWorkflowId(stack.connectionId));
    // The watch's poll hands its wait back to Temporal's retries; the retried poll finds its queued read.
    await eventually(
      async () => (await watch.describe()).raw.pendingActivities?.[0]?.attempt ?? 0,
      (attempt) => attempt >= 2,
      40_000,
      "a retry of the watch's poll",
    );
    const queued = await stack.queued();
    // The poll's one round of reads: the six change queries, queued together.
    assert.equal(queued.filter((request) => (request.callerKey ?? '').includes(':changes/')).length, 6);
    assert.equal(queued.filter((request) => (request.callerKey ?? '').startsWith('movement:')).length, 1);
    assert.equal(stack.qbdQty('Hinge'), 15);
    assert.equal(stack.zuperQty(productUid), 17);

    stack.connector.start();

    await eventually(
      () => stack.base(listId),
      (base) => base === 12,
      20_000,
      'both changes settled',
    );
    assert.equal(stack.qbdQty('Hinge'), 12);
    assert.equal(stack.zuperQty(productUid), 12);
    assert.deepEqual(
      adjustmentsOf(listId).map((adjustment) => adjustment.lines[0]?.quantityDifference),
      [-3],
    );
  });

  // After the day away, QuickBooks' clock is a day ahead of the service's: the cursor must follow QuickBooks' own.
  it('moves Zuper by the difference when a QuickBooks Desktop sale is edited, an item taken off it included', async () => {
    const drain = await stack.linkedItem('Drain', 10);
    const trap = await stack.linkedItem('Trap', 10);
    const sale = stack.qbd.admin.sell({ refNumber: 'INV-21', lines: [{ item: 'Drain', quantity: 2 }] });
    const created = sale.editSequence;
    await eventually(
      () => stack.base(drain.listId),
      (base) => base === 8,
      20_000,
      'the sale settled',
    );
    await eventually(
      async () => (await stack.store.adjustmentCursors.get(stack.connectionId))?.changedSince.getTime() ?? 0,
      (cursor) => cursor >= sale.timeCreated.getTime(),
      20_000,
      'the watch read past the sale',
    );
    stack.qbd.admin.advanceClock(60_000);

    // The Drain line becomes a Trap line: the invoice names only Trap now, though Drain moved back.
    stack.qbd.admin.editSale(sale.txnId, [{ item: 'Trap', quantity: 3 }]);

    await eventually(
      async () => [await stack.base(drain.listId), await stack.base(trap.listId)],
      (bases) => bases[0] === 10 && bases[1] === 7,
      30_000,
      'both items settled',
    );
    assert.deepEqual([stack.qbdQty('Drain'), stack.qbdQty('Trap')], [10, 7]);
    assert.deepEqual([stack.zuperQty(drain.productUid), stack.zuperQty(trap.productUid)], [10, 7]);
    assert.deepEqual(
      [adjustmentsOf(drain.listId), adjustmentsOf(trap.listId)],
      [[], []],
      'nothing written to QuickBooks',
    );
    const moved = [await stack.movements(drain.listId), await stack.movements(trap.listId)];
    assert.deepEqual(
      moved.map((rows) => rows.filter(([side]) => side === 'accounting')),
      [[], []],
    );
    assert.deepEqual(
      moved.map((rows) => rows.map(([, quantity]) => quantity)),
      [[-2, 2], [-3]],
    );
    // The cursor follows QuickBooks' clock past the edit, so the edited sale is not read (and reconciled) again.
    await eventually(
      async () => (await stack.store.adjustmentCursors.get(stack.connectionId))?.changedSince.getTime() ?? 0,
      (cursor) => cursor >= sale.timeModified.getTime(),
      20_000,
      'the watch read past the edit',
    );
    // A session is reported once it ends.
    await stack.connector.stop();
    // QuickBooks answered the watch's invoice query with the edited sale (same TxnID, a new EditSequence).
    const answered = stack.connector.sessions
      .flatMap((session) => session.exchanges)
      .map((exchange) => (typeof exchange.response === 'string' ? exchange.response : ''))
      .filter((response) => response.includes('<InvoiceRet>') && response.includes(`<TxnID>${sale.txnId}</TxnID>`));
    assert.ok(answered.some((response) => !response.includes(`<EditSequence>${created}</EditSequence>`)));
  });

  /** The requests of the sessions from `from` on, but the watch's change reads (each poll's, whatever changed). */
  const requestsBeyondWatch = (from: number) =>
    stack.connector.sessions
      .slice(from)
      .flatMap((session) => session.exchanges.map((exchange) => exchange.request))
      .filter((request) => !/<From(Modified|Deleted)Date>/.test(request));
  const naming = (requests: string[], listId: string) =>
    requests.filter((r) => r.includes(`<ListID>${listId}</ListID>`));
  /** An item query naming no item and no modified time: a read of the whole list, as a reconciliation makes. */
  const wholeListReads = (requests: string[]) =>
    requests.filter((r) => r.includes('<ItemQueryRq') && !/<ListID>|<FullName>|<FromModifiedDate>/.test(r));

  /** Waits until the watch has read past `modified` and a session after that has ended, so its requests are reported. */
  async function watchReadPast(modified: Date) {
    await eventually(
      async () => (await stack.store.adjustmentCursors.get(stack.connectionId))?.changedSince.getTime() ?? 0,
      (cursor) => cursor >= modified.getTime(),
      30_000,
      'the watch read past the edit',
    );
    const sessions = stack.connector.sessions.length;
    await eventually(
      () => Promise.resolve(stack.connector.sessions.length),
      (ended) => ended >= sessions + 3,
      20_000,
      'three more sessions',
    );
  }

  const seenLines = async (txnId: string) =>
    (
      await stack.store.db.query<{ version: string | null; lines: unknown }>(
        `SELECT version, lines FROM transaction_items WHERE connection_id = $1 AND source = 'qbd' AND entity_id = $2`,
        [stack.connectionId, txnId],
      )
    )[0];

  it('settles nothing, and does not reconcile, for a sale edited without moving its lines (a rate, as a payment moves TimeModified)', async () => {
    stack.connector.start();
    const spout = await stack.linkedItem('Spout', 10);
    const sale = stack.qbd.admin.sell({ refNumber: 'INV-31', lines: [{ item: 'Spout', quantity: 2, rate: 5 }] });
    await eventually(
      () => stack.base(spout.listId),
      (base) => base === 8,
      20_000,
      'the sale settled',
    );
    await watchReadPast(sale.timeModified);
    assert.deepEqual(await seenLines(sale.txnId), {
      version: sale.editSequence,
      lines: [{ itemId: spout.listId, siteId: null, quantity: 2 }],
    });
    stack.qbd.admin.advanceClock(60_000);
    const from = stack.connector.sessions.length;

    const edited = stack.qbd.admin.editSale(sale.txnId, [{ item: 'Spout', quantity: 2, rate: 7 }]);
    await watchReadPast(edited.timeModified);

    const requests = requestsBeyondWatch(from);
    console.log(
      `qbXML requests beyond the watch's change reads for a sale edited without moving its lines: ${requests.length}`,
    );
    assert.deepEqual(naming(requests, spout.listId), [], 'no read or write of the item');
    assert.deepEqual(wholeListReads(requests), [], 'no reconciliation');
    assert.deepEqual((await seenLines(sale.txnId))?.version, edited.editSequence);
    assert.deepEqual(await stack.movements(spout.listId), [['field', -2]]);
    assert.deepEqual(
      [stack.qbdQty('Spout'), stack.zuperQty(spout.productUid), await stack.base(spout.listId)],
      [8, 8, 8],
    );
  });

  it('settles exactly the item whose line quantity an edit changed', async () => {
    const basin = await stack.linkedItem('Basin', 10);
    const tap = await stack.linkedItem('Tap', 10);
    const sale = stack.qbd.admin.sell({
      refNumber: 'INV-32',
      lines: [
        { item: 'Basin', quantity: 1 },
        { item: 'Tap', quantity: 2 },
      ],
    });
    await eventually(
      async () => [await stack.base(basin.listId), await stack.base(tap.listId)],
      (bases) => bases[0] === 9 && bases[1] === 8,
      20_000,
      'the sale settled',
    );
    await watchReadPast(sale.timeModified);
    stack.qbd.admin.advanceClock(60_000);
    const from = stack.connector.sessions.length;

    const edited = stack.qbd.admin.editSale(sale.txnId, [
      { item: 'Basin', quantity: 4 },
      { item: 'Tap', quantity: 2, rate: 9 },
    ]);
    await eventually(
      () => stack.base(basin.listId),
      (base) => base === 6,
      30_000,
      'the edit settled',
    );
    await watchReadPast(edited.timeModified);

    const requests = requestsBeyondWatch(from);
    console.log(
      `qbXML requests beyond the watch's change reads for a sale edited in one line's quantity: ${requests.length}`,
    );
    assert.ok(naming(requests, basin.listId).length > 0, 'the edited item settled');
    assert.deepEqual(naming(requests, tap.listId), [], 'the item whose line did not move was not read');
    assert.deepEqual(wholeListReads(requests), [], 'no reconciliation');
    assert.deepEqual(await stack.movements(basin.listId), [
      ['field', -1],
      ['field', -3],
    ]);
    assert.deepEqual(await stack.movements(tap.listId), [['field', -2]]);
    assert.deepEqual(
      [stack.qbdQty('Basin'), stack.zuperQty(basin.productUid), stack.qbdQty('Tap'), stack.zuperQty(tap.productUid)],
      [6, 6, 8, 8],
    );
    assert.deepEqual((await seenLines(sale.txnId))?.lines, [
      { itemId: basin.listId, siteId: null, quantity: 4 },
      { itemId: tap.listId, siteId: null, quantity: 2 },
    ]);
  });

  it('reconciles for an edited sale whose earlier lines it never kept (seen before it kept lines)', async () => {
    const sink = await stack.linkedItem('Sink', 10);
    const sale = stack.qbd.admin.sell({ refNumber: 'INV-33', lines: [{ item: 'Sink', quantity: 2 }] });
    await eventually(
      () => stack.base(sink.listId),
      (base) => base === 8,
      20_000,
      'the sale settled',
    );
    await watchReadPast(sale.timeModified);
    // As a row written before the watch kept lines: its item ids only.
    await stack.store.db.query(`UPDATE transaction_items SET lines = NULL, version = NULL WHERE entity_id = $1`, [
      sale.txnId,
    ]);
    stack.qbd.admin.advanceClock(60_000);
    const from = stack.connector.sessions.length;

    const edited = stack.qbd.admin.editSale(sale.txnId, [{ item: 'Sink', quantity: 1 }]);
    await eventually(
      () => stack.base(sink.listId),
      (base) => base === 9,
      40_000,
      'the reconciliation settled the item',
    );
    await watchReadPast(edited.timeModified);

    const requests = requestsBeyondWatch(from);
    console.log(`qbXML requests beyond the watch's change reads for an edited sale reconciled: ${requests.length}`);
    assert.ok(wholeListReads(requests).length > 0, 'a reconciliation read the whole item list');
    assert.deepEqual([stack.qbdQty('Sink'), stack.zuperQty(sink.productUid)], [9, 9]);
    assert.deepEqual((await seenLines(sale.txnId))?.lines, [{ itemId: sink.listId, siteId: null, quantity: 1 }]);
  });
});
