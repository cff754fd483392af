import { activityInfo } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { callApi } from '../failures.js';
import type { SettlePlan } from '../../domain/settle-plan.js';
import { movementRemark } from './movement-remark.js';

/** Moves the plan's Zuper change at the connection's default location, exactly once. Returns the transaction uid. */
export async function applyZuperMovement(deps: ActivityDeps, plan: SettlePlan, resumed: boolean): Promise<string> {
  const { settings } = await requireConfiguredConnection(deps, plan.connectionId);
  const zuper = await deps.clients.zuper(plan.connectionId);
  if (resumed || activityInfo().attempt > 1) {
    // An earlier attempt may have written and lost the answer: look for our movement id before writing again.
    const landed = await callApi('zuper', () =>
      zuper.findStockTransactionByRemark(plan.zuperProductUid, plan.zuperMovementId, {
        notBefore: new Date(Date.parse(plan.plannedAt) - 60_000),
      }),
    );
    if (landed) return landed.uid;
  }
  const move = {
    productUid: plan.zuperProductUid,
    locationUid: settings.defaultLocationUid,
    quantity: Math.abs(plan.toZuper),
    remarks: movementRemark(plan.zuperMovementId, plan.reason),
  };
  return callApi('zuper', () => (plan.toZuper > 0 ? zuper.stockInward(move) : zuper.stockOutward(move)));
}
