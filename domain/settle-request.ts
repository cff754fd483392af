import type { SettleOutcome, SettleQuantities } from './settle-plan.js';
import type { StoredQuantitySnapshot } from './recorded-shapes/settle-request.js';
import type { Side } from './sides.js';
import type { FailureExplanation } from './sync-failure.js';

/** Quantities read in bulk (by reconciliation) with the link version seen before the read. */
export interface QuantitySnapshot {
  accounting: number;
  field: number;
  linkVersion: number;
}

/** What an item's quantity workflow is asked to do: settle, for a reason the history keeps. */
export interface SettleRequest {
  reason: string;
  /**
   * Set by reconciliation: quantities it already read in bulk, used when nothing moved since. Requests sent before
   * the side-neutral request carry the older shape (`quantitySnapshotOf` reads both).
   */
  snapshot?: StoredQuantitySnapshot;
  /**
   * The side whose change asked for the settle (a webhook, a movement row, the adjustment watch). When every request
   * of a pass names the same side, the pass reads only that side: the other side's changes come with triggers of
   * their own (docs/settle.md, "One side read").
   */
  origin?: Side;
}

export type SettleResult =
  /** A side the settle did not read shows null. */
  | ({ status: 'in-sync' } & SettleQuantities)
  | { status: 'settled'; outcome: SettleOutcome }
  | { status: 'failed'; failure: FailureExplanation };
