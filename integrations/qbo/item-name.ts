/** QBO item names: 1 to 100 characters, no colon, tab or newline (docs/qbo-behaviour.md, "Item names"). */
export const QBO_NAME_MAX = 100;

export type QboNameResult = { ok: true; name: string; changed: boolean } | { ok: false; reason: string };

export function toQboName(name: string): QboNameResult {
  const cleaned = name
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/:/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, QBO_NAME_MAX)
    .trim();
  if (cleaned.length === 0) return { ok: false, reason: `the name "${name}" has no characters QuickBooks accepts` };
  return { ok: true, name: cleaned, changed: cleaned !== name };
}
