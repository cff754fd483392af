import { z } from 'zod';
import { faults } from './fault-shapes.js';

// QBO's JSON binder accepts numbers and booleans as strings too.
export const decimal = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
export const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
export const idString = z.union([z.string(), z.number().transform(String)]);
export const reference = z.object({ value: idString, name: z.string().optional(), type: z.string().optional() });
export type Reference = z.infer<typeof reference>;

/** Parses a request payload; unknown properties answer 2010 naming the property, bad values 2010 with the path. */
export function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw faults.malformedBody('Request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') throw faults.unsupportedProperty(issue.keys[0] ?? '');
  throw faults.malformedBody(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/** Whether a JSON object explicitly carries a property (sparse updates touch only those). */
export function has(body: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(body, key);
}
