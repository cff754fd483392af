import { z } from 'zod';
import { systems } from '../../domain/systems.js';
import { connectionSettingsSchema } from '../../integrations/connection-settings.js';
import { connectionSummarySchema } from './connection.js';
import { historyEntrySchema } from './history.js';
import { sideNamesSchema } from './runs.js';
import { scheduleViewSchema } from './schedule.js';
import { vendorNamedStatusAnswerFields, vendorNamedStatusFields } from './vendor-named-fields.js';

const systemSchema = z.enum(systems);

/** How the credentials of a side's system stand: who it knows the connection as, how long they last, what to do. */
export const credentialStatusSchema = z.object({
  system: systemSchema,
  level: z.enum(['not-connected', 'ok', 'warning', 'critical', 'expired']),
  /** Who the system knows the connection as (a company id, a Web Connector login, a company name). */
  account: z.string().nullable(),
  /** When the credentials stop working unless renewed (a refresh token); null: they do not expire. */
  expiresAt: z.string().nullable(),
  daysLeft: z.number().nullable(),
  /** When the credential in use expires and is renewed automatically (an access token). */
  renewedAt: z.string().nullable(),
  message: z.string(),
});
export type CredentialStatusView = z.infer<typeof credentialStatusSchema>;

export const connectionStatusSchema = connectionSummarySchema.extend({
  settings: connectionSettingsSchema.nullable(),
  /** The system on each side, as users know it: the product master names a side. */
  names: sideNamesSchema,
  /** How the credentials of each side's system stand. */
  credentials: z.object({ accounting: credentialStatusSchema, field: credentialStatusSchema }),
  ...vendorNamedStatusFields,
  links: z.object({ total: z.number(), quantityTracked: z.number(), pendingSettles: z.number() }),
  lastReconciliation: historyEntrySchema.nullable(),
  openFailures: z.array(historyEntrySchema),
  /** Null when the connection has no schedule yet (not configured), or when Temporal could not be asked. */
  schedule: scheduleViewSchema.nullable(),
  /** Why the schedule could not be read (Temporal unreachable); status still answers with the rest. */
  scheduleProblem: z.string().nullable(),
});
export type ConnectionStatusView = z.infer<typeof connectionStatusSchema>;

export const statusAnswerSchema = z.object({
  connections: z.array(connectionStatusSchema),
  ...vendorNamedStatusAnswerFields,
});
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;
