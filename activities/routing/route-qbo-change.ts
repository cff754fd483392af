import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { QboChange } from '../../domain/change-events.js';
import { accountingChangedItems } from '../../integrations/connection-sides.js';
import { routeChangedItems, type RouteResult } from './route-changed-items.js';

/** Resolves a QBO change to the items it touched and asks each one's quantity workflow to settle. */
export async function routeQboChange(deps: ActivityDeps, change: QboChange): Promise<RouteResult> {
  const changed = await callApi('qbo', () => accountingChangedItems(deps.clients, change));
  const routed = await routeChangedItems(deps, {
    connectionId: change.connectionId,
    side: 'accounting',
    system: 'qbo',
    changed,
    reason: `QuickBooks ${change.entity} ${change.entityId} ${change.operation.toLowerCase()}`,
  });
  log.info('QuickBooks change routed', {
    connectionId: change.connectionId,
    entity: change.entity,
    entityId: change.entityId,
    ...routed,
  });
  return routed;
}
