import { activityInfo } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { callApi } from '../failures.js';
import { addQty } from '../../domain/quantity.js';
import { qboRequestId } from '../../domain/movement-id.js';
import type { SettlePlan } from '../../domain/settle-plan.js';
import { resolveQboAccounts } from '../catalog/qbo-accounts.js';
import { qboItemMissing } from './read-quantities.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Applies the plan's QBO change exactly once. With InventoryAdjustment: a QtyDiff line whose DocNumber and requestid
 * are the movement id, looked up before any retry. Without it (non-US companies): QtyOnHand is written from a fresh
 * read with its SyncToken (a stale token re-reads on the next attempt); that mode relies on QBO's requestid replay
 * when a response is lost (see README, "Companies without InventoryAdjustment").
 */
export async function applyQboMovement(deps: ActivityDeps, plan: SettlePlan, resumed: boolean): Promise<string> {
  const { settings } = await requireConfiguredConnection(deps, plan.connectionId);
  const qbo = await deps.clients.qbo(plan.connectionId);
  const requestId = qboRequestId(plan);
  if (settings.qboQuantityWrite === 'qty-on-hand') {
    const item = await callApi('qbo', () => qbo.getItem(plan.qboItemId));
    if (!item) throw qboItemMissing(plan.connectionId, plan.qboItemId);
    const updated = await callApi('qbo', () =>
      qbo.setQtyOnHand(
        {
          Id: item.Id,
          SyncToken: item.SyncToken,
          QtyOnHand: addQty(item.QtyOnHand ?? 0, plan.toQbo),
          InvStartDate: today(),
        },
        { requestId },
      ),
    );
    return `item:${updated.Id}@${updated.SyncToken}`;
  }
  if (resumed || activityInfo().attempt > 1) {
    const landed = await callApi('qbo', () => qbo.findInventoryAdjustmentsByDocNumber(plan.qboMovementId));
    if (landed[0]) return landed[0].Id;
  }
  const accounts = await resolveQboAccounts(deps, plan.connectionId);
  const adjustment = await callApi('qbo', () =>
    qbo.createInventoryAdjustment(
      {
        itemId: plan.qboItemId,
        qtyDiff: plan.toQbo,
        docNumber: plan.qboMovementId,
        privateNote: `qzsync: ${plan.reason}`.slice(0, 4000),
        adjustAccountId: accounts.adjustmentAccountId,
        txnDate: today(),
      },
      { requestId },
    ),
  );
  return adjustment.Id;
}
