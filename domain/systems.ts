import type { Side } from './sides.js';

/** The two systems the sync connects, as stored and passed around. */
export type System = 'qbo' | 'zuper';

const labels: Record<System, string> = { qbo: 'QuickBooks', zuper: 'Zuper' };

/** The name a user knows a system by, for every sentence the product writes. */
export const systemLabel = (system: System): string => labels[system];

export const isSystem = (value: string): value is System => Object.hasOwn(labels, value);

export const otherSystem = (system: System): System => (system === 'qbo' ? 'zuper' : 'qbo');

/** The side each system sits on (domain/sides.ts). */
export const sideOfSystem = (system: System): Side => (system === 'qbo' ? 'accounting' : 'field');
