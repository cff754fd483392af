import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { callApi } from '../failures.js';
import type { QboChange } from '../../domain/change-events.js';
import { isQboStockEntity } from '../../integrations/qbo/schemas/entities.js';
import type { ItemLink } from '../../storage/repositories/links.js';

export interface RouteResult {
  settled: string[];
  unlinked: string[];
  /** A Zuper stock movement: the delivery names no product, the movement list says which (settleZuperMovements). */
  movement?: true;
}

/**
 * Resolves a QBO change to the items it touched and asks each one's quantity workflow to settle. A deleted
 * transaction can no longer be read, so the items remembered from when it was last seen are used.
 */
export async function routeQboChange(deps: ActivityDeps, change: QboChange): Promise<RouteResult> {
  let itemIds: string[] = [];
  if (change.entity === 'Item') {
    itemIds = [change.entityId];
    await deps.workflows.requestItemSync(change.connectionId, 'qbo', change.entityId);
  } else if (isQboStockEntity(change.entity)) {
    const entity = change.entity;
    const qbo = await deps.clients.qbo(change.connectionId);
    const txn = await callApi('qbo', () => qbo.getTransaction(entity, change.entityId));
    const remembered = await deps.store.transactionItems.recall(change.connectionId, 'qbo', entity, change.entityId);
    itemIds = [...new Set([...(txn?.itemIds ?? []), ...remembered])];
    if (txn && txn.itemIds.length > 0) {
      await deps.store.transactionItems.remember(change.connectionId, 'qbo', entity, change.entityId, txn.itemIds);
    }
  }
  const links: ItemLink[] = [];
  const unlinked: string[] = [];
  for (const id of itemIds) {
    const link = await deps.store.links.get(change.connectionId, id);
    if (link) links.push(link);
    else unlinked.push(id);
  }
  const settled = await deps.workflows.requestSettles(links, {
    reason: `QuickBooks ${change.entity} ${change.entityId} ${change.operation.toLowerCase()}`,
  });
  log.info('QuickBooks change routed', {
    connectionId: change.connectionId,
    entity: change.entity,
    entityId: change.entityId,
    settled,
    unlinked,
  });
  return { settled, unlinked };
}
