import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { addQty } from '../../domain/quantity.js';
import { settlePlanOf, type SettleOutcome } from '../../domain/settle-plan.js';
import { metrics } from '../../observability/metrics.js';
import type { CommitSettleInput } from './types.js';
import { sides, type Side } from '../../domain/sides.js';
import { systemLabel, type System } from '../../domain/systems.js';

/** Moves the base and writes the ledger and the history row; safe to repeat (a second commit changes nothing). */
export async function commitSettle(deps: ActivityDeps, input: CommitSettleInput): Promise<SettleOutcome> {
  const plan = settlePlanOf(input.plan);
  const refs = 'qbo' in input.refs ? { accounting: input.refs.qbo, field: input.refs.zuper } : input.refs;
  const { accounting, field } = plan;
  const outcome: SettleOutcome = {
    planId: plan.id,
    qboItemId: plan.accountingItemId,
    zuperProductUid: plan.fieldItemId,
    before: { base: plan.base, qbo: accounting.seen, zuper: field.seen },
    after: { base: plan.newBase, qbo: addQty(accounting.seen, accounting.move), zuper: addQty(field.seen, field.move) },
    toQbo: accounting.move,
    toZuper: field.move,
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
    summary: `Quantity settled (${plan.reason}): ${moved.join(', ')}; both now at ${plan.newBase}`,
    qtyBefore: outcome.before,
    qtyAfter: outcome.after,
    details: { movements: { qbo: refs.accounting, zuper: refs.field }, planId: plan.id },
  });
  return outcome;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
