/**
 * Settle plans and outcomes as versions before the side-neutral settle stored them on links and recorded them in
 * workflow histories. Can go once no link holds a pending flat plan and no running or replayed history holds one.
 */
import type { SettleOutcome, SettlePlan } from '../settle-plan.js';

/**
 * A plan as versions before the side-neutral settle stored it (on links) and recorded it (in workflow histories):
 * flat fields named after QuickBooks and Zuper.
 */
interface FlatSettlePlan {
  id: string;
  connectionId: string;
  qboItemId: string;
  zuperProductUid: string;
  linkVersion: number;
  base: number;
  qboSeen: number;
  zuperSeen: number;
  toQbo: number;
  toZuper: number;
  newBase: number;
  qboMovementId: string;
  zuperMovementId: string;
  reason: string;
  plannedAt: string;
  itemName?: string;
  qboRequestAttempt?: number;
}

/** A plan in either shape. */
export type StoredSettlePlan = SettlePlan | FlatSettlePlan;

/** Reads a plan in either shape, so pending plans and running workflows from before the side-neutral settle go on. */
export function settlePlanOf(stored: StoredSettlePlan): SettlePlan {
  if (!('toQbo' in stored)) return stored;
  return {
    id: stored.id,
    connectionId: stored.connectionId,
    accountingItemId: stored.qboItemId,
    fieldItemId: stored.zuperProductUid,
    linkVersion: stored.linkVersion,
    base: stored.base,
    newBase: stored.newBase,
    accounting: {
      seen: stored.qboSeen,
      move: stored.toQbo,
      movementId: stored.qboMovementId,
      ...(stored.qboRequestAttempt ? { requestAttempt: stored.qboRequestAttempt } : {}),
    },
    field: { seen: stored.zuperSeen, move: stored.toZuper, movementId: stored.zuperMovementId },
    reason: stored.reason,
    plannedAt: stored.plannedAt,
    ...(stored.itemName === undefined ? {} : { itemName: stored.itemName }),
  };
}

/** An outcome as versions before the side-neutral settle returned it (recorded in workflow histories). */
interface FlatSettleOutcome {
  planId: string | null;
  qboItemId: string;
  zuperProductUid: string;
  before: { base: number; qbo: number; zuper: number };
  after: { base: number; qbo: number; zuper: number };
  toQbo: number;
  toZuper: number;
}

/** An outcome in either shape. */
export type StoredSettleOutcome = SettleOutcome | FlatSettleOutcome;

/** Reads an outcome in either shape, so histories recorded before the side-neutral outcome replay. */
export function settleOutcomeOf(stored: StoredSettleOutcome): SettleOutcome {
  if (!('toQbo' in stored)) return stored;
  const quantities = (q: FlatSettleOutcome['before']) => ({ base: q.base, accounting: q.qbo, field: q.zuper });
  return {
    planId: stored.planId,
    accountingItemId: stored.qboItemId,
    fieldItemId: stored.zuperProductUid,
    before: quantities(stored.before),
    after: quantities(stored.after),
    moved: { accounting: stored.toQbo, field: stored.toZuper },
  };
}
