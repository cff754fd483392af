import type { ChaosDefinition } from './definitions.js';
/** Everything the invariants are checked against, read once the run is over. */
export interface Observations {
  items: { qboItemId: string; zuperProductUid: string; qbo: number; zuper: number; expected: number }[];
  /** The service's movement ledger. */
  ledger: { id: string; target: 'qbo' | 'zuper'; qboItemId: string; qtyDiff: number }[];
  /** QBO inventory adjustments whose DocNumber is a movement id. */
  qboWrites: { movementId: string; adjustmentId: string; qboItemId: string | null; qtyDiff: number }[];
  /** Zuper stock transactions whose remarks carry a movement id. */
  zuperWrites: { movementId: string; transactionUid: string; productUid: string; qtyDiff: number }[];
  /** Items with a settle plan still pending. */
  pendingPlans: string[];
  /** History rows that failed or need attention. */
  failures: { id: number; kind: string; status: string; qboItemId: string | null; explanation: string | null }[];
  /** Items whose definition the product master's user changed: what it was last given, and what each side holds. */
  definitions?: { qboItemId: string; expected: ChaosDefinition; accounting: ChaosDefinition; field: ChaosDefinition }[];
}

export interface Violation {
  rule:
    | 'quantity'
    | 'ledger'
    | 'applied-twice'
    | 'write-without-ledger'
    | 'pending-plan'
    | 'unexplained-failure'
    | 'definition'
    | 'not-settled';
  /** The QBO item concerned, when there is one. */
  item: string | null;
  detail: string;
}

const groupBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};

/**
 * The chaos run's verdict: every item agrees on both sides with the users' movements, every ledger movement was
 * written exactly once where it was meant to go (and nothing was written that the ledger does not know), no settle is
 * left half-done, and every failure the history shows is explained.
 */
export function checkInvariants(o: Observations): Violation[] {
  const violations: Violation[] = [];
  const productToItem = new Map(o.items.map((i) => [i.zuperProductUid, i.qboItemId]));

  for (const i of o.items) {
    if (i.qbo !== i.expected || i.zuper !== i.expected) {
      violations.push({
        rule: 'quantity',
        item: i.qboItemId,
        detail: `QBO ${i.qbo}, Zuper ${i.zuper}, expected ${i.expected} (Zuper product ${i.zuperProductUid})`,
      });
    }
  }

  for (const [id, rows] of groupBy(o.ledger, (m) => m.id)) {
    if (rows.length > 1)
      violations.push({
        rule: 'ledger',
        item: rows[0]!.qboItemId,
        detail: `movement id ${id} is in the ledger ${rows.length} times`,
      });
  }

  const qboById = groupBy(o.qboWrites, (w) => w.movementId);
  const zuperById = groupBy(o.zuperWrites, (w) => w.movementId);
  const ledgerIds = new Set(o.ledger.map((m) => m.id));
  for (const m of o.ledger) {
    const writes = m.target === 'qbo' ? (qboById.get(m.id) ?? []) : (zuperById.get(m.id) ?? []);
    const refs = writes.map((w) =>
      'adjustmentId' in w ? `adjustment ${w.adjustmentId}` : `transaction ${w.transactionUid}`,
    );
    if (writes.length !== 1) {
      violations.push({
        rule: 'applied-twice',
        item: m.qboItemId,
        detail: `movement ${m.id} (${m.target} ${m.qtyDiff}) was written ${writes.length} times in ${m.target === 'qbo' ? 'QBO' : 'Zuper'}: ${refs.join(', ') || 'none'}`,
      });
      continue;
    }
    const write = writes[0]!;
    const item = 'adjustmentId' in write ? write.qboItemId : (productToItem.get(write.productUid) ?? null);
    if (write.qtyDiff !== m.qtyDiff || item !== m.qboItemId) {
      violations.push({
        rule: 'ledger',
        item: m.qboItemId,
        detail: `movement ${m.id} is ${m.qtyDiff} for item ${m.qboItemId} in the ledger but ${write.qtyDiff} for item ${item} in ${refs[0]}`,
      });
    }
  }
  for (const w of [...o.qboWrites, ...o.zuperWrites]) {
    if (ledgerIds.has(w.movementId)) continue;
    const item = 'adjustmentId' in w ? w.qboItemId : (productToItem.get(w.productUid) ?? null);
    const ref = 'adjustmentId' in w ? `QBO adjustment ${w.adjustmentId}` : `Zuper transaction ${w.transactionUid}`;
    violations.push({
      rule: 'write-without-ledger',
      item,
      detail: `${ref} carries movement ${w.movementId} (${w.qtyDiff}), which the ledger does not have`,
    });
  }

  const same = (a: ChaosDefinition, b: ChaosDefinition) =>
    a.name === b.name && a.description === b.description && Math.abs(a.price - b.price) < 1e-4;
  for (const d of o.definitions ?? []) {
    if (!same(d.accounting, d.expected) || !same(d.field, d.expected))
      violations.push({
        rule: 'definition',
        item: d.qboItemId,
        detail: `given ${JSON.stringify(d.expected)}, the accounting item holds ${JSON.stringify(d.accounting)} and the Zuper product ${JSON.stringify(d.field)}`,
      });
  }

  for (const item of o.pendingPlans)
    violations.push({ rule: 'pending-plan', item, detail: 'a settle plan is still pending' });
  for (const f of o.failures) {
    if (!f.explanation?.trim()) {
      violations.push({
        rule: 'unexplained-failure',
        item: f.qboItemId,
        detail: `history row ${f.id} (${f.kind}, ${f.status}) has no explanation`,
      });
    }
  }
  return violations;
}
