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
  /** How often the Web Connector runs (the .qwc file's Scheduler). */
  runEverySeconds: z.number(),
  /** The .qwc file to open in the Web Connector. */
  qwc: z.string(),
  /** The name to save it under. */
  fileName: z.string(),
});
export type QbdConnected = z.infer<typeof qbdConnectedSchema>;

/** The .qwc file of the Web Connector login a connection holds, made again (the password is not in it). */
export const qbdConnectorFileSchema = qbdConnectedSchema.omit({ password: true });
export type QbdConnectorFile = z.infer<typeof qbdConnectorFileSchema>;

/** A connection's Web Connector as the store has it. */
export const qbdConnectorStateSchema = z.object({
  connected: z.boolean(),
  username: z.string().nullable(),
  /** The newest session: when it started and when it ended (null while it is open). */
  lastSession: z.object({ startedAt: z.string(), endedAt: z.string().nullable() }).nullable(),
  /** qbXML requests waiting for the next session, or sent in the open one and not answered yet. */
  waiting: z.number(),
  /** The newest failure a session recorded (QuickBooks could not be opened, a request it could not process). */
  lastError: z.object({ message: z.string(), sessionStartedAt: z.string() }).nullable(),
  /** The AppURL and run interval (seconds) its .qwc files say, as the user set them; null for the default. */
  qwc: z.object({ appUrl: z.string().nullable(), runEverySeconds: z.number().nullable() }),
});
export type QbdConnectorStateView = z.infer<typeof qbdConnectorStateSchema>;

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
