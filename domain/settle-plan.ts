import type { Side } from './sides.js';

/** One side's part of a settle: what it showed, the movement it receives and that movement's idempotency key. */
export interface SideMove {
  seen: number;
  /** Relative change to write on this side; 0 writes nothing. */
  move: number;
  movementId: string;
  /**
   * How many times a retry asked for a fresh request id for this side's write (absent: none). A system that answers a
   * repeated request id with its stored answer, a business-rule fault included, needs a new one after the fault is
   * fixed; the lookup by movement id before the write still keeps it exactly once.
   */
  requestAttempt?: number;
}

/** A settle decided but not yet committed; stored on the link so a crash or a reset resumes it, never re-decides it. */
export interface SettlePlan {
  id: string;
  connectionId: string;
  accountingItemId: string;
  fieldItemId: string;
  linkVersion: number;
  base: number;
  newBase: number;
  accounting: SideMove;
  field: SideMove;
  reason: string;
  plannedAt: string;
  /** The item's name read with the quantities (the accounting side's when it was read), for the history row; absent
   *  when planned from a bulk snapshot. */
  itemName?: string;
  /**
   * The side this settle did not read (docs/settle.md, "One side read"): its `seen` is the base, so its change counts
   * as none, and whatever it changed since the base is settled by the pass its own trigger asks for. Absent: both read.
   */
  unread?: Side;
}

/** The item id a plan moves on one side. */
export const planItemId = (plan: SettlePlan, side: Side): string =>
  side === 'accounting' ? plan.accountingItemId : plan.fieldItemId;

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

/** Quantities around a settle; a side the settle did not read is null. */
export interface SettleQuantities {
  base: number;
  accounting: number | null;
  field: number | null;
}

/** What a committed settle changed, for the history and the caller. */
export interface SettleOutcome {
  planId: string | null;
  accountingItemId: string;
  fieldItemId: string;
  before: SettleQuantities;
  after: SettleQuantities;
  /** The relative movement each side received (0: none). */
  moved: Record<Side, number>;
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
