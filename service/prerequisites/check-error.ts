import { check, type PrerequisiteCheck, type PrerequisiteId } from './types.js';

interface ExplainedError {
  explanation: string;
  fix: string;
  kind?: string;
}

const explained = (error: unknown): ExplainedError | null =>
  error instanceof Error && 'explanation' in error && 'fix' in error ? (error as Error & ExplainedError) : null;

/** True when the system refused our credentials: retrying cannot help, somebody must reconnect. */
export function isAuthFailure(error: unknown): boolean {
  const kind = explained(error)?.kind;
  return kind === 'auth' || kind === 'forbidden';
}

/**
 * A check whose call failed: refused credentials fail it; anything else (network, outage, odd answer) leaves it
 * unknown, since the prerequisite itself may well be fine.
 */
export function checkFromError(id: PrerequisiteId, system: string, error: unknown): PrerequisiteCheck {
  const e = explained(error);
  if (!e) {
    const message = error instanceof Error ? error.message : String(error);
    return check(
      id,
      'unknown',
      `Could not ask ${system}: ${message}`,
      `Check that the service can reach ${system}, then run the checks again.`,
    );
  }
  if (isAuthFailure(error)) return check(id, 'failed', e.explanation, e.fix);
  return check(id, 'unknown', `Could not ask ${system}: ${e.explanation}`, e.fix);
}

/** A check that was not run because the connection it needs is not working. */
export const needsConnection = (id: PrerequisiteId, system: 'QuickBooks' | 'Zuper') =>
  check(id, 'unknown', `Not checked: it needs a working ${system} connection (see "${system} authorised").`);
