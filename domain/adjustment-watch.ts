/**
 * Pacing of the accounting system's quantity watch. An accounting system may send no webhook for stock adjustments,
 * so the watch polls with one change read per interval; where reads are metered per app and month, the interval is
 * the cost.
 * It is short while changes keep coming, grows while nothing happens, and never spends faster than the connection's
 * read budget allows for the rest of the month.
 */
export interface WatchPacing {
  /** Interval right after a poll that found adjustments. */
  activeMs: number;
  /** Longest interval when idle: how long an accounting-side change waits at most. */
  idleMs: number;
  /** Reads this connection's watch may spend per 30-day month. */
  monthlyReadBudget: number;
}

export interface WatchState {
  intervalMs: number;
  /** Start of the current 30-day budget period. */
  periodStartMs: number;
  readsInPeriod: number;
}

export const watchMonthMs = 30 * 24 * 3600_000;

/**
 * The default: idle every 15 minutes is 2,880 reads a connection-month; the 9,000 budget leaves 6,120 for polls every
 * 30 s while changes keep coming (about 51 busy hours a month). With the daily accounting catalog read of
 * reconciliation a connection stays under 10,000 reads a month, 50 of them under the Builder tier's 500,000
 * (docs/adr/0010-metered-reads-change-watch.md).
 */
export const defaultWatchPacing: WatchPacing = { activeMs: 30_000, idleMs: 15 * 60_000, monthlyReadBudget: 9_000 };

/**
 * For a system reached only when it polls the service (through a connector on the customer's machine): each read waits for the
 * next poll, which paces the watch, so it reads again soon after an answer. The pause outlasts the endpoint's 2 s
 * window, so the next read waits for the next session rather than keeping this one open; nothing is metered.
 */
export const perPollWatchPacing: WatchPacing = { activeMs: 5_000, idleMs: 5_000, monthlyReadBudget: 518_400 };

/**
 * The default before change data capture (idle every 45 s, 57,600 reads a connection-month). Watches started then
 * carry it through continue-as-new as if it had been chosen; it means "the default".
 */
export const queryEraDefaultPacing: WatchPacing = { activeMs: 15_000, idleMs: 45_000, monthlyReadBudget: 70_000 };

/** The pacing a watch runs with: the one it was started with, unless that is only an earlier default. */
export function currentPacing(carried: WatchPacing | undefined): WatchPacing {
  const isEarlierDefault =
    carried !== undefined &&
    carried.activeMs === queryEraDefaultPacing.activeMs &&
    carried.idleMs === queryEraDefaultPacing.idleMs &&
    carried.monthlyReadBudget === queryEraDefaultPacing.monthlyReadBudget;
  return carried === undefined || isEarlierDefault ? defaultWatchPacing : carried;
}

export function initialWatchState(nowMs: number, pacing: WatchPacing): WatchState {
  return { intervalMs: pacing.idleMs, periodStartMs: nowMs, readsInPeriod: 0 };
}

/** Reads per connection-month when the watch polls every `intervalMs`. */
export const readsPerMonth = (intervalMs: number) => Math.ceil(watchMonthMs / intervalMs);

/** The state after one poll (one read) at `nowMs` that found `found` adjustments. */
export function afterPoll(state: WatchState, found: number, nowMs: number, pacing: WatchPacing): WatchState {
  const newPeriod = nowMs - state.periodStartMs >= watchMonthMs;
  const periodStartMs = newPeriod ? nowMs : state.periodStartMs;
  const readsInPeriod = (newPeriod ? 0 : state.readsInPeriod) + 1;
  const wanted = found > 0 ? pacing.activeMs : Math.min(pacing.idleMs, Math.round(state.intervalMs * 1.5));
  const leftMs = Math.max(1, periodStartMs + watchMonthMs - nowMs);
  const leftReads = pacing.monthlyReadBudget - readsInPeriod;
  // What the budget holds beyond idle polling to the end of the period pays for bursts; once it cannot even cover
  // idle polling, what is left is spread evenly over the rest of the period.
  const covered = leftReads >= leftMs / pacing.idleMs;
  const budgetFloorMs = covered ? 0 : leftReads > 0 ? Math.ceil(leftMs / leftReads) : leftMs;
  return { intervalMs: Math.max(wanted, budgetFloorMs), periodStartMs, readsInPeriod };
}

/** Words every settle the watch causes carries in its reason, so its history rows can be told apart. */
export const FOUND_BY_WATCH = 'found by the quantity watch';
