import type { SettleOutcome, SettlePlan } from '../../domain/settle-plan.js';

/** Quantities read in bulk (by reconciliation) with the link version seen before the read. */
export interface QuantitySnapshot {
  qbo: number;
  zuper: number;
  linkVersion: number;
}

export interface PlanSettleInput {
  connectionId: string;
  qboItemId: string;
  reason: string;
  snapshot?: QuantitySnapshot;
}

export type PlanSettleResult =
  { kind: 'in-sync'; qbo: number; zuper: number; base: number } | { kind: 'plan'; plan: SettlePlan; resumed: boolean };

export interface CommitSettleInput {
  plan: SettlePlan;
  refs: { qbo: string | null; zuper: string | null };
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

export type { SettleOutcome, SettlePlan };
