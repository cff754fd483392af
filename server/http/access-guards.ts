import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Env } from '../../config/env.js';
import type { ApiError } from '../../operator/contract/error.js';
import { operatorToken } from '../../security/operator-token.js';
import { isScopedTokenShape, type ScopedToken } from '../../storage/repositories/operator-tokens.js';
import { constantTimeEqual } from '../webhooks/constant-time-equal.js';
import type { AccessGuard, AccessGuards, OperatorGrant, OperatorGuard } from '../../security/route-access.js';

/** The token of an `Authorization: Bearer <token>` header, if it has that form. */
export const bearerTokenOf = (request: FastifyRequest): string | null =>
  /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;

/**
 * Admits requests bearing one of the tokens (compared in constant time); refuses the rest with 401 and a fix naming
 * the settings that hold the tokens. An empty list admits everyone (development).
 */
export function bearerGuard(name: string, tokens: readonly string[], fix: string): AccessGuard {
  const refuse = refusal(name, fix);
  return async (request, reply) => {
    if (tokens.length === 0) return;
    const given = bearerTokenOf(request);
    if (given !== null && tokens.some((token) => constantTimeEqual(given, token))) return;
    return refuse(request, reply, given === null ? 'no_token' : 'wrong_token');
  };
}

function refusal(name: string, fix: string) {
  const body: ApiError = {
    error: { code: 'unauthorized', message: `This request lacks the ${name} token, or the token is wrong.`, fix },
  };
  return (request: FastifyRequest, reply: FastifyReply, reason: string) => {
    request.log.warn({ reason }, `${name} request refused`);
    return reply.code(401).header('www-authenticate', 'Bearer realm="qzsync"').send(body);
  };
}

/** Finds the unrevoked scoped token a bearer token is (the operator-tokens repository). */
export interface ScopedTokens {
  verify(token: string): Promise<ScopedToken | null>;
}

/**
 * Admits the operator token (every connection) and the unrevoked scoped tokens (their connections); a revoked or
 * unknown token is refused like a wrong one.
 */
export function operatorGuard(adminToken: string, scopedTokens: ScopedTokens, fix: string): OperatorGuard {
  const refuse = refusal('operator', fix);
  return async (request, reply): Promise<OperatorGrant | null> => {
    const given = bearerTokenOf(request);
    if (given !== null && constantTimeEqual(given, adminToken)) return { kind: 'all' };
    const scoped = given !== null && isScopedTokenShape(given) ? await scopedTokens.verify(given) : null;
    if (scoped) return { kind: 'connections', tokenId: scoped.id, connectionIds: new Set(scoped.connectionIds) };
    await refuse(request, reply, given === null ? 'no_token' : 'wrong_token');
    return null;
  };
}

const present = (...tokens: (string | undefined)[]) => tokens.filter((t): t is string => t !== undefined);

/**
 * The token checks of the service. The operator token opens everything; a scoped token only the operator routes of
 * its connections. The codec (payloads in clear) and /metrics
 * (volumes per connection) also take a token of their own, so a Temporal UI or a Prometheus server can hold a
 * credential that cannot drive the operator API; in development both are open, like the rest of the local setup.
 */
export function accessGuards(env: Env, scopedTokens: ScopedTokens): AccessGuards {
  const operator = operatorToken(env);
  const development = env.NODE_ENV === 'development';
  return {
    operator: operatorGuard(
      operator,
      scopedTokens,
      'Send "Authorization: Bearer <token>": the OPERATOR_TOKEN setting (in development the file operator-token in the data folder), or a token from `qzsync token create` that has not been revoked.',
    ),
    codec: bearerGuard(
      'codec',
      development ? [] : present(env.CODEC_TOKEN, operator),
      'Send "Authorization: Bearer <token>" with CODEC_TOKEN or OPERATOR_TOKEN (the Temporal UI forwards its codec token when configured to).',
    ),
    metrics: bearerGuard(
      'metrics',
      development ? [] : present(env.METRICS_TOKEN, operator),
      'Configure the scraper with "Authorization: Bearer <token>" holding METRICS_TOKEN (or OPERATOR_TOKEN).',
    ),
  };
}
