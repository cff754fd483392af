import { z } from 'zod';

/** Optional in QBO's JSON: absent or null both mean "not set" (output: undefined). */
export function optional<S extends z.ZodType>(schema: S) {
  return schema.nullish().transform((v) => v ?? undefined);
}

/** ReferenceType `{value, name?}`; `value` is the referenced object's Id. */
export const refSchema = z.object({ value: z.string().min(1), name: optional(z.string()) });
export type QboRef = z.output<typeof refSchema>;

export const metaDataSchema = z.object({
  CreateTime: optional(z.string()),
  LastUpdatedTime: z.string(),
});

export const idSchema = z.string().min(1);
/** Version for optimistic concurrency; a string in JSON ("0", "1", …). */
export const syncTokenSchema = z.string().min(1);
