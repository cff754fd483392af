import type { SettleOutcome } from './settle-plan.js';
import type { FailureExplanation } from './sync-failure.js';

/** Quantities read in bulk (by reconciliation) with the link version seen before the read. */
export interface QuantitySnapshot {
  qbo: number;
  zuper: number;
  linkVersion: number;
}

/** What an item's quantity workflow is asked to do: settle, for a reason the history keeps. */
export interface SettleRequest {
  reason: string;
  /** Set by reconciliation: quantities it already read in bulk, used when nothing moved since. */
  snapshot?: QuantitySnapshot;
}

export type SettleResult =
  | { status: 'in-sync'; qbo: number; zuper: number; base: number }
  | { status: 'settled'; outcome: SettleOutcome }
  | { status: 'failed'; failure: FailureExplanation };
