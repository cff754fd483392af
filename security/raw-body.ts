import type { FastifyInstance } from 'fastify';

/**
 * Makes every route registered on `instance` receive the body as the exact bytes sent, whatever the content type:
 * signatures are computed over raw bytes, and the handler decides how to parse them.
 */
export function acceptRawBodies(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}
