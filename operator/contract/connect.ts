import { z } from 'zod';
import { systems } from '../../domain/systems.js';
import { connectionSettingsSchema } from '../../integrations/connection-settings.js';
import { sideNamesSchema } from './runs.js';
import { scheduleViewSchema } from './schedule.js';

export const disconnectedSchema = z.object({
  connectionId: z.string(),
  system: z.enum(systems),
  /** What was cleaned up at the other end (token revoked, webhooks removed) and here (credentials deleted). */
  done: z.array(z.string()),
  /** Clean-up that could not be done there, with what to do by hand. */
  warnings: z.array(z.string()),
});
export type Disconnected = z.infer<typeof disconnectedSchema>;

export const configuredSchema = z.object({
  connectionId: z.string(),
  settings: connectionSettingsSchema,
  /** The system on each side, as users know it: the product master names a side. */
  names: sideNamesSchema,
  schedule: scheduleViewSchema,
  /**
   * Settings the change named under their older top-level names for a system the connection does not have (taken, as
   * before, and not kept), each with why; absent from older answers.
   */
  notKept: z.array(z.string()).default([]),
});
export type Configured = z.infer<typeof configuredSchema>;
