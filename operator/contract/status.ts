import { z } from 'zod';
import { connectionSettingsSchema } from '../../integrations/connection-settings.js';
import { qbdConnectorStateSchema } from './connect.js';
import { connectionSummarySchema } from './connection.js';
import { historyEntrySchema } from './history.js';
import { sideNamesSchema } from './runs.js';
import { scheduleViewSchema } from './schedule.js';

const systemSchema = z.enum(['qbo', 'qbd', 'zuper']);

/** How the credentials of a side's system stand: who it knows the connection as, how long they last, what to do. */
export const credentialStatusSchema = z.object({
  system: systemSchema,
  level: z.enum(['not-connected', 'ok', 'warning', 'critical', 'expired']),
  /** Who the system knows the connection as (a company id, a Web Connector login, a company name). */
  account: z.string().nullable(),
  /** When the credentials stop working unless renewed (QuickBooks Online's refresh token); null: they do not expire. */
  expiresAt: z.string().nullable(),
  daysLeft: z.number().nullable(),
  /** When the credential in use expires and is renewed automatically (QuickBooks Online's access token). */
  renewedAt: z.string().nullable(),
  message: z.string(),
});
export type CredentialStatusView = z.infer<typeof credentialStatusSchema>;

/**
 * Older shape of the accounting side's credentials (QuickBooks Online's tokens), kept in `qbo` for existing clients;
 * `credentials.accounting` replaces it.
 */
export const tokenHealthSchema = z.object({
  level: z.enum(['not-connected', 'ok', 'warning', 'critical', 'expired']),
  realmId: z.string().nullable(),
  accessTokenExpiresAt: z.string().nullable(),
  refreshTokenExpiresAt: z.string().nullable(),
  refreshTokenDaysLeft: z.number().nullable(),
  message: z.string(),
});
export type TokenHealth = z.infer<typeof tokenHealthSchema>;

/** The whole app's metered QuickBooks reads this calendar month (UTC) against its monthly allowance. */
export const qboReadUsageSchema = z.object({
  month: z.string(),
  reads: z.number(),
  allowance: z.number(),
  share: z.number(),
  /** Reads at month-end at the pace so far. */
  projected: z.number(),
  projectedShare: z.number(),
  /** warning: 80 % used or projected; critical: 100 % used or projected (the quantity watch polls less often). */
  level: z.enum(['ok', 'warning', 'critical']),
  /** Factor by which metered polling intervals are stretched now (1: not stretched). */
  stretch: z.number(),
  message: z.string(),
});
export type QboReadUsageView = z.infer<typeof qboReadUsageSchema>;

export const connectionStatusSchema = connectionSummarySchema.extend({
  settings: connectionSettingsSchema.nullable(),
  /** The system on each side, as users know it: the product master names a side. */
  names: sideNamesSchema,
  /** How the credentials of each side's system stand. */
  credentials: z.object({ accounting: credentialStatusSchema, field: credentialStatusSchema }),
  /** Older: the accounting side's credentials (`credentials.accounting`). */
  qbo: tokenHealthSchema,
  /** Older: the Zuper account (`credentials.field`). */
  zuper: z.object({ connected: z.boolean(), company: z.string().nullable(), apiUrl: z.string().nullable() }),
  /** The Web Connector of a connection whose books are in QuickBooks Desktop (or that holds its login); else null. */
  qbd: qbdConnectorStateSchema.nullable(),
  links: z.object({ total: z.number(), quantityTracked: z.number(), pendingSettles: z.number() }),
  lastReconciliation: historyEntrySchema.nullable(),
  openFailures: z.array(historyEntrySchema),
  /** Null when the connection has no schedule yet (not configured), or when Temporal could not be asked. */
  schedule: scheduleViewSchema.nullable(),
  /** Why the schedule could not be read (Temporal unreachable); status still answers with the rest. */
  scheduleProblem: z.string().nullable(),
  /** This connection's metered QuickBooks reads this month, beside the whole app's usage. */
  qboReads: z.object({ thisMonth: z.number(), app: qboReadUsageSchema }),
});
export type ConnectionStatusView = z.infer<typeof connectionStatusSchema>;

export const statusAnswerSchema = z.object({
  connections: z.array(connectionStatusSchema),
  /** The whole app's usage, with every connection's reads this month (removed connections' too: they still count). */
  qboReads: qboReadUsageSchema.extend({
    perConnection: z.array(z.object({ connectionId: z.string(), reads: z.number() })),
  }),
});
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;
