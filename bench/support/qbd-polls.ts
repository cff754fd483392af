import type { SessionReport } from '../../emulators/qbd/index.js';

/**
 * When a Web Connector session stopped taking work: the sending of its last call before closeConnection (the
 * receiveResponseXML the service answered 100, or the authenticate it answered `none`). The service reads its queue
 * while answering that call, so a request queued later can only go in a later session: after 100 (or `none`) the Web
 * Connector's only call is closeConnection. A session that never closed (dropped) took work until it ended.
 */
export function workClosedAtMs(session: SessionReport): number {
  const { calls } = session;
  const closing = calls.at(-1)?.operation === 'closeConnection' ? calls.at(-2) : undefined;
  return closing?.sentAtMs ?? session.endedAtMs;
}

const carriesAny = (session: SessionReport, requestIds: ReadonlySet<string>) =>
  session.exchanges.some((e) => [...requestIds].some((id) => e.request.includes(`requestID="${id}"`)));

/**
 * The polls a movement took from its first request, queued at `queuedAtMs`, until the session matching `until`, 1
 * being the next poll. A session counts when it could still take the request: it had not yet closed its work when the
 * request was queued, or it carried one of the movement's requests (`requestIds`: queued while the service was
 * answering its last call, before the service read the queue). A session
 * open at that moment that had already told the Web Connector it was done does not count: the protocol lets it send
 * nothing more. Null when no session matched.
 */
export function pollsFromQueued(
  sessions: readonly SessionReport[],
  queuedAtMs: number,
  requestIds: ReadonlySet<string>,
  until: (session: SessionReport) => boolean,
): number | null {
  const chances = sessions.filter(
    (s) => s.endedAtMs > queuedAtMs && (workClosedAtMs(s) > queuedAtMs || carriesAny(s, requestIds)),
  );
  const index = chances.findIndex(until);
  return index < 0 ? null : index + 1;
}

/**
 * Whether a request queued at `queuedAtMs` met a session that was still open but had already closed its work: the case
 * a count from the sessions' ends alone takes for a missed poll.
 */
export const queuedAfterWorkClosed = (sessions: readonly SessionReport[], queuedAtMs: number): boolean =>
  sessions.some((s) => workClosedAtMs(s) <= queuedAtMs && queuedAtMs < s.endedAtMs);
