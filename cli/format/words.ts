import { isSystem, systemLabel } from '../../domain/systems.js';

/** Small wording helpers shared by the formatters. */
export const systemName = (system: string) => (isSystem(system) ? systemLabel(system) : system);

/** An ISO time as "2026-11-30 12:00:01Z": readable, still unambiguous. */
export const when = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–');

export { plural } from '../../domain/words.js';

/** "a, b or c". */
export const orList = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** 900 → "15m", 3600 → "1h", 90 → "90s". */
export function seconds(total: number): string {
  if (total % 3600 === 0) return `${total / 3600}h`;
  if (total % 60 === 0) return `${total / 60}m`;
  return `${total}s`;
}

/** Indents every line of a block. */
export const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
