import type { FastifyReply } from 'fastify';
import { errorEnvelope } from './envelope.js';

/** 429 with `Retry-After` in whole seconds. */
export function sendTooManyRequests(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return reply
    .code(429)
    .header('Retry-After', String(retryAfterSeconds))
    .send(errorEnvelope('Too Many Requests', 'Rate limit exceeded. Please retry after some time'));
}
