/** Zuper stock remarks carry the movement id so a retry can find a write whose answer was lost. */
export const movementRemark = (movementId: string, reason: string) => `[qzsync ${movementId}] ${reason}`.slice(0, 250);
