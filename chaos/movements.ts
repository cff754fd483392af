import { setTimeout as sleep } from 'node:timers/promises';
import type { ExpectedMovements } from './expected.js';
import type { UserMovement } from './qbo-user.js';

export type DisruptionKind = 'kill worker' | 'restart Temporal' | 'Web Connector away';

export interface Disruption {
  /** When, as the share of movements done (0…1). */
  at: number;
  kind: DisruptionKind;
}

export interface MovementDriverOptions {
  count: number;
  /** Users acting at the same time. */
  lanes: number;
  /** How long the movements should take: each user pauses `lanes × durationMs / count` on average between them. */
  durationMs: number;
  rng: () => number;
  /** Each call makes one movement on one side. */
  sides: { move(): UserMovement | Promise<UserMovement> }[];
  expected: ExpectedMovements;
  disruptions: readonly Disruption[];
  disrupt: (kind: DisruptionKind) => Promise<void>;
  log: (line: string) => void;
}

/**
 * Random movements on both sides by several users at once, recorded as they are confirmed. Disruptions fire as the
 * run passes their point and run one after another while the users carry on.
 */
export async function driveMovements(o: MovementDriverOptions): Promise<void> {
  let started = 0;
  let done = 0;
  const pending = [...o.disruptions].sort((a, b) => a.at - b.at);
  let disruptions = Promise.resolve();
  const meanGapMs = (o.lanes * o.durationMs) / o.count;
  const lane = async () => {
    while (started < o.count) {
      started += 1;
      const side = o.sides[Math.floor(o.rng() * o.sides.length)]!;
      const { kind, effect } = await side.move();
      o.expected.record(kind, effect);
      done += 1;
      if (done % Math.max(1, Math.floor(o.count / 10)) === 0) o.log(`movements: ${done}/${o.count}`);
      while (pending[0] && done >= pending[0].at * o.count) {
        const { kind: what } = pending.shift()!;
        disruptions = disruptions.then(async () => {
          o.log(`disruption: ${what}`);
          await o.disrupt(what);
          o.log(`disruption over: ${what}`);
        });
      }
      await sleep(o.rng() * 2 * meanGapMs);
    }
  };
  await Promise.all(Array.from({ length: o.lanes }, lane));
  await disruptions;
}
