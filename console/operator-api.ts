import type { FastifyInstance } from 'fastify';
import type { ApiError } from '../operator/contract/error.js';

export type ApiFailure = ApiError['error'];

/** An operator API answer: its body when it succeeded, else the API's error (code, message, fix, field). */
export type ApiAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiFailure };

export type OperatorApi = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<ApiAnswer<T>>;

/**
 * The console's only way to read or change anything: the operator API the CLI uses (same routes, same zod schemas,
 * same access checks), called in process with the token the signed-in session stands for.
 */
export function operatorApi(app: FastifyInstance, token: string): OperatorApi {
  return async <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const response = await app.inject({
      method,
      url: `/api${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    const parsed: unknown = response.body ? JSON.parse(response.body) : undefined;
    if (response.statusCode < 400) return { ok: true, status: response.statusCode, body: parsed as T };
    const error = (parsed as Partial<ApiError> | undefined)?.error ?? {
      code: 'unexpected',
      message: `The operator API answered ${response.statusCode}.`,
    };
    return { ok: false, status: response.statusCode, error };
  };
}
