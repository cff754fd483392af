import { defaultFaultLevels } from './fault-plan.js';
import type { Disruption } from './movements.js';
import type { ChaosOptions } from './run-chaos.js';

type Preset = Omit<ChaosOptions, 'seed' | 'master' | 'log'>;

/** Worker kills and Temporal restarts spread over the run, the restarts between the kills. */
function spread(kills: number, restarts: number): Disruption[] {
  return [
    ...Array.from({ length: kills }, (_, i) => ({ at: (i + 1) / (kills + 1) - 0.1, kind: 'kill worker' as const })),
    ...Array.from({ length: restarts }, (_, i) => ({
      at: (i + 1) / (restarts + 1) + 0.1,
      kind: 'restart Temporal' as const,
    })),
  ];
}

/** Added to a QuickBooks Desktop run's disruptions: the Web Connector away for days, about half-way. */
export const qbdDisruptions: Disruption[] = [{ at: 0.45, kind: 'Web Connector away' }];

/** `npm run chaos`: 2000 movements over 100 items, the worker killed 4 times, Temporal restarted twice. */
export const fullRun: Preset = {
  items: 100,
  movements: 2000,
  outageMovements: 20,
  lanes: 6,
  movementPhaseMs: 240_000,
  disruptions: spread(4, 2),
  faults: defaultFaultLevels,
  timeScale: 100,
  settleTimeoutMs: 600_000,
};

/** The run inside `npm test`: small, one worker kill and one Temporal restart. */
export const testRun: Preset = {
  ...fullRun,
  items: 20,
  movements: 200,
  outageMovements: 10,
  lanes: 4,
  movementPhaseMs: 30_000,
  disruptions: spread(1, 1),
  settleTimeoutMs: 120_000,
};
