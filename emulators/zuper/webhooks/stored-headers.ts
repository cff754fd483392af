/**
 * Zuper keeps webhook headers as a JSON string. An object sent at create/update is stored as its JSON and sent
 * with every delivery; a string that is already JSON is encoded a second time, so it no longer parses to an
 * object and is never sent (the live behaviour integrators report).
 */
export function encodeHeaders(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  return JSON.stringify(input);
}

/** The headers a delivery carries: the stored JSON when it decodes to an object of values, else none. */
export function decodeHeaders(stored: string | null): Record<string, string> {
  if (stored === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== null && value !== undefined)
      headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return headers;
}
