/**
 * Several qbXML requests in one Web Connector exchange, end to end: the real Temporal server and worker, the service's
 * /qbwc endpoint, the QuickBooks Desktop emulator's company file and the Zuper emulator. Checked: the quantities on
 * both sides, the settle ledger, the adjustments QuickBooks Desktop holds, what each exchange carried, and that a
 * one-sided settle writes from its plan step.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requestSettles } from '../../../client/item-quantity.js';
import { itemQuantityWorkflowId } from '../../../client/workflow-ids.js';
import { QbdConnection } from '../../../emulators/qbd/index.js';
import { eventually } from '../../support/eventually.js';
import { authenticate, call, receive, requestIdsOf, send } from './soap-calls.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';

/** The request elements of a qbXML request document, in order. */
const requestTypesIn = (document: string) => [...document.matchAll(/<(\w+Rq) requestID=/g)].map((m) => m[1]!);

describe('QuickBooks Desktop requests carried several to an exchange', () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack();
  });
  after(() => stack.stop());

  /** The activities the item's quantity workflow scheduled, in order. */
  const activitiesOf = async (listId: string) => {
    const handle = stack.temporal.workflow.getHandle(itemQuantityWorkflowId(stack.connectionId, listId));
    const events = (await handle.fetchHistory()).events ?? [];
    return events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  };

  it('reads the settles of three changed items in one exchange and writes each change to Zuper from its plan step', async () => {
    const items = [
      { name: 'Pipe A', sold: 2 },
      { name: 'Pipe B', sold: 3 },
      { name: 'Pipe C', sold: 4 },
    ];
    const linked = [];
    for (const item of items) linked.push({ ...item, ...(await stack.linkedItem(item.name, 10)) });
    stack.qbd.admin.sell({ lines: items.map((item) => ({ item: item.name, quantity: item.sold })) });
    const links = await Promise.all(
      linked.map(async (l) => (await stack.store.links.get(stack.connectionId, l.listId))!),
    );
    await requestSettles({ client: stack.temporal, taskQueue: stack.taskQueue, itemIdleTimeoutMs: 2000 }, links, {
      reason: 'test: a QuickBooks Desktop sale',
      origin: 'accounting',
    });
    await eventually(
      () => stack.queued(),
      (queued) => queued.length === 3,
      20_000,
      "the three settles' reads queued",
    );

    const session = await stack.connector.runSession();

    assert.equal(session.outcome, 'completed');
    assert.equal(session.exchanges.length, 1, 'one exchange for the three reads');
    const [exchange] = session.exchanges;
    assert.deepEqual(requestTypesIn(exchange!.request), ['ItemQueryRq', 'ItemQueryRq', 'ItemQueryRq']);
    assert.match(exchange!.request, /<QBXMLMsgsRq onError="continueOnError">/);
    assert.equal(requestIdsOf(exchange!.response as string).length, 3, 'QuickBooks answered each');
    for (const item of linked) {
      await eventually(
        () => stack.base(item.listId),
        (base) => base === 10 - item.sold,
        20_000,
        `${item.name} settled`,
      );
      assert.equal(stack.zuperQty(item.productUid), 10 - item.sold);
      assert.equal(stack.qbdQty(item.name), 10 - item.sold);
      assert.deepEqual(await stack.movements(item.listId), [['field', -item.sold]]);
      assert.deepEqual(stack.adjustmentsOf(item.listId), [], 'nothing written to QuickBooks Desktop');
      assert.deepEqual(
        (await activitiesOf(item.listId)).filter((name) => name !== 'recordSyncFailure'),
        ['planSettle', 'commitSettle'],
        'the one Zuper write made by the plan step',
      );
    }
  });

  it('applies two movements once when the session drops after QuickBooks Desktop applied the message carrying both', async () => {
    const gaskets = [
      { name: 'Gasket A', consumed: 3, ...(await stack.linkedItem('Gasket A', 10)) },
      { name: 'Gasket B', consumed: 2, ...(await stack.linkedItem('Gasket B', 10)) },
    ];
    const { appUrl, userName, password } = stack.webConnectorLogin;
    for (const gasket of gaskets) await stack.consumeInZuper(gasket.productUid, gasket.consumed);

    // The test plays the Web Connector, one message a session, whenever both movements wait for QuickBooks: each
    // step's next request is queued only once the one before was answered. The connection's inventory sites are read
    // once, for both: the second movement waits for the first one's read.
    const carried: string[] = [];
    const sitesReadAlone = (queued: { requestType: string }[]) =>
      queued.length === 1 && queued[0]!.requestType === 'InventorySiteQueryRq';
    for (;;) {
      const waiting = await eventually(
        () => stack.queued(),
        (queued) => queued.length === 2 || (carried.length === 0 && sitesReadAlone(queued)),
        20_000,
        'both movements waiting',
      );
      const adds = waiting.every((request) => request.requestType === 'InventoryAdjustmentAddRq');
      const [ticket] = await authenticate(appUrl, userName, password);
      const message = await send(appUrl, ticket!);
      carried.push(message);
      assert.equal(requestIdsOf(message).length, waiting.length, 'both movements in one message');
      const processed = stack.qbd.processor.process(new QbdConnection(), message);
      assert.equal(processed.kind, 'response');
      if (adds) break; // QuickBooks applied both; the response never reaches the service.
      assert.ok((await receive(appUrl, ticket!, processed.kind === 'response' ? processed.xml : '')) >= 0);
      await call(appUrl, 'closeConnection', { ticket: ticket! });
    }
    assert.deepEqual(requestTypesIn(carried.at(-1)!), ['InventoryAdjustmentAddRq', 'InventoryAdjustmentAddRq']);
    for (const gasket of gaskets) assert.equal(stack.qbdQty(gasket.name), 10 - gasket.consumed, 'applied, answer lost');

    for (const gasket of gaskets) await stack.sessionsUntilBase(gasket.listId, 10 - gasket.consumed);

    const sessionAdds = stack.connector.sessions.flatMap((s) => s.exchanges.flatMap((e) => requestTypesIn(e.request)));
    assert.equal(sessionAdds.filter((type) => type === 'InventoryAdjustmentAddRq').length, 0, 'found, not sent again');
    for (const gasket of gaskets) {
      assert.equal(await stack.base(gasket.listId), 10 - gasket.consumed);
      assert.equal(stack.qbdQty(gasket.name), 10 - gasket.consumed);
      assert.equal(stack.zuperQty(gasket.productUid), 10 - gasket.consumed);
      const [adjustment, ...more] = stack.adjustmentsOf(gasket.listId);
      assert.deepEqual(more, [], 'one adjustment');
      assert.deepEqual(
        adjustment?.lines.map((line) => line.quantityDifference),
        [-gasket.consumed],
      );
      assert.deepEqual(await stack.movements(gasket.listId), [['accounting', -gasket.consumed]]);
      assert.deepEqual(
        (await activitiesOf(gasket.listId)).filter((name) => name !== 'recordSyncFailure'),
        ['planSettle', 'commitSettle'],
      );
    }
  });
});
