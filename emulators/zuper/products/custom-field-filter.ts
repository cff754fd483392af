import { z } from 'zod';
import { ApiError } from '../http/envelope.js';
import type { ProductPredicate } from './product-predicates.js';

const customFieldSchema = z.object({
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  is_regex: z.boolean().optional(),
});

/**
 * `filter.custom_field` = JSON `{"label","value","is_regex"?}` matched against meta_data. Valid JSON of another
 * shape matches nothing; a non-JSON string is the live API's 500 "Error Fetching Products".
 */
export function customFieldPredicate(raw: string): ProductPredicate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError(500, 'Error Fetching Products');
  }
  const spec = customFieldSchema.safeParse(parsed);
  if (!spec.success) return () => false;
  const { label, value, is_regex } = spec.data;
  let test: (v: unknown) => boolean;
  if (is_regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(String(value), 'i');
    } catch {
      throw new ApiError(500, 'Error Fetching Products');
    }
    test = (v) => pattern.test(String(v));
  } else {
    test = (v) => String(v) === String(value);
  }
  return (p) => p.meta_data.some((field) => field.label === label && test(field.value));
}
