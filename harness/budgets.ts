import { defaultBudgets, type ApiBudgets } from '../activities/rate-limiter.js';
import { QBO_REQUESTS_PER_MINUTE, type EmulatorLimits } from './emulators.js';

/**
 * The budgets a benchmark's service keeps to. The service has no setting for a Zuper plan's limit (only
 * `createAppContext`'s `budgets`; its default assumes the 200/min plan), so the benchmarks give it the same share of
 * the plan that it keeps of QBO's 500/min (480/500), and the same share of a lowered QBO limit. With an emulator clock `timeScale` times faster, every budget is
 * `timeScale` times larger in real time, as the emulator's windows are that much shorter.
 */
export function budgetsFor(limits: EmulatorLimits): ApiBudgets {
  const share = defaultBudgets.qboRequestsPerMinute / QBO_REQUESTS_PER_MINUTE;
  const qboLimit = limits.qboRequestsPerMinute ?? QBO_REQUESTS_PER_MINUTE;
  return {
    qboRequestsPerMinute: Math.floor(qboLimit * share) * limits.timeScale,
    qboBatchesPerMinute: defaultBudgets.qboBatchesPerMinute * limits.timeScale,
    zuperRequestsPerMinute: Math.floor(limits.zuperPlanPerMinute * share) * limits.timeScale,
  };
}
