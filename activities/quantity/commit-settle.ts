import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { addQty } from '../../domain/quantity.js';
import { type SettleOutcome, type SettlePlan, type SettleQuantities } from '../../domain/settle-plan.js';
import { settlePlanOf } from '../../domain/recorded-shapes/settle-plan.js';
import { metrics } from '../../observability/metrics.js';
import type { CommitSettleInput } from './types.js';
import { sides, type Side } from '../../domain/sides.js';
import { systemLabel, type System } from '../../domain/systems.js';
import type { HistoryQuantities } from '../../domain/history-quantities.js';
import { settleRefsOf } from '../../domain/recorded-shapes/settle-request.js';

/** Moves the base and writes the ledger and the history row; safe to repeat (a second commit changes nothing). */
export async function commitSettle(deps: ActivityDeps, input: CommitSettleInput): Promise<SettleOutcome> {
  const plan = settlePlanOf(input.plan);
  const refs = settleRefsOf(input.refs);
  const { accounting, field } = plan;
  // A side the settle did not read has no quantity to show, only the movement it received.
  const shown = (side: Side, quantity: number) => (plan.unread === side ? null : quantity);
  const outcome: SettleOutcome = {
    planId: plan.id,
    accountingItemId: plan.accountingItemId,
    fieldItemId: plan.fieldItemId,
    before: { base: plan.base, accounting: shown('accounting', accounting.seen), field: shown('field', field.seen) },
    after: {
      base: plan.newBase,
      accounting: shown('accounting', addQty(accounting.seen, accounting.move)),
      field: shown('field', addQty(field.seen, field.move)),
    },
    moved: { accounting: accounting.move, field: field.move },
  };
  const connection = await deps.store.connections.get(plan.connectionId);
  const systems: Record<Side, System> = { accounting: connection.accountingSystem, field: connection.fieldSystem };
  const committed = await deps.store.links.commitPlan(plan, refs, input.workflowId);
  if (committed) {
    log.info('quantity settled', {
      connectionId: plan.connectionId,
      accountingItemId: plan.accountingItemId,
      fieldItemId: plan.fieldItemId,
      planId: plan.id,
      moves: { accounting: accounting.move, field: field.move },
      base: plan.newBase,
    });
    metrics.settles.inc({ connection: plan.connectionId, result: 'moved' });
    for (const side of sides) {
      if (plan[side].move !== 0) metrics.movements.inc({ connection: plan.connectionId, target: systems[side] });
    }
  }
  const moved = sides
    .filter((side) => plan[side].move !== 0)
    .map((side) => `${systemLabel(systems[side])} ${signed(plan[side].move)}`);
  await deps.store.history.record({
    dedupeKey: plan.id,
    connectionId: plan.connectionId,
    kind: 'quantity',
    status: 'succeeded',
    workflowId: input.workflowId,
    runId: input.runId,
    accountingItemId: plan.accountingItemId,
    fieldItemId: plan.fieldItemId,
    itemName: plan.itemName ?? null,
    summary: `Quantity settled (${plan.reason}): ${moved.join(', ')}; ${agreement(plan, systems)}`,
    qtyBefore: readQuantities(outcome.before),
    qtyAfter: readQuantities(outcome.after),
    details: { movements: refs, planId: plan.id },
  });
  return outcome;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** What the settle leaves both sides agreeing on, and what it did not look at. */
function agreement(plan: SettlePlan, systems: Record<Side, System>): string {
  if (!plan.unread) return `both now at ${plan.newBase}`;
  return `base now ${plan.newBase}; ${systemLabel(systems[plan.unread])} was not read (only the side that changed is), so a change of its own settles when it is reported`;
}

/** The history keeps each side's quantity by side (`base` beside them); a side not read is left out. */
function readQuantities(quantities: SettleQuantities): HistoryQuantities {
  const shown: HistoryQuantities = { base: quantities.base };
  for (const side of sides) {
    const quantity = quantities[side];
    if (quantity !== null) shown[side] = quantity;
  }
  return shown;
}
