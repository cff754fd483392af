import type { Side } from './sides.js';

/** The systems the sync connects, as stored and passed around: a connection has one accounting and one field system. */
export const systems = ['qbo', 'qbd', 'zuper'] as const;
export type System = (typeof systems)[number];

const labels: Record<System, string> = { qbo: 'QuickBooks', qbd: 'QuickBooks Desktop', zuper: 'Zuper' };

/** The name a user knows a system by, for every sentence the product writes. */
export const systemLabel = (system: System): string => labels[system];

export const isSystem = (value: string): value is System => Object.hasOwn(labels, value);

const sides: Record<System, Side> = { qbo: 'accounting', qbd: 'accounting', zuper: 'field' };

/** The side each system sits on (domain/sides.ts). */
export const sideOfSystem = (system: System): Side => sides[system];

/** The system on the other side of a connection whose systems are these. */
export const otherSystem = (system: System, connection: { accounting: System; field: System }): System =>
  sideOfSystem(system) === 'accounting' ? connection.field : connection.accounting;
