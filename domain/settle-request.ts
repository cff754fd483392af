import { settleOutcomeOf, type SettleOutcome, type SettleQuantities, type StoredSettleOutcome } from './settle-plan.js';
import type { Side } from './sides.js';
import type { FailureExplanation } from './sync-failure.js';

/** Quantities read in bulk (by reconciliation) with the link version seen before the read. */
export interface QuantitySnapshot {
  accounting: number;
  field: number;
  linkVersion: number;
}

/** A snapshot as versions before the side-neutral request sent it (recorded in signals, updates and carried runs). */
interface OlderQuantitySnapshot {
  qbo: number;
  zuper: number;
  linkVersion: number;
}

/** A snapshot in either shape. */
export type StoredQuantitySnapshot = QuantitySnapshot | OlderQuantitySnapshot;

/** Reads a snapshot in either shape, so requests sent before the side-neutral request still settle from it. */
export const quantitySnapshotOf = (stored: StoredQuantitySnapshot): QuantitySnapshot =>
  'qbo' in stored
    ? { accounting: stored.qbo, field: stored.zuper, linkVersion: stored.linkVersion }
    : { accounting: stored.accounting, field: stored.field, linkVersion: stored.linkVersion };

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

/** The quantities of a settle that found both sides agreeing, as versions before the side-neutral result named them. */
interface OlderInSyncQuantities {
  qbo: number | null;
  zuper: number | null;
  base: number;
}

/** Reads an in-sync settle's quantities in either shape (a side the settle did not read shows null). */
export const inSyncQuantitiesOf = (stored: SettleQuantities | OlderInSyncQuantities): SettleQuantities =>
  'qbo' in stored
    ? { base: stored.base, accounting: stored.qbo, field: stored.zuper }
    : { base: stored.base, accounting: stored.accounting, field: stored.field };

export type SettleResult =
  /** A side the settle did not read shows null. */
  | ({ status: 'in-sync' } & SettleQuantities)
  | { status: 'settled'; outcome: SettleOutcome }
  | { status: 'failed'; failure: FailureExplanation };

/**
 * A result in either shape: workflows of versions before the side-neutral result answer `{ qbo, zuper, base }` when
 * in sync and a settled outcome in its flat shape, and histories recorded them so.
 */
export type StoredSettleResult =
  SettleResult | ({ status: 'in-sync' } & OlderInSyncQuantities) | { status: 'settled'; outcome: StoredSettleOutcome };

/** Reads a result in either shape. */
export function settleResultOf(stored: StoredSettleResult): SettleResult {
  switch (stored.status) {
    case 'in-sync':
      return { status: 'in-sync', ...inSyncQuantitiesOf(stored) };
    case 'settled':
      return { status: 'settled', outcome: settleOutcomeOf(stored.outcome) };
    case 'failed':
      return stored;
  }
}
