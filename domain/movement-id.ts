import { createHash } from 'node:crypto';

/**
 * Deterministic ids: the same settle always produces the same plan and movement ids, so a retry after a crash or a
 * lost response sends the same idempotency key. Movement ids fit QBO's DocNumber (21) and requestid (50) limits.
 */
export function settlePlanId(connectionId: string, qboItemId: string, linkVersion: number): string {
  return `st-${digest(`${connectionId}\u0000${qboItemId}\u0000${linkVersion}`, 24)}`;
}

export function movementId(planId: string, target: 'qbo' | 'zuper'): string {
  return `mv${target === 'qbo' ? 'q' : 'z'}-${digest(`${planId}\u0000${target}`, 16)}`;
}

/** The requestid of the plan's QuickBooks write: its movement id, then with a suffix per fresh id a retry asked for. */
export function qboRequestId(plan: { qboMovementId: string; qboRequestAttempt?: number }): string {
  return plan.qboRequestAttempt ? `${plan.qboMovementId}-r${plan.qboRequestAttempt}` : plan.qboMovementId;
}

function digest(input: string, length: number): string {
  return createHash('sha256').update(input).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);
}
