const REMARK_MARKER = /^\[qzsync ([A-Za-z0-9-]{1,64})\] /;

/** Zuper stock remarks carry the movement id so a retry can find a write whose answer was lost. */
export const movementRemark = (movementId: string, reason: string) => `[qzsync ${movementId}] ${reason}`.slice(0, 250);

/** The movement id a remark written by movementRemark carries; null for any other remark. */
export const movementIdInRemark = (remarks: string): string | null => REMARK_MARKER.exec(remarks)?.[1] ?? null;
