import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { QboChange, ZuperChange } from '../domain/change-events.js';
import { apiActivityOptions } from './activity-options.js';

const activities = proxyActivities<Activities>(apiActivityOptions);

/** Workflow ids carry the delivery id, so a duplicate delivery of the same event starts nothing new. */
export const qboChangeWorkflowId = (connectionId: string, deliveryId: string) =>
  `qbo-change:${connectionId}:${deliveryId}`;
export const zuperChangeWorkflowId = (connectionId: string, deliveryId: string) =>
  `zuper-change:${connectionId}:${deliveryId}`;

/** A QBO webhook entity change: find the items it touched and ask each to settle. */
export async function qboChangeWorkflow(change: QboChange) {
  return activities.routeQboChange(change);
}

/** A Zuper webhook: find the products it touched and ask each to settle. */
export async function zuperChangeWorkflow(change: ZuperChange) {
  return activities.routeZuperChange(change);
}
