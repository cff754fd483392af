import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../server/webhooks/constant-time-equal.js';
import type { ApiError } from './contract/error.js';

const refusal: ApiError = {
  error: {
    code: 'unauthorized',
    message: 'This request lacks the operator token, or the token is wrong.',
    fix: 'Send "Authorization: Bearer <token>": the OPERATOR_TOKEN setting, or in development the file operator-token in the data folder.',
  },
};

/** An onRequest hook admitting only requests bearing the operator token (compared in constant time). */
export function requireOperatorToken(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match?.[1] && constantTimeEqual(match[1], token)) return;
    request.log.warn({ reason: match ? 'wrong_token' : 'no_token' }, 'operator request refused');
    return reply.code(401).header('www-authenticate', 'Bearer realm="qzsync"').send(refusal);
  };
}
