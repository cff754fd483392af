import { z } from 'zod';
import { connectionIdSchema, rowIdSchema, storableText } from '../domain/input-rules.js';

/** Request shapes of the operator API (bodies, path and query parameters). */
export const connectionIdParams = z.object({ id: connectionIdSchema });

export const newConnectionBody = z.strictObject({
  id: connectionIdSchema,
  displayName: z.string().trim().pipe(storableText()).optional(),
});

export const linkBody = z.strictObject({ dryRun: z.boolean().default(false) });

/** How long a long operation is awaited before answering 'running' (the caller then polls /runs). */
export const waitQuery = z.object({ waitMs: z.coerce.number().int().min(0).max(60_000).default(20_000) });

export const runParams = z.object({ workflowId: storableText(500) });
// Temporal refuses any other run id as an invalid argument, which reached the caller as a 5xx.
const temporalRunId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a Temporal run id (a UUID)');
export const runQuery = waitQuery.extend({ runId: temporalRunId.optional() });

export const scheduleActionParams = connectionIdParams.extend({ action: z.enum(['pause', 'resume', 'trigger']) });

export const historyQuery = z.object({
  item: storableText().optional(),
  kind: z.enum(['item', 'quantity', 'reconcile', 'link']).optional(),
  status: z.enum(['started', 'succeeded', 'failed', 'needs_attention']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const historyIdParams = z.object({ historyId: rowIdSchema });

export const newTokenBody = z.strictObject({
  label: z.string().trim().pipe(storableText(100)),
  connections: z.array(connectionIdSchema).min(1).max(100),
});

export const tokenIdParams = z.object({ tokenId: z.string().regex(/^[0-9a-f]{12}$/, 'a token id (12 hex digits)') });
