/** What one pass over the intake outbox found: nothing waiting, batches handed off, or Temporal/the store refusing. */
export type PassOutcome = 'idle' | 'busy' | 'failing';

export const BACKOFF_MS = { first: 200, max: 5_000 };
/**
 * How long an idle dispatcher waits before it looks at the outbox unasked. While it listens, every delivery stored or
 * released by any process wakes it, so this poll only finds claims whose holder died: those wait out their lease
 * (60 s) first, to which 10 s adds a sixth at most. While its listener reconnects, notifications are lost, so it polls
 * as often as it did before it listened.
 */
export const IDLE_POLL_MS = { listening: 10_000, reconnecting: 1_000 };

/** How the dispatcher waits before its next pass. */
export type NextWait =
  /** Straight on: more may be waiting. */
  | { kind: 'none' }
  /** Temporal or the store refused: back off (only stopping ends it early). */
  | { kind: 'backoff'; ms: number }
  /** Nothing waiting: poll again later, or sooner when a wake-up arrives. */
  | { kind: 'poll'; ms: number };

/**
 * The dispatcher's pacing as a table: a failing pass backs off, doubling up to a ceiling; any other pass resets the
 * backoff; an idle pass polls unless a wake-up arrived during the pass.
 */
export function nextWait(
  outcome: PassOutcome,
  backoffMs: number,
  wokenDuringPass: boolean,
  pollMs: number,
): { wait: NextWait; backoffMs: number } {
  if (outcome === 'failing') {
    return { wait: { kind: 'backoff', ms: backoffMs }, backoffMs: Math.min(backoffMs * 2, BACKOFF_MS.max) };
  }
  const wait: NextWait = outcome === 'idle' && !wokenDuringPass ? { kind: 'poll', ms: pollMs } : { kind: 'none' };
  return { wait, backoffMs: BACKOFF_MS.first };
}

/**
 * Pauses that a wake-up can cut short. A poll pause ends on `wake()` (deliveries became claimable); a backoff pause
 * ends only on `interrupt()` (stopping). A wake-up between pauses is remembered until `takeWoken()`.
 */
export function createWakeSignal() {
  let woken = false;
  let endPause: (() => void) | null = null;
  let pauseEndsOnWake = false;
  return {
    pause(ms: number, endsOnWake: boolean): Promise<void> {
      return new Promise<void>((resolve) => {
        const end = () => {
          clearTimeout(timer);
          endPause = null;
          resolve();
        };
        const timer = setTimeout(end, ms);
        endPause = end;
        pauseEndsOnWake = endsOnWake;
      });
    },
    wake() {
      woken = true;
      if (pauseEndsOnWake) endPause?.();
    },
    interrupt() {
      endPause?.();
    },
    /** Whether a wake-up arrived since the last call. */
    takeWoken(): boolean {
      const was = woken;
      woken = false;
      return was;
    },
  };
}
