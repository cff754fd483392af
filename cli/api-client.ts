import type { z } from 'zod';
import { apiErrorSchema } from '../operator/contract/error.js';
import { CliError, exitCodes } from './cli-error.js';

export interface ApiTarget {
  baseUrl: string;
  /** Null when none was found: every call then fails with how to provide one. */
  token: string | null;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
}

export type ApiClient = <S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: S,
  options?: CallOptions,
) => Promise<z.infer<S>>;

const tokenFix =
  'Set OPERATOR_TOKEN to the token the service uses; in development run qzsync from the service folder (it reads data/operator-token) or set DATA_DIR.';

/**
 * The operator API over HTTP (node's fetch). Answers are validated against the API contract; failures become
 * CliErrors with the exit code they deserve: unreachable 3, missing or refused token 4, rejected input 2, anything
 * else 1.
 */
export function createApiClient(target: ApiTarget, fetchFn: typeof fetch = fetch): ApiClient {
  const root = target.baseUrl.replace(/\/+$/, '');
  return async (method, path, schema, options = {}) => {
    if (!target.token) throw new CliError(exitCodes.unauthorised, 'No operator token was found.', tokenFix);
    const query = new URLSearchParams(
      Object.entries(options.query ?? {}).flatMap(([k, v]): [string, string][] =>
        v === undefined ? [] : [[k, String(v)]],
      ),
    ).toString();
    let response: Response;
    try {
      response = await fetchFn(`${root}/api${path}${query ? `?${query}` : ''}`, {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliError(
        exitCodes.unreachable,
        `The qzsync service at ${root} is not reachable (${cause}).`,
        'Start it (npm start, or docker compose up), or point QZSYNC_URL at it.',
      );
    }
    const json = parseJson(await response.text());
    if (response.status === 401) {
      throw new CliError(exitCodes.unauthorised, `The service at ${root} refused the operator token.`, tokenFix, json);
    }
    if (!response.ok) {
      const refusal = apiErrorSchema.safeParse(json);
      const message = refusal.success ? refusal.data.error.message : `The service answered HTTP ${response.status}.`;
      const code = response.status === 400 ? exitCodes.usage : exitCodes.failed;
      throw new CliError(
        code,
        message,
        refusal.data?.error.fix,
        json ?? { error: { code: `http_${response.status}`, message } },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(
        exitCodes.failed,
        `The service's answer to ${method} ${path} is not what this CLI expects (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`,
        'Use the CLI of the same version as the service.',
      );
    }
    return parsed.data;
  };
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
