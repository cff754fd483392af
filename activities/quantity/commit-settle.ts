import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../deps.js';
import { addQty } from '../../domain/quantity.js';
import type { SettleOutcome } from '../../domain/settle-plan.js';
import { metrics } from '../../observability/metrics.js';
import type { CommitSettleInput } from './types.js';

/** Moves the base and writes the ledger and the history row; safe to repeat (a second commit changes nothing). */
export async function commitSettle(deps: ActivityDeps, input: CommitSettleInput): Promise<SettleOutcome> {
  const { plan } = input;
  const outcome: SettleOutcome = {
    planId: plan.id,
    qboItemId: plan.qboItemId,
    zuperProductUid: plan.zuperProductUid,
    before: { base: plan.base, qbo: plan.qboSeen, zuper: plan.zuperSeen },
    after: { base: plan.newBase, qbo: addQty(plan.qboSeen, plan.toQbo), zuper: addQty(plan.zuperSeen, plan.toZuper) },
    toQbo: plan.toQbo,
    toZuper: plan.toZuper,
  };
  const committed = await deps.store.links.commitPlan(plan, input.refs, input.workflowId);
  if (committed) {
    log.info('quantity settled', {
      connectionId: plan.connectionId,
      qboItemId: plan.qboItemId,
      zuperProductUid: plan.zuperProductUid,
      planId: plan.id,
      toQbo: plan.toQbo,
      toZuper: plan.toZuper,
      base: plan.newBase,
    });
    metrics.settles.inc({ connection: plan.connectionId, result: 'moved' });
    if (plan.toQbo !== 0) metrics.movements.inc({ connection: plan.connectionId, target: 'qbo' });
    if (plan.toZuper !== 0) metrics.movements.inc({ connection: plan.connectionId, target: 'zuper' });
  }
  const moved = [
    plan.toQbo !== 0 ? `QuickBooks ${signed(plan.toQbo)}` : null,
    plan.toZuper !== 0 ? `Zuper ${signed(plan.toZuper)}` : null,
  ].filter(Boolean);
  await deps.store.history.record({
    dedupeKey: plan.id,
    connectionId: plan.connectionId,
    kind: 'quantity',
    status: 'succeeded',
    workflowId: input.workflowId,
    runId: input.runId,
    qboItemId: plan.qboItemId,
    zuperProductUid: plan.zuperProductUid,
    itemName: plan.itemName ?? null,
    summary: `Quantity settled (${plan.reason}): ${moved.join(', ')}; both now at ${plan.newBase}`,
    qtyBefore: outcome.before,
    qtyAfter: outcome.after,
    details: { movements: { qbo: input.refs.qbo, zuper: input.refs.zuper }, planId: plan.id },
  });
  return outcome;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
