import type { z } from 'zod';

/**
 * A request of the operator API that a system declares for itself, at `/api/connections/:id/<path>` (connecting it,
 * its connector's file): the method, the path, the schema of its body (null: it takes none) and of its answer. It holds
 * schemas alone, so the CLI, an HTTP client, checks the answers with the schemas the server is written against
 * without importing the server (docs/adr/0017-system-commands.md).
 */
export interface SystemEndpoint<Body = unknown, Answer = unknown> {
  method: 'GET' | 'POST' | 'PUT';
  /** Under `/api/connections/:id/`. */
  path: string;
  body: z.ZodType<Body> | null;
  answer: z.ZodType<Answer>;
}

/** An endpoint from its method, path, body schema (null: none) and answer schema. */
export const systemEndpoint = <Body, Answer>(
  method: SystemEndpoint['method'],
  path: string,
  body: z.ZodType<Body> | null,
  answer: z.ZodType<Answer>,
): SystemEndpoint<Body, Answer> => ({ method, path, body, answer });
