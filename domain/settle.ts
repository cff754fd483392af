import { addQty, subQty } from './quantity.js';

/** What both sides showed and the base they last agreed on. */
export interface SettleObservation {
  base: number;
  qbo: number;
  zuper: number;
}

/** The relative movements that bring both sides to `newBase`; changes made after the read are left to the next settle. */
export interface SettleMath {
  qboChange: number;
  zuperChange: number;
  toQbo: number;
  toZuper: number;
  newBase: number;
}

export function computeSettle({ base, qbo, zuper }: SettleObservation): SettleMath {
  const qboChange = subQty(qbo, base);
  const zuperChange = subQty(zuper, base);
  return {
    qboChange,
    zuperChange,
    toQbo: zuperChange,
    toZuper: qboChange,
    newBase: addQty(base, qboChange, zuperChange),
  };
}

export function isNoop(math: SettleMath): boolean {
  return math.toQbo === 0 && math.toZuper === 0;
}

/**
 * The base a new link starts from, so that the first settle moves the non-master side to the master's quantity
 * through a recorded movement.
 */
export function initialBase(master: 'qbo' | 'zuper', quantities: { qbo: number; zuper: number }): number {
  return master === 'qbo' ? quantities.zuper : quantities.qbo;
}
