import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { Store } from '../../storage/index.js';
import { ConnectionIdKey, SyncKindKey } from '../../workflows/search-attributes.js';
import { recordOutcome, type WebhookSource } from './outcome.js';

export interface HandOffDeps {
  store: Store;
  temporal: Client;
  taskQueue: string;
  timeoutMs: number;
}

export interface Delivery<Change> {
  connectionId: string;
  deliveryId: string;
  workflowId: string;
  workflow: (change: Change) => Promise<unknown>;
  change: Change;
}

export type HandOffOutcome = 'accepted' | 'duplicate' | 'failed';

/**
 * Hands one change to Temporal exactly once. The delivery is recorded first, so a duplicate stops here; the workflow
 * id carries the delivery id, so a race past the record still starts one workflow. If Temporal does not take it, the
 * record is forgotten and the caller answers 500: the sender retries and the retry is processed, so nothing is lost.
 */
export async function handOff<Change>(
  deps: HandOffDeps,
  log: FastifyBaseLogger,
  source: WebhookSource,
  d: Delivery<Change>,
): Promise<HandOffOutcome> {
  const fields = { connectionId: d.connectionId, deliveryId: d.deliveryId, workflowId: d.workflowId };
  let first: boolean;
  try {
    first = await deps.store.webhookDeliveries.firstSeen(source, d.deliveryId, d.connectionId);
  } catch (err) {
    return failed(log, source, fields, 'could not record the delivery', err);
  }
  if (!first) {
    recordOutcome(log, source, 'duplicate', fields, 'duplicate delivery; nothing started');
    return 'duplicate';
  }
  try {
    await deps.temporal.withDeadline(Date.now() + deps.timeoutMs, () =>
      deps.temporal.workflow.start(d.workflow, {
        workflowId: d.workflowId,
        taskQueue: deps.taskQueue,
        args: [d.change],
        // A run that failed may be started again by a later redelivery; one that ran is never repeated.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: [
          { key: ConnectionIdKey, value: d.connectionId },
          { key: SyncKindKey, value: 'intake' },
        ],
      }),
    );
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      recordOutcome(log, source, 'duplicate', fields, 'workflow already started for this delivery; nothing started');
      return 'duplicate';
    }
    await forget(deps, log, source, fields);
    return failed(log, source, fields, 'Temporal did not accept the change', err);
  }
  recordOutcome(log, source, 'accepted', fields, 'change handed to Temporal');
  return 'accepted';
}

/** The error and its cause ("Failed to start Workflow" alone does not say that Temporal was unreachable). */
const errorMessage = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  return err.cause === undefined ? err.message : `${err.message}: ${errorMessage(err.cause)}`;
};

function failed(
  log: FastifyBaseLogger,
  source: WebhookSource,
  fields: Record<string, string>,
  what: string,
  err: unknown,
) {
  recordOutcome(log, source, 'handoff_failed', { ...fields, error: errorMessage(err) }, what, 'error');
  return 'failed' as const;
}

async function forget(
  deps: HandOffDeps,
  log: FastifyBaseLogger,
  source: WebhookSource,
  fields: { connectionId: string; deliveryId: string },
) {
  try {
    await deps.store.webhookDeliveries.forget(source, fields.deliveryId);
  } catch (err) {
    // The retry will now look like a duplicate; only reconciliation can pick this change up.
    log.error({ source, ...fields, error: errorMessage(err) }, 'could not forget a delivery that was not handed off');
  }
}

/** The answer to a webhook once its changes were handed off: 500 if any failed (the sender retries), else a tally. */
export function answerHandOffs(reply: FastifyReply, outcomes: HandOffOutcome[], ignored: number) {
  if (outcomes.includes('failed')) {
    return reply.code(500).send({ error: 'handoff_failed', message: 'Temporal is unavailable; retry later' });
  }
  return reply.code(200).send({
    accepted: outcomes.filter((o) => o === 'accepted').length,
    duplicates: outcomes.filter((o) => o === 'duplicate').length,
    ignored,
  });
}
