/**
 * Disconnecting QuickBooks Desktop end to end (the real Temporal server and worker, the service's /qbwc endpoint and
 * the emulator's Web Connector, the Zuper emulator): the login goes, the watch stops, a sync waiting in the queue
 * ends as needs attention saying how to reconnect, and after reconnecting its retry applies the movement once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureWatchOfConnection } from '../../../client/adjustment-watch.js';
import { adjustmentWatchWorkflowId } from '../../../client/workflow-ids.js';
import { connectWithIssuedLogin } from '../../../integrations/connection-credentials.js';
import { disconnectSystem } from '../../../operator/disconnect-system.js';
import { retrySync } from '../../../operator/retry-sync.js';
import { startWatchAfterConnect } from '../../../service/watch-after-connect.js';
import { eventually } from '../../support/eventually.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';
import { storedCredentials } from '../../support/stored-credentials.js';

const quietLog = { warn: () => {} };

describe('qzsync disconnect qbd', () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack();
  });
  after(() => stack.stop());

  it('deletes the login, stops the watch, ends the waiting sync as needs attention; a retry after reconnecting settles it', async () => {
    const { ctx } = stack.service;
    const id = stack.connectionId;
    const watch = stack.temporal.workflow.getHandle(adjustmentWatchWorkflowId(id));
    assert.equal(
      await ensureWatchOfConnection(stack.temporal, await ctx.store.connections.get(id), stack.taskQueue),
      true,
    );
    const { listId, productUid } = await stack.linkedItem('Gasket', 10);
    await stack.consumeInZuper(productUid, 3);
    await eventually(
      () => stack.queued(),
      (queued) => queued.some((request) => (request.callerKey ?? '').startsWith('movement:')),
      20_000,
      "the settle's movement queued for the Web Connector",
    );

    const disconnected = await disconnectSystem(ctx, id, 'qbd');

    assert.equal(disconnected.system, 'qbd');
    assert.deepEqual(disconnected.warnings, []);
    assert.match(disconnected.done.join('\n'), /Web Connector login deleted from this service/);
    assert.equal(await storedCredentials(ctx.store).findQbdLogin(stack.connector.settings.userName), null);
    assert.deepEqual((await ctx.store.connections.get(id)).connectedSystems, ['zuper']);
    assert.equal((await watch.describe()).status.name, 'TERMINATED');
    const refused = await stack.connector.runSession();
    assert.equal(refused.outcome, 'invalidUser', 'authenticate answers nvu');
    assert.deepEqual(
      refused.calls.filter((call) => call.operation === 'sendRequestXML'),
      [],
      'no request reaches QuickBooks Desktop',
    );

    const failed = await eventually(
      async () => (await ctx.store.history.list({ connectionId: id, kind: 'quantity', accountingItemId: listId }))[0],
      (entry) => entry?.status === 'needs_attention',
      30_000,
      'the waiting settle ended',
    );
    assert.ok(failed);
    assert.equal(failed.errorCode, 'qbd:disconnected');
    assert.match(failed.explanation ?? '', new RegExp(`^QuickBooks Desktop was disconnected from connection ${id} `));
    assert.match(failed.fix ?? '', new RegExp(`qzsync connect qbd ${id}`));
    assert.deepEqual(await stack.queued(), [], 'nothing waits for a Web Connector that is refused');
    assert.equal(stack.qbdQty('Gasket'), 10, 'QuickBooks Desktop unchanged');
    assert.ok((await ctx.store.links.get(id, listId))?.pendingSettle, 'the planned movement is kept');
    assert.equal(await stack.base(listId), 10);

    const reconnected = await connectWithIssuedLogin(ctx, id, {
      username: stack.connector.settings.userName,
      appUrl: 'https://sync.example/qbwc',
      runEverySeconds: 60,
    });
    await startWatchAfterConnect(ctx, id, quietLog);
    // The operator types the new password into the Web Connector.
    stack.connector.settings = { ...stack.connector.settings, password: reconnected.password };
    const retried = await retrySync(ctx, failed.id);
    assert.equal(retried.started, 'settle');
    for (let session = 0; session < 20 && (await stack.base(listId)) !== 7; session += 1) {
      const report = await stack.connector.runSession();
      assert.notEqual(report.outcome, 'invalidUser');
      await delay(200);
    }

    assert.equal(await stack.base(listId), 7);
    assert.equal(stack.qbdQty('Gasket'), 7);
    assert.equal(stack.zuperQty(productUid), 7);
    const adjustments = stack.adjustmentsOf(listId);
    assert.deepEqual(
      adjustments.map((adjustment) => adjustment.lines.map((line) => line.quantityDifference)),
      [[-3]],
      'one adjustment',
    );
    assert.deepEqual(await stack.movements(listId), [['accounting', -3]]);
    assert.equal((await watch.describe()).status.name, 'RUNNING', 'the watch runs again');
  });
});
