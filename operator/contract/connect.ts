import { z } from 'zod';
import { connectionSettingsSchema } from '../../integrations/connection-settings.js';
import { sideNamesSchema } from './runs.js';
import { scheduleViewSchema } from './schedule.js';

export const zuperConnectedSchema = z.object({
  connectionId: z.string(),
  company: z.string(),
  apiUrl: z.string(),
  webhookUrl: z.string(),
  webhooks: z.array(z.object({ uid: z.string(), event: z.string() })),
  /** Webhooks of an earlier connect that were removed. */
  replaced: z.number(),
});
export type ZuperConnected = z.infer<typeof zuperConnectedSchema>;

export const qbdConnectedSchema = z.object({
  connectionId: z.string(),
  username: z.string(),
  /** Shown once: only its sealed form is kept. */
  password: z.string(),
  appUrl: z.string(),
  /** The .qwc file to open in the Web Connector. */
  qwc: z.string(),
});
export type QbdConnected = z.infer<typeof qbdConnectedSchema>;

export const qboConnectLinkSchema = z.object({ connectionId: z.string(), url: z.string() });
export type QboConnectLink = z.infer<typeof qboConnectLinkSchema>;

export const disconnectedSchema = z.object({
  connectionId: z.string(),
  system: z.enum(['qbo', 'qbd', 'zuper']),
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
