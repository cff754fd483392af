/** Quantities are decimals (a field system may store fractions); six places hide float drift such as 28.130000000000003. */
const SCALE = 1e6;

export function roundQty(value: number): number {
  const rounded = Math.round(value * SCALE) / SCALE;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function addQty(...values: number[]): number {
  return roundQty(values.reduce((sum, v) => sum + v, 0));
}

export function subQty(a: number, b: number): number {
  return roundQty(a - b);
}

export function parseQty(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new RangeError(`not a quantity: ${String(value)}`);
  return roundQty(n);
}
