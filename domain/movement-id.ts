import { createHash } from 'node:crypto';
import type { Side } from './sides.js';

/**
 * Deterministic ids: the same settle always produces the same plan and movement ids, so a retry after a crash or a
 * lost response sends the same idempotency key. Movement ids fit in 21 characters, the shortest document number a
 * system on either side stores them in.
 */
export function settlePlanId(connectionId: string, accountingItemId: string, linkVersion: number): string {
  return `st-${digest(`${connectionId}\u0000${accountingItemId}\u0000${linkVersion}`, 24)}`;
}

/**
 * `mva-…` on the accounting side, `mvf-…` on the field side. Plans made before the side-neutral settle used `mvq-…`
 * and `mvz-…`; they stay valid (a plan keeps the ids it was made with).
 */
export function movementId(planId: string, side: Side): string {
  return `mv${side === 'accounting' ? 'a' : 'f'}-${digest(`${planId}\u0000${side}`, 16)}`;
}

/**
 * The movement that gives an item the sync created on the accounting side its starting quantity, where the creation
 * cannot carry it (a system whose stock sits at sites): one per item, whichever attempt writes it.
 */
export function startingQuantityMovementId(connectionId: string, accountingItemId: string): string {
  return `mva-${digest(`start\u0000${connectionId}\u0000${accountingItemId}`, 16)}`;
}

/** Every movement id this sync ever wrote, by either naming. */
export const ownMovementIdPattern = /^mv[aqfz]-[A-Za-z0-9]+$/;

/** The request id of a side's write: its movement id, then with a suffix per fresh id a retry asked for. */
export function movementRequestId(move: { movementId: string; requestAttempt?: number }): string {
  return move.requestAttempt ? `${move.movementId}-r${move.requestAttempt}` : move.movementId;
}

function digest(input: string, length: number): string {
  return createHash('sha256').update(input).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);
}
