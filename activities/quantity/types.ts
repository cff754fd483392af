import type { SettleOutcome, SettlePlan, SettleQuantities } from '../../domain/settle-plan.js';
import type { Side } from '../../domain/sides.js';
import type { QuantitySnapshot } from '../../domain/settle-request.js';
import type {
  OlderInSyncQuantities,
  StoredQuantitySnapshot,
  StoredSettleRefs,
} from '../../domain/recorded-shapes/settle-request.js';
import type { AccountingItemIdInput, ItemIdsInput } from '../../domain/recorded-shapes/item-ids.js';

/** Activity tasks scheduled before the side-neutral settle name the item as `AccountingItemIdInput` reads it. */
export type PlanSettleInput = AccountingItemIdInput & {
  connectionId: string;
  reason: string;
  /** Tasks scheduled before the side-neutral request carry the older shape. */
  snapshot?: StoredQuantitySnapshot;
  /** Read only this side (the one whose change asked for the settle); absent: read both. */
  readOnly?: Side;
  /** Apply a plan that moves one side only in this activity (runs from the `fold-one-sided-apply` patch on). */
  applyOneSided?: true;
};

/** A side the settle did not read shows null. `applied`: the one side's movement, written by `applyOneSided`. */
export type PlanSettleResult =
  | ({ kind: 'in-sync' } & SettleQuantities)
  | { kind: 'plan'; plan: SettlePlan; resumed: boolean; applied?: { side: Side; ref: string } };

/** A result as histories recorded it: in sync, versions before the side-neutral result answered the older shape. */
export type StoredPlanSettleResult = PlanSettleResult | ({ kind: 'in-sync' } & OlderInSyncQuantities);

export interface ApplyMovementInput {
  plan: SettlePlan;
  side: Side;
  /** The plan was found pending (an earlier run may have written part of it). */
  resumed: boolean;
}

export interface CommitSettleInput {
  plan: SettlePlan;
  /** Each side's reference to its write (null: nothing written there), in either shape (`settleRefsOf`). */
  refs: StoredSettleRefs;
  workflowId: string;
  runId: string;
}

/** The item's ids are empty strings where unknown; tasks from before the side-neutral settle use the older names. */
export type RecordFailureInput = ItemIdsInput & {
  connectionId: string;
  kind: 'quantity' | 'item' | 'link' | 'reconcile';
  workflowId: string;
  runId: string;
  status: 'needs_attention' | 'failed';
  code: string | null;
  explanation: string;
  fix: string | null;
};

export type { QuantitySnapshot, SettleOutcome, SettlePlan };
