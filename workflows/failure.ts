import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

import { CONNECTION_UNAUTHORIZED, NEEDS_ATTENTION, type FailureExplanation } from '../domain/sync-failure.js';

export { CONNECTION_UNAUTHORIZED, NEEDS_ATTENTION, type FailureExplanation };

/** Turns an activity failure into the plain-language explanation the history shows. */
export function explainFailure(error: unknown): FailureExplanation {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) {
    const [detail] = (cause.details ?? []) as [{ code?: string; explanation?: string; fix?: string } | undefined];
    const needsPerson = cause.type === NEEDS_ATTENTION || cause.type === CONNECTION_UNAUTHORIZED;
    return {
      status: needsPerson ? 'needs_attention' : 'failed',
      code: detail?.code ?? cause.type ?? null,
      explanation: detail?.explanation ?? cause.message,
      fix: detail?.fix ?? null,
    };
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return {
    status: 'failed',
    code: null,
    explanation: `The sync kept failing and gave up for now: ${message}`,
    fix: 'It is retried by the next reconciliation, or run `qzsync retry` once the cause is fixed.',
  };
}
