/** Parses a raw request body as JSON; undefined when it is empty or not JSON. */
export function parseJsonBody(raw: Buffer | undefined): { value: unknown } | undefined {
  if (!raw || raw.length === 0) return undefined;
  try {
    return { value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}
