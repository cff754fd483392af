/** A settle decided but not yet committed; stored on the link so a crash or a reset resumes it, never re-decides it. */
export interface SettlePlan {
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
  /** The QuickBooks name read with the quantities, for the history row; absent when planned from a bulk snapshot. */
  itemName?: string;
  /**
   * How many times a retry asked for a fresh QuickBooks request id (absent: none). QuickBooks answers a repeated
   * requestid with its stored answer, a business-rule fault included, so a retry after fixing that fault must send
   * a new one; the DocNumber lookup before the write still keeps it exactly once.
   */
  qboRequestAttempt?: number;
}

/** What a committed settle changed, for the history and the caller. */
export interface SettleOutcome {
  planId: string | null;
  qboItemId: string;
  zuperProductUid: string;
  before: { base: number; qbo: number; zuper: number };
  after: { base: number; qbo: number; zuper: number };
  toQbo: number;
  toZuper: number;
}
