import { z } from 'zod';

/** Request shapes of the operator API (bodies, path and query parameters). */
export const connectionIdParams = z.object({ id: z.string().min(1).max(200) });

export const newConnectionBody = z.strictObject({
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
      'letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)',
    ),
  displayName: z.string().trim().min(1).max(200).optional(),
});

export const connectZuperBody = z.strictObject({
  company: z.string().trim().min(1).max(200),
  apiKey: z.string().trim().min(8).max(500),
  apiUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export const linkBody = z.strictObject({ dryRun: z.boolean().default(false) });

/** How long a long operation is awaited before answering 'running' (the caller then polls /runs). */
export const waitQuery = z.object({ waitMs: z.coerce.number().int().min(0).max(60_000).default(20_000) });

export const runParams = z.object({ workflowId: z.string().min(1).max(500) });
export const runQuery = waitQuery.extend({ runId: z.string().min(1).max(100).optional() });

export const scheduleActionParams = connectionIdParams.extend({ action: z.enum(['pause', 'resume', 'trigger']) });

export const historyQuery = z.object({
  item: z.string().min(1).max(200).optional(),
  kind: z.enum(['item', 'quantity', 'reconcile', 'link']).optional(),
  status: z.enum(['started', 'succeeded', 'failed', 'needs_attention']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const historyIdParams = z.object({ historyId: z.coerce.number().int().positive() });
