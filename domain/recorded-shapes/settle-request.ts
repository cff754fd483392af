/**
 * Settle requests and results as versions before the side-neutral request sent and answered them (signals, updates,
 * carried runs and workflow results in histories). Can go once no running or replayed history holds one.
 */
import { settleOutcomeOf, type StoredSettleOutcome } from './settle-plan.js';
import type { SettleQuantities } from '../settle-plan.js';
import type { QuantitySnapshot, SettleResult } from '../settle-request.js';
import type { Side } from '../sides.js';

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
/** The quantities of a settle that found both sides agreeing, as versions before the side-neutral result named them. */
export interface OlderInSyncQuantities {
  qbo: number | null;
  zuper: number | null;
  base: number;
}

/** Reads an in-sync settle's quantities in either shape (a side the settle did not read shows null). */
export const inSyncQuantitiesOf = (stored: SettleQuantities | OlderInSyncQuantities): SettleQuantities =>
  'qbo' in stored
    ? { base: stored.base, accounting: stored.qbo, field: stored.zuper }
    : { base: stored.base, accounting: stored.accounting, field: stored.field };
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

/** Each side's reference to its write as runs from before the side-neutral settle send it to the commit. */
interface OlderSettleRefs {
  qbo: string | null;
  zuper: string | null;
}

export type StoredSettleRefs = Record<Side, string | null> | OlderSettleRefs;

/** Reads the commit's references in either shape. */
export const settleRefsOf = (refs: StoredSettleRefs): Record<Side, string | null> =>
  'qbo' in refs ? { accounting: refs.qbo, field: refs.zuper } : refs;
