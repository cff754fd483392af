import type { WorkflowRequests } from '../activities/deps.js';
import { requestSettles, settleNow, stopItemQuantity } from './item-quantity.js';
import { requestItemSync } from './item-sync.js';
import { startReconcileRun } from './runs.js';
import type { WorkflowTarget } from './workflow-target.js';

/** The workflow requests of activities, made through this process's Temporal client. */
export const workflowRequests = (target: WorkflowTarget): WorkflowRequests => ({
  requestSettles: (links, request) => requestSettles(target, links, request),
  requestItemSync: async (connectionId, side, id) => {
    await requestItemSync(target, connectionId, side, id);
  },
  settleNow: (link, request, updateId) => settleNow(target, link, request, updateId),
  reconcileNow: async (connectionId) => {
    await startReconcileRun(target, connectionId);
  },
  stopItemQuantity: (connectionId, accountingItemId, reason) =>
    stopItemQuantity(target, connectionId, accountingItemId, reason),
});
