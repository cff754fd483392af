import type { SettleOutcome, SettlePlan } from '../../domain/settle-plan.js';
import type { Side } from '../../domain/sides.js';
import type { QuantitySnapshot } from '../../domain/settle-request.js';

export interface PlanSettleInput {
  connectionId: string;
  qboItemId: string;
  reason: string;
  snapshot?: QuantitySnapshot;
}

export type PlanSettleResult =
  { kind: 'in-sync'; qbo: number; zuper: number; base: number } | { kind: 'plan'; plan: SettlePlan; resumed: boolean };

export interface ApplyMovementInput {
  plan: SettlePlan;
  side: Side;
  /** The plan was found pending (an earlier run may have written part of it). */
  resumed: boolean;
}

export interface CommitSettleInput {
  plan: SettlePlan;
  /** Each side's reference to its write (null: nothing written there). Runs from before the side-neutral settle
   *  send `{ qbo, zuper }`. */
  refs: Record<Side, string | null> | { qbo: string | null; zuper: string | null };
  workflowId: string;
  runId: string;
}

export interface RecordFailureInput {
  connectionId: string;
  qboItemId: string;
  zuperProductUid: string;
  kind: 'quantity' | 'item' | 'link' | 'reconcile';
  workflowId: string;
  runId: string;
  status: 'needs_attention' | 'failed';
  code: string | null;
  explanation: string;
  fix: string | null;
}

export type { QuantitySnapshot, SettleOutcome, SettlePlan };
