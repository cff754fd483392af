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
