/**
 * A worker shut down while a QuickBooks Desktop step waits for the Web Connector: the step stops waiting at once and
 * goes back to Temporal's retry, and a new worker finishes it after the next session with the request already queued.
 * The real Temporal server and workers, the service's /qbwc endpoint and the emulators (test/integrations/qbd/sync-stack.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import proto, { type temporal } from '@temporalio/proto';
import { itemQuantityWorkflowId } from '../../../client/workflow-ids.js';
import { createContextWorker } from '../../../worker/run-worker.js';
import { eventually } from '../../support/eventually.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';

type PendingActivity = temporal.api.workflow.v1.IPendingActivityInfo;
const { PENDING_ACTIVITY_STATE_STARTED: started } = proto.temporal.api.enums.v1.PendingActivityState;

describe('a worker shut down while a QuickBooks Desktop step waits for the Web Connector', () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack();
  });
  after(() => stack.stop());

  /**
   * The item workflow's movement step as Temporal holds it: its attempt, its state and why its last attempt ended. A
   * plan that moves QuickBooks Desktop only is written by its plan step (the fold-one-sided-apply patch).
   */
  const movementStep = async (listId: string): Promise<PendingActivity | undefined> => {
    const handle = stack.temporal.workflow.getHandle(itemQuantityWorkflowId(stack.connectionId, listId));
    const { raw } = await handle.describe();
    return raw.pendingActivities?.find((activity) => activity.activityType?.name === 'planSettle');
  };

  it('ends the waiting step on shutdown, and a new worker completes it after the next session', async () => {
    const { listId, productUid } = await stack.linkedItem('Gasket', 10);
    await stack.consumeInZuper(productUid, 3);
    const [waiting] = await eventually(
      () => stack.queued(),
      (queued) => queued.length === 1 && (queued[0]?.callerKey ?? '').startsWith('movement:'),
      20_000,
      "the settle's movement queued for the Web Connector",
    );
    const first = await eventually(
      () => movementStep(listId),
      (step) => step?.state === started,
      20_000,
      'the movement step running, waiting for the Web Connector',
    );

    stack.service.worker!.shutdown();
    await stack.service.workerDone;

    assert.equal(stack.connector.sessions.length, 0, 'the worker stopped before any Web Connector session');
    const handedBack = await movementStep(listId);
    assert.ok(handedBack, 'the step is still pending, for its retry');
    assert.equal(handedBack.attempt, (first!.attempt ?? 1) + 1);
    // The attempt accepted the shutdown's cancellation, which the worker reports as a retryable WorkerShutdown
    // failure; had it waited out its 20 s instead, it would have ended as QbdAwaitingWebConnector's failure.
    assert.equal(handedBack.lastFailure?.applicationFailureInfo?.type, 'WorkerShutdown');
    assert.equal(handedBack.lastFailure?.applicationFailureInfo?.nonRetryable, false);
    assert.deepEqual(await stack.queued(), [waiting]);

    const replacement = await createContextWorker(stack.service.ctx);
    const running = replacement.worker.run();
    try {
      await eventually(
        () => movementStep(listId),
        (step) => step?.state === started && step.attempt === handedBack.attempt,
        20_000,
        'the retry running on the new worker',
      );
      assert.deepEqual(
        await stack.queued(),
        [waiting],
        'the retry found the queued request instead of queueing it again',
      );

      // The step's requests go out at the next session; one that misses its window goes at the one after.
      await stack.sessionsUntilBase(listId, 7);

      assert.equal(await stack.base(listId), 7);
      assert.equal(stack.qbdQty('Gasket'), 7);
      assert.equal(stack.zuperQty(productUid), 7);
      assert.deepEqual(
        stack.adjustmentsOf(listId).map((adjustment) => adjustment.lines.map((line) => line.quantityDifference)),
        [[-3]],
      );
      assert.deepEqual(await stack.movements(listId), [['accounting', -3]]);
      const adds = stack.connector.sessions.flatMap((session) =>
        session.exchanges.filter((exchange) => exchange.request.includes('<InventoryAdjustmentAddRq')),
      );
      assert.equal(adds.length, 1, 'QuickBooks Desktop received the adjustment once');
    } finally {
      replacement.worker.shutdown();
      await running;
      await replacement.connection.close();
    }
  });
});
