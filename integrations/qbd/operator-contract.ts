import { z } from 'zod';
import { storableText } from '../../domain/input-rules.js';
import { systemEndpoint } from '../system-api.js';

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

/** `POST /api/connections/:id/qbd`: a Web Connector login with a fresh password, and its .qwc file. */
export const qbdConnectEndpoint = systemEndpoint('POST', 'qbd', connectQbdBody, qbdConnectedSchema);

/** `GET /api/connections/:id/qbd/qwc`: the .qwc file of the login the connection holds, made again. */
export const qbdConnectorFileEndpoint = systemEndpoint('GET', 'qbd/qwc', null, qbdConnectorFileSchema);

/** `PUT /api/connections/:id/qbd/qwc`: the same with a new AppURL or run interval, kept for every later file. */
export const qbdNewConnectorFileEndpoint = systemEndpoint('PUT', 'qbd/qwc', qbdQwcBody, qbdConnectorFileSchema);
