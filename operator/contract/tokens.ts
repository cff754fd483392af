import { z } from 'zod';

/** An operator token limited to some connections, as listed: never the token itself. */
export const scopedTokenSchema = z.object({
  id: z.string(),
  label: z.string(),
  connections: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ScopedTokenView = z.infer<typeof scopedTokenSchema>;

/** The answer to creating one: the only time the token is shown. */
export const createdTokenSchema = scopedTokenSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const tokenListSchema = z.object({ tokens: z.array(scopedTokenSchema) });
export type TokenList = z.infer<typeof tokenListSchema>;
