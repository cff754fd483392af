import type { FastifyServerOptions } from 'fastify';
import type { ServerOptions } from './server-options.js';
import { serializeError } from '../observability/error-serializer.js';
import { webhookSecretHeaders } from '../integrations/registry.js';

/** Headers that carry credentials; redacted wherever a log line would include them. */
const secretHeaders = ['authorization', 'cookie', 'set-cookie', ...webhookSecretHeaders];

/**
 * pino options for the server: JSON lines; requests logged as method and path only (a query string can hold an OAuth
 * code or state); credential headers redacted should any code log them. Bodies are never logged.
 */
export function loggerOptions(options: ServerOptions['logger'], defaultLevel: string): FastifyServerOptions['logger'] {
  if (options === false) return false;
  return {
    level: options?.level ?? defaultLevel,
    ...(options?.stream ? { stream: options.stream } : {}),
    redact: {
      paths: ['req.headers', 'res.headers', 'headers'].flatMap((at) => secretHeaders.map((h) => `${at}["${h}"]`)),
      censor: '[redacted]',
    },
    serializers: {
      error: (error: unknown) => serializeError(error),
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        remoteAddress: req.ip,
      }),
    },
  };
}
