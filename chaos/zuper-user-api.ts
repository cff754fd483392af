import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/** What came back for one request: an answer, or nothing (the connection was cut: it may or may not have applied). */
type Attempt = { kind: 'answered'; status: number; body: unknown } | { kind: 'lost' };

const RETRY_MS = 40;

export class ZuperUserError extends Error {
  override name = 'ZuperUserError';
}

/**
 * The Zuper API as a person's app uses it, through the same injected faults as the sync: 429 and 5xx are refused
 * before anything is applied (retried), and a cut connection is resolved by asking whether the write landed.
 */
export function zuperUserApi(apiUrl: string, apiKey: string) {
  const attempt = async (method: string, path: string, body?: unknown): Promise<Attempt> => {
    try {
      const response = await fetch(`${apiUrl}${path}`, {
        method,
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { kind: 'answered', status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch {
      return { kind: 'lost' };
    }
  };
  const retryable = (status: number) => status === 429 || status >= 500;

  return {
    /** A read, repeated until it is answered with 2xx. */
    async read<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
      for (;;) {
        const answer = await attempt('GET', path);
        if (answer.kind === 'answered' && !retryable(answer.status)) {
          if (answer.status >= 300)
            throw new ZuperUserError(`GET ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
          return schema.parse(answer.body);
        }
        await sleep(RETRY_MS);
      }
    },

    /**
     * A write applied exactly once: refused attempts are repeated, and after a cut connection `landed()` says whether
     * it was applied (its answer is then whatever `landed` found).
     */
    async write<S extends z.ZodType>(
      method: string,
      path: string,
      body: unknown,
      schema: S,
      landed: () => Promise<z.infer<S> | null>,
    ): Promise<z.infer<S>> {
      for (;;) {
        const answer = await attempt(method, path, body);
        if (answer.kind === 'lost') {
          const found = await landed();
          if (found !== null) return found;
        } else if (!retryable(answer.status)) {
          if (answer.status >= 300) {
            throw new ZuperUserError(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
          }
          return schema.parse(answer.body);
        }
        await sleep(RETRY_MS);
      }
    },
  };
}

export type ZuperUserApi = ReturnType<typeof zuperUserApi>;
