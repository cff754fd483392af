import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { linkCatalogWorkflow, linkProgressQuery, type LinkProgress } from '../workflows/link-catalog.js';
import { reconcileWorkflow } from '../workflows/reconcile.js';
import { ConnectionIdKey, SyncKindKey } from '../workflows/search-attributes.js';
import { linkCatalogWorkflowId, manualReconcileWorkflowId } from './workflow-ids.js';

type Target = { client: Client; taskQueue: string };

const searchAttributes = (connectionId: string, kind: 'link' | 'reconcile') => [
  { key: ConnectionIdKey, value: connectionId },
  { key: SyncKindKey, value: kind },
];

/** Starts the initial linking of both catalogs: a dry run only plans, a real run carries the plan out. */
export const startLinkRun = (target: Target, connectionId: string, dryRun: boolean) =>
  target.client.workflow.start(linkCatalogWorkflow, {
    workflowId: linkCatalogWorkflowId(connectionId, new Date().toISOString(), dryRun),
    taskQueue: target.taskQueue,
    args: [{ connectionId, dryRun }],
    typedSearchAttributes: searchAttributes(connectionId, 'link'),
  });

/** Starts a reconciliation now, beside the schedule. */
export const startReconcileRun = (target: Target, connectionId: string) =>
  target.client.workflow.start(reconcileWorkflow, {
    workflowId: manualReconcileWorkflowId(connectionId, new Date().toISOString()),
    taskQueue: target.taskQueue,
    args: [{ connectionId }],
    typedSearchAttributes: searchAttributes(connectionId, 'reconcile'),
  });

const runKinds: Record<string, 'link' | 'reconcile'> = { linkCatalogWorkflow: 'link', reconcileWorkflow: 'reconcile' };

export interface FoundRun {
  kind: 'link' | 'reconcile';
  runId: string;
  connectionId: string;
  handle: WorkflowHandle;
}

/** A link or reconcile run by its ids; null when the workflow is of another kind. */
export async function findRun(client: Client, workflowId: string, runId: string | undefined): Promise<FoundRun | null> {
  const handle = client.workflow.getHandle(workflowId, runId);
  const description = await handle.describe();
  const kind = runKinds[description.type];
  if (!kind) return null;
  return {
    kind,
    runId: description.runId,
    connectionId: description.typedSearchAttributes.get(ConnectionIdKey) ?? '',
    handle,
  };
}

/** The connection a workflow belongs to (its ConnectionId search attribute); null when there is no such workflow. */
export async function connectionOfWorkflow(
  client: Client,
  workflowId: string,
  runId: string | undefined,
): Promise<string | null> {
  try {
    const description = await client.workflow.getHandle(workflowId, runId).describe();
    return description.typedSearchAttributes.get(ConnectionIdKey) ?? null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

/** A running link's progress, or null when it has none yet or cannot answer (a worker is not there to query). */
export async function linkProgress(handle: WorkflowHandle): Promise<LinkProgress | null> {
  try {
    return await handle.query(linkProgressQuery);
  } catch {
    return null;
  }
}
