import type { FastifyRequest } from 'fastify';
import type { Env } from '../../config/env.js';
import type { ApiError } from '../../operator/contract/error.js';
import { operatorToken } from '../../security/operator-token.js';
import { constantTimeEqual } from '../webhooks/constant-time-equal.js';
import type { AccessGuard, AccessGuards } from './access.js';

/** The token of an `Authorization: Bearer <token>` header, if it has that form. */
export const bearerTokenOf = (request: FastifyRequest): string | null =>
  /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;

/**
 * Admits requests bearing one of the tokens (compared in constant time); refuses the rest with 401 and a fix naming
 * the settings that hold the tokens. An empty list admits everyone (development).
 */
export function bearerGuard(name: string, tokens: readonly string[], fix: string): AccessGuard {
  const refusal: ApiError = {
    error: { code: 'unauthorized', message: `This request lacks the ${name} token, or the token is wrong.`, fix },
  };
  return async (request, reply) => {
    if (tokens.length === 0) return;
    const given = bearerTokenOf(request);
    if (given !== null && tokens.some((token) => constantTimeEqual(given, token))) return;
    request.log.warn({ reason: given === null ? 'no_token' : 'wrong_token' }, `${name} request refused`);
    return reply.code(401).header('www-authenticate', 'Bearer realm="qzsync"').send(refusal);
  };
}

const present = (...tokens: (string | undefined)[]) => tokens.filter((t): t is string => t !== undefined);

/**
 * The token checks of the service. The operator token opens everything. The codec (payloads in clear) and /metrics
 * (volumes per connection) also take a token of their own, so a Temporal UI or a Prometheus server can hold a
 * credential that cannot drive the operator API; in development both are open, like the rest of the local setup.
 */
export function accessGuards(env: Env): AccessGuards {
  const operator = operatorToken(env);
  const development = env.NODE_ENV === 'development';
  return {
    operator: bearerGuard(
      'operator',
      [operator],
      'Send "Authorization: Bearer <token>": the OPERATOR_TOKEN setting, or in development the file operator-token in the data folder.',
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
