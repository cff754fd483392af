import { z } from 'zod';
import { parseOrThrow } from './validate.js';

/** The object under a wrapper key (`{"product":{...}}`, `{"invoice":{...}}`, …); 400 when absent. */
export function wrapped(body: unknown, key: string): Record<string, unknown> {
  const schema = z.object({ [key]: z.record(z.string(), z.unknown()) });
  return parseOrThrow(schema, body)[key] as Record<string, unknown>;
}
