import { ActivityFailure, CancelledFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { explainFailure } from '../workflows/failure.js';

export interface RunFailure {
  code: string | null;
  explanation: string;
  fix: string | null;
}

/** Why a link or reconcile run failed, from the failure Temporal reports for it, in plain language. */
export function explainRunFailure(cause: unknown): RunFailure {
  const inner = cause instanceof ActivityFailure ? cause.cause : cause;
  if (inner instanceof TerminatedFailure) {
    return { code: 'terminated', explanation: 'The run was terminated before it finished.', fix: 'Start it again.' };
  }
  if (inner instanceof CancelledFailure) {
    return { code: 'cancelled', explanation: 'The run was cancelled before it finished.', fix: 'Start it again.' };
  }
  if (inner instanceof TimeoutFailure) {
    return {
      code: 'timeout',
      explanation: 'The run timed out: no worker completed it in time.',
      fix: 'Check that a worker is running (npm run worker) and can reach both systems, then start it again.',
    };
  }
  // Business failures carry their explanation and fix, exactly as the history records them.
  const { code, explanation, fix } = explainFailure(cause);
  return { code, explanation, fix };
}
