import { z } from 'zod';
import { connectionIdSchema, rowIdSchema, storableText } from '../domain/input-rules.js';

/** Request shapes of the operator API (bodies, path and query parameters). */
export const connectionIdParams = z.object({ id: connectionIdSchema });

export const newConnectionBody = z.strictObject({
  id: connectionIdSchema,
  displayName: z.string().trim().pipe(storableText()).optional(),
});

export const connectZuperBody = z.strictObject({
  company: z.string().trim().pipe(storableText()),
  apiKey: z.string().trim().min(8).pipe(storableText(500)),
  apiUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * Where the Web Connector calls and how often it runs: whole minutes, or seconds (which only a .qwc file can set), one
 * or the other. Each one given is kept for the connection's later files; absent, the one kept (else the default).
 */
const qwcFields = {
  appUrl: z.string().optional(),
  runEveryMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  runEverySeconds: z
    .number()
    .int()
    .min(1)
    .max(24 * 60 * 60)
    .optional(),
};

/** One interval or the other, not both. */
const oneInterval = (
  v: { runEveryMinutes?: number | undefined; runEverySeconds?: number | undefined },
  ctx: z.RefinementCtx,
) => {
  if (v.runEveryMinutes !== undefined && v.runEverySeconds !== undefined)
    ctx.addIssue({
      code: 'custom',
      message: 'give runEveryMinutes or runEverySeconds, not both',
      path: ['runEverySeconds'],
    });
};

/** The interval in seconds, as the .qwc settings keep it. */
const inSeconds = <T extends { runEveryMinutes?: number | undefined; runEverySeconds?: number | undefined }>({
  runEveryMinutes,
  runEverySeconds,
  ...rest
}: T) => ({ ...rest, runEverySeconds: runEveryMinutes === undefined ? runEverySeconds : runEveryMinutes * 60 });

export const connectQbdBody = z
  .strictObject({ username: z.string().trim().min(1).pipe(storableText(100)).optional(), ...qwcFields })
  .superRefine(oneInterval)
  .transform(inSeconds);

/** The .qwc file made again with a new AppURL or run interval, kept for every later file. */
export const qbdQwcBody = z.strictObject(qwcFields).superRefine(oneInterval).transform(inSeconds);

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
