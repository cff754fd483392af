import { activityInfo } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { movementRequestId } from '../../domain/movement-id.js';
import { planItemId, type SettlePlan } from '../../domain/settle-plan.js';
import { settlePlanOf } from '../../domain/recorded-shapes/settle-plan.js';
import type { Side } from '../../domain/sides.js';
import type { QuantityPort } from '../../integrations/port.js';
import { connectionSides, onSide } from '../sides.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import type { ApplyMovementInput } from './types.js';

/**
 * Applies one side's part of a plan exactly once: the side's system keeps the movement id where a retry finds it, and
 * a resumed plan or a retried attempt looks it up before writing. Answers the system's reference to the write.
 */
export async function applyMovement(deps: ActivityDeps, input: ApplyMovementInput): Promise<string> {
  const plan = settlePlanOf(input.plan);
  const { connection } = await requireConfiguredConnection(deps, plan.connectionId);
  const port = (await connectionSides(deps, connection))[input.side];
  return applyPlanMovement(port, plan, input.side, input.resumed);
}

/**
 * Writes one side's movement of a plan stored on the link, through that side's port. When it may have landed already
 * (a resumed plan, or a retried attempt) the side looks the movement id up before writing.
 */
export function applyPlanMovement(port: QuantityPort, plan: SettlePlan, side: Side, resumed: boolean): Promise<string> {
  const move = plan[side];
  const mayHaveLanded = resumed || activityInfo().attempt > 1;
  return onSide(port, plan, () =>
    port.applyMovement(
      {
        itemId: planItemId(plan, side),
        change: move.move,
        movementId: move.movementId,
        requestId: movementRequestId(move),
        reason: plan.reason,
        plannedAt: new Date(plan.plannedAt),
      },
      mayHaveLanded,
    ),
  );
}
