/** One prerequisite of a connection, checked against the live systems and explained in plain language. */
export interface PrerequisiteCheck {
  /** Stable across versions: scripts and the console refer to a check by it. */
  id: string;
  title: string;
  /**
   * 'unknown': it could not be checked (the system cannot tell, or a connection it needs is not working). 'pending':
   * asked, and the system answers later (a system reached when it polls, at its next session).
   */
  status: 'passed' | 'failed' | 'unknown' | 'pending';
  detail: string;
  fix?: string;
}

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
 * The check builders of one group of checks (the connection's own, or one system's), each check titled once in
 * `titles`. `fromError` is a check whose call failed: refused credentials fail it; anything else (network, outage,
 * odd answer) leaves it unknown, since the prerequisite itself may well be fine.
 */
export function prerequisiteChecks<Id extends string>(titles: Record<Id, string>) {
  const check = (id: Id, status: PrerequisiteCheck['status'], detail: string, fix?: string): PrerequisiteCheck => ({
    id,
    title: titles[id],
    status,
    detail,
    ...(fix ? { fix } : {}),
  });
  const fromError = (id: Id, system: string, error: unknown): PrerequisiteCheck => {
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
  };
  /** A check that was not run because the connection it needs is not working. */
  const needsConnection = (id: Id, system: string): PrerequisiteCheck =>
    check(id, 'unknown', `Not checked: it needs a working ${system} connection (see "${system} authorised").`);
  return { check, fromError, needsConnection };
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs a call and keeps its outcome, so one failed check never stops the others. */
export async function settleCall<T>(call: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}
