/**
 * The two sides every connection syncs: the books the office keeps (the accounting system) and the field-service
 * system technicians work in (the field system). The settle, the ledger and the history speak of sides; which system sits on a
 * side is a connection's business (docs/sides.md).
 */
export type Side = 'accounting' | 'field';

export const sides: readonly Side[] = ['accounting', 'field'];

export const otherSide = (side: Side): Side => (side === 'accounting' ? 'field' : 'accounting');
