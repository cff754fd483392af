/** Recursively optional view of a settings object: what a patch may contain. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Applies a patch onto a base value: plain objects merge key by key, everything else (arrays, scalars, null)
 * replaces, as do objects at the dotted paths `atomic` names (free-form bodies). `undefined` in the patch
 * leaves the base untouched. The result must be validated by the caller.
 */
export function deepMerge(base: unknown, patch: unknown, atomic: ReadonlySet<string> = new Set(), path = ''): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch) || atomic.has(path)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = deepMerge(base[key], value, atomic, path ? `${path}.${key}` : key);
  }
  return out;
}
