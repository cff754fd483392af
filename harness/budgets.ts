import { defaultBudgets, type ApiBudgets } from '../integrations/rate-limiter.js';
import { QBO_REQUESTS_PER_MINUTE, type EmulatorLimits } from './emulators.js';

/**
 * The budgets a benchmark's service keeps to. The service has no setting for a Zuper plan's limit (only
 * `createAppContext`'s `budgets`; its default assumes the 200/min plan), so the benchmarks give it the same share of
 * the plan that it keeps of QBO's 500/min (480/500), and the same share of a lowered QBO limit. With an emulator clock
 * `timeScale` times faster, the APIs' minute (and with it the service's refill and burst) is that much shorter in real
 * time, as the emulator's windows are: scaling the budgets instead would scale the burst too, and a burst ten times
 * too large overruns the emulator's shortened windows.
 */
export function budgetsFor(limits: EmulatorLimits): ApiBudgets {
  const share = defaultBudgets.qboRequestsPerMinute / QBO_REQUESTS_PER_MINUTE;
  const qboLimit = limits.qboRequestsPerMinute ?? QBO_REQUESTS_PER_MINUTE;
  return {
    qboRequestsPerMinute: Math.floor(qboLimit * share),
    qboBatchesPerMinute: defaultBudgets.qboBatchesPerMinute,
    zuperRequestsPerMinute: Math.floor(limits.zuperPlanPerMinute * share),
    apiMinuteMs: 60_000 / limits.timeScale,
  };
}
