export const name = '026-movements-by-external-ref';

/**
 * Intake asks, for each field-side movement delivery, whether the system's id it names is one of our recent writes
 * (an echo of our own movement needs no read). Without an index that question scans the connection's whole ledger,
 * which only grows. Partial: most accounting-side rows carry no external reference.
 */
export const sql = `
CREATE INDEX movements_by_external_ref ON movements (connection_id, side, external_ref) WHERE external_ref IS NOT NULL;
`;
