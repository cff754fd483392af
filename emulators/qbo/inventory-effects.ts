// Pure QtyOnHand arithmetic for transactions. A transaction's effect is a map itemId → signed quantity change.

export type Effect = Map<string, number>;

/** Quantities are decimals; round away binary noise so repeated apply/reverse returns to the exact start. */
export function roundQty(q: number): number {
  return Math.round(q * 1e6) / 1e6 + 0;
}

export function roundAmount(a: number): number {
  return Math.round(a * 100) / 100 + 0;
}

/** Sales/purchase lines: each tracked item's quantity times the entity's sign (+1 stock in, -1 stock out). */
export function lineEffect(sign: -1 | 0 | 1, lines: { itemId: string; qty: number }[]): Effect {
  const effect: Effect = new Map();
  if (sign === 0) return effect;
  for (const { itemId, qty } of lines) effect.set(itemId, roundQty((effect.get(itemId) ?? 0) + sign * qty));
  return effect;
}

/** InventoryAdjustment lines: QtyDiff adds; NewQty sets, i.e. adds the difference to the quantity seen so far. */
export function adjustmentEffect(
  lines: { itemId: string; qtyDiff?: number; newQty?: number }[],
  currentQty: (itemId: string) => number,
): Effect {
  const effect: Effect = new Map();
  for (const line of lines) {
    const soFar = effect.get(line.itemId) ?? 0;
    const delta = line.newQty !== undefined ? line.newQty - (currentQty(line.itemId) + soFar) : (line.qtyDiff ?? 0);
    effect.set(line.itemId, roundQty(soFar + delta));
  }
  return effect;
}

export function negate(effect: Effect): Effect {
  return new Map([...effect].map(([id, q]) => [id, roundQty(-q)]));
}

/** Per item, `after − before`: what an update changes on top of the original. Items netting to zero are left out. */
export function difference(before: Effect, after: Effect): Effect {
  const out: Effect = new Map();
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const d = roundQty((after.get(id) ?? 0) - (before.get(id) ?? 0));
    if (d !== 0) out.set(id, d);
  }
  return out;
}
