/** The uid of a reference that Zuper returns either as a uid string or as an object carrying one of `fields`. */
export function uidOf(value: unknown, ...fields: string[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const field of fields) if (typeof record[field] === 'string') return record[field];
  }
  return '';
}
