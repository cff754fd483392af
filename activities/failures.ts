import { ApplicationFailure } from '@temporalio/activity';
import { CONNECTION_UNAUTHORIZED, NEEDS_ATTENTION } from '../domain/sync-failure.js';
import { systemLabel, type System } from '../domain/systems.js';

/** The fields both API clients' errors carry (each system's API and auth errors, schema errors). */
interface ExplainedError extends Error {
  retryable: boolean;
  explanation: string;
  fix: string;
  kind?: string;
  code?: string;
  retryAfterMs?: number;
}

const isExplained = (error: unknown): error is ExplainedError =>
  error instanceof Error && 'retryable' in error && 'explanation' in error && 'fix' in error;

/** A business problem a retry cannot fix: the run stops retrying and records the explanation and the fix. */
export function needsAttention(code: string, explanation: string, fix: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: explanation,
    type: NEEDS_ATTENTION,
    nonRetryable: true,
    details: [{ code, explanation, fix }],
  });
}

/**
 * Maps an API client error onto Temporal's retry semantics: authorisation problems and business errors stop
 * retrying with an explanation; throttles retry after the server's delay; everything else retries with backoff.
 */
export function toActivityFailure(error: unknown, system: System): unknown {
  if (error instanceof RangeError) {
    // The client refused to send an invalid request (ids, lengths, limits): retrying the same input cannot help.
    return needsAttention(
      `${system}:invalid-request`,
      `The request to ${systemLabel(system)} was invalid: ${error.message}.`,
      'Report this to the maintainers with the history entry; the data shown is what was refused.',
    );
  }
  if (!isExplained(error)) return error;
  const details = [
    { code: `${system}:${error.code ?? error.kind ?? error.name}`, explanation: error.explanation, fix: error.fix },
  ];
  if (error.kind === 'auth' && !error.retryable) {
    return ApplicationFailure.create({
      message: error.explanation,
      type: CONNECTION_UNAUTHORIZED,
      nonRetryable: true,
      details,
    });
  }
  if (!error.retryable) {
    return ApplicationFailure.create({ message: error.message, type: NEEDS_ATTENTION, nonRetryable: true, details });
  }
  return ApplicationFailure.create({
    message: error.message,
    type: `${system}:${error.kind ?? 'transient'}`,
    details,
    ...(error.retryAfterMs !== undefined ? { nextRetryDelay: error.retryAfterMs } : {}),
  });
}

/** Runs an API call and translates its failure. */
export async function callApi<T>(system: System, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toActivityFailure(error, system);
  }
}
