import type { RunningQboEmulator } from '../emulators/qbo/index.js';
import type { RunningZuperEmulator } from '../emulators/zuper/index.js';

export interface FaultLevels {
  /** Share of API requests refused with 500/502/503 before they apply. */
  errorRate: number;
  /** Share of committed writes whose response is lost (connection reset). */
  lostResponseRate: number;
  /** Nominal delay added to every API request (scaled by the emulators' clocks). */
  latencyMs: number;
  webhookDuplicateRate: number;
  webhookReorderRate: number;
  webhookDropRate: number;
  /** Every `everyMs`, one emulator answers every request with 429 for `forMs` (alternating QBO and Zuper). */
  throttleBursts: { everyMs: number; forMs: number };
  /** On QuickBooks Desktop: every `everyMs` the Web Connector meets one of QuickBooks' faults for `forMs` (real time). */
  webConnectorFaults: { everyMs: number; forMs: number };
  /**
   * On QuickBooks Desktop, the 'Web Connector away' disruption: it stops polling for `realMs` while QuickBooks' clock
   * moves on by `nominalMs` (days, as when the QuickBooks computer was off over a weekend), then polls again.
   */
  webConnectorAbsence: { realMs: number; nominalMs: number };
}

export const defaultFaultLevels: FaultLevels = {
  errorRate: 0.05,
  lostResponseRate: 0.03,
  latencyMs: 1000,
  webhookDuplicateRate: 0.1,
  webhookReorderRate: 0.1,
  webhookDropRate: 0.03,
  throttleBursts: { everyMs: 1500, forMs: 250 },
  // A session a second: each fault lasts about two sessions, and one session in two or three meets one.
  webConnectorFaults: { everyMs: 4000, forMs: 2000 },
  webConnectorAbsence: { realMs: 8000, nominalMs: 3 * 24 * 3600_000 },
};

export interface RunningFaults {
  /** From now on until `quiet`, both emulators drop every webhook: only reconciliation can find those changes. */
  webhookOutage(): void;
  /** Turns every fault off again; what is still queued is delivered normally. */
  quiet(): void;
}

/** Starts injecting faults in both emulators: steady rates plus alternating bursts of throttling. */
export function injectFaults(
  emulators: { qbo: RunningQboEmulator; zuper: RunningZuperEmulator },
  levels: FaultLevels,
): RunningFaults {
  const { qbo, zuper } = emulators;
  const set = (on: boolean) => {
    const faults = {
      errorRate: on ? levels.errorRate : 0,
      dropResponseAfterCommitRate: on ? levels.lostResponseRate : 0,
      latencyMs: on ? levels.latencyMs : 0,
      forceThrottle: false,
    };
    const webhooks = {
      duplicateRate: on ? levels.webhookDuplicateRate : 0,
      reorderRate: on ? levels.webhookReorderRate : 0,
      dropRate: on ? levels.webhookDropRate : 0,
    };
    qbo.admin.updateSettings({ faults, webhooks });
    zuper.admin.updateSettings({ faults, webhooks: { delivery: webhooks } });
  };
  const throttle = [
    (on: boolean) => qbo.admin.updateSettings({ faults: { forceThrottle: on } }),
    (on: boolean) => zuper.admin.updateSettings({ faults: { forceThrottle: on } }),
  ];
  let turn = 0;
  const ends = new Set<NodeJS.Timeout>();
  const bursts = setInterval(() => {
    const target = throttle[turn++ % throttle.length]!;
    target(true);
    const end = setTimeout(() => {
      ends.delete(end);
      target(false);
    }, levels.throttleBursts.forMs);
    ends.add(end);
  }, levels.throttleBursts.everyMs);

  set(true);
  return {
    webhookOutage() {
      qbo.admin.updateSettings({ webhooks: { dropRate: 1 } });
      zuper.admin.updateSettings({ webhooks: { delivery: { dropRate: 1 } } });
    },
    quiet() {
      clearInterval(bursts);
      for (const end of ends) clearTimeout(end);
      set(false);
    },
  };
}
