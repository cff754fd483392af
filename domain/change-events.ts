import type { System } from './systems.js';

/**
 * A change a system announced (by webhook), in the terms its own integration defines
 * (`integrations/<system>/announced-change.ts`): outside that folder only the connection it concerns is read.
 */
export interface AnnouncedChange {
  readonly connectionId: string;
  /** The rest is the system's own (JSON, as the intake outbox keeps it). */
  readonly [field: string]: unknown;
}

/** An announced change with the system that announced it, as routing takes it (`routeChange`). */
export interface SystemChange {
  system: System;
  change: AnnouncedChange;
}
