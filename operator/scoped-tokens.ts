import type { AppContext } from '../service/context.js';
import type { ScopedToken } from '../storage/repositories/operator-tokens.js';
import type { CreatedToken, ScopedTokenView, TokenList } from './contract/tokens.js';
import { notFound } from './errors.js';

const view = (t: ScopedToken): ScopedTokenView => ({
  id: t.id,
  label: t.label,
  connections: t.connectionIds,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** Mints a token limited to existing connections (an unknown one is refused: a typo would grant nothing). */
export async function createScopedToken(
  ctx: AppContext,
  input: { label: string; connections: string[] },
): Promise<CreatedToken> {
  for (const id of input.connections) await ctx.store.connections.get(id);
  const { token, scoped } = await ctx.store.operatorTokens.create(input.label, input.connections);
  return { ...view(scoped), token };
}

export async function listScopedTokens(ctx: AppContext): Promise<TokenList> {
  return { tokens: (await ctx.store.operatorTokens.list()).map(view) };
}

/** Revokes a token from its next request on. */
export async function revokeScopedToken(ctx: AppContext, tokenId: string): Promise<ScopedTokenView> {
  const revoked = await ctx.store.operatorTokens.revoke(tokenId);
  if (!revoked)
    throw notFound('token_not_found', `There is no token ${tokenId}.`, 'List tokens with `qzsync token list`.');
  return view(revoked);
}
