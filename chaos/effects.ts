/** A stock movement's effect: QBO item id → signed quantity change (+ stock in, − stock out). */
export type Effect = Map<string, number>;

/** Adds `qty × sign` per line into one effect (lines may repeat an item). */
export function effectOf(lines: readonly { qboItemId: string; qty: number }[], sign: number): Effect {
  const effect: Effect = new Map();
  for (const { qboItemId, qty } of lines) effect.set(qboItemId, (effect.get(qboItemId) ?? 0) + sign * qty);
  return effect;
}

/** `after − before`, per item. */
export function effectBetween(before: Effect, after: Effect): Effect {
  const change: Effect = new Map();
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(id) ?? 0) - (before.get(id) ?? 0);
    if (delta !== 0) change.set(id, delta);
  }
  return change;
}

/** Random whole quantities 1…max, and a different one than a given quantity. */
export const randomQty = (rng: () => number, max: number) => 1 + Math.floor(rng() * max);
export function otherQty(rng: () => number, max: number, not: number): number {
  const qty = randomQty(rng, max - 1);
  return qty >= not ? qty + 1 : qty;
}

/** One of `list`, chosen by `rng`; undefined for an empty list. */
export const pick = <T>(rng: () => number, list: readonly T[]): T | undefined => list[Math.floor(rng() * list.length)];
