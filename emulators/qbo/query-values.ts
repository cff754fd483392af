import { parseQboInstant } from './time-format.js';

/** A value normalized for comparison: numbers (incl. booleans, numeric strings, dates as epoch ms) or lowercase text. */
export type Comparable = number | string;

const numeric = /^-?\d+(\.\d+)?$/;
const dateLike = /^\d{4}-\d{2}-\d{2}(T|$)/;

/** Normalizes a property value or literal; references compare by their `value`. Undefined when absent. */
export function comparable(value: unknown): Comparable | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return comparable((value as { value?: unknown }).value);
  if (typeof value !== 'string') return undefined;
  const text = value;
  if (numeric.test(text)) return Number(text);
  if (dateLike.test(text)) {
    const ms = parseQboInstant(text);
    if (ms !== undefined) return ms;
  }
  const lower = text.toLowerCase();
  if (lower === 'true') return 1;
  if (lower === 'false') return 0;
  return lower;
}

/** Orders two normalized values; numbers sort before text, absent values first. */
export function compareComparable(a: Comparable | undefined, b: Comparable | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Spellings seen so far for each lowercased segment, so most lookups avoid scanning Object.keys.
const spellings = new Map<string, string[]>();

function keyOf(obj: Record<string, unknown>, segment: string): string | undefined {
  if (segment in obj) return segment;
  const lower = segment.toLowerCase();
  const known = spellings.get(lower);
  const hit = known?.find((k) => k in obj);
  if (hit !== undefined) return hit;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  if (key !== undefined) spellings.set(lower, [...(known ?? []), key]);
  return key;
}

/** Resolves a dotted property path case-insensitively (`Metadata.LastUpdatedTime` works). */
export function propertyAt(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    const obj = current as Record<string, unknown>;
    const key = keyOf(obj, segment);
    current = key === undefined ? undefined : obj[key];
  }
  return current;
}

/** LIKE with `%` as the only wildcard, case-insensitive. */
export function likeMatcher(pattern: string): (value: unknown) => boolean {
  const source = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 'is');
  return (value) =>
    value !== undefined &&
    value !== null &&
    regex.test(String(typeof value === 'object' ? (value as { value?: unknown }).value : value));
}
