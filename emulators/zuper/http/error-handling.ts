import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ApiError, errorEnvelope } from './envelope.js';
import { cannotGet } from './not-found.js';

/** Every failure on an API route answers with Zuper's error envelope. */
export function installErrorEnvelopes(app: FastifyInstance): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send(error.body);
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(errorEnvelope(STATUS_CODES[status] ?? 'Bad Request', (error as Error).message));
    }
    return reply.code(500).send(errorEnvelope('Internal Server Error', 'Something went wrong'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(cannotGet(request.method, request.url.split('?', 1)[0] ?? '')),
  );
}

/** JSON bodies where an empty body (a DELETE sent with a JSON content type) is simply no body. */
export function installLenientJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ApiError(400, 'Invalid Request', 'Invalid JSON body'), undefined);
    }
  });
}
