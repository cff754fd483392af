import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { IntakeBatchRef } from '../domain/intake-batches.js';
import { intakeBatchWorkflow } from '../workflows/intake-batch.js';
import { ConnectionIdKey, SyncKindKey } from '../workflows/search-attributes.js';

/**
 * Starts the workflow of one intake batch, whose id is the batch id, within `timeoutMs`. A batch whose run already
 * exists, open or closed, counts as started: a re-dispatch after a crash starts nothing.
 */
export async function startIntakeBatch(
  target: { client: Client; taskQueue: string },
  batch: Pick<IntakeBatchRef, 'batchId' | 'connectionId'>,
  timeoutMs: number,
): Promise<void> {
  try {
    await target.client.withDeadline(Date.now() + timeoutMs, () =>
      target.client.workflow.start(intakeBatchWorkflow, {
        workflowId: batch.batchId,
        taskQueue: target.taskQueue,
        args: [batch.batchId],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: ConnectionIdKey, value: batch.connectionId },
          { key: SyncKindKey, value: 'intake' },
        ],
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
