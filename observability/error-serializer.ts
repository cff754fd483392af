import { types } from 'node:util';

/** An error as a log line carries it: JSON.stringify alone turns an Error into {}. */
export interface SerializedError {
  type: string;
  message: string;
  /** A Temporal ApplicationFailure's own type, or a Node system error's code. */
  failureType?: string;
  code?: string;
  stack?: string;
  cause?: SerializedError | string;
}

const MAX_CAUSES = 5;

/**
 * Whether a value is an Error, also one made in another realm: errors logged by workflow code come from Temporal's
 * sandbox, where `instanceof Error` is false.
 */
const isError = (value: unknown): value is Error => value instanceof Error || types.isNativeError(value);

/** Message, type and the chain of causes of anything thrown (a non-Error is shown as its string). */
export function serializeError(error: unknown, depth = 0): SerializedError | string {
  if (!isError(error)) return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  const own = error as Error & { type?: unknown; code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(typeof own.type === 'string' ? { failureType: own.type } : {}),
    ...(typeof own.code === 'string' ? { code: own.code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

/** A JSON.stringify replacer that writes every Error it meets with serializeError. */
export function errorReplacer(_key: string, value: unknown): unknown {
  return isError(value) ? serializeError(value) : value;
}
