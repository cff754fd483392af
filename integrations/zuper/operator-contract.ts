import { z } from 'zod';
import { storableText } from '../../domain/input-rules.js';
import { systemEndpoint } from '../system-api.js';

export const connectZuperBody = z.strictObject({
  company: z.string().trim().pipe(storableText()),
  apiKey: z.string().trim().min(8).pipe(storableText(500)),
  apiUrl: z.url({ protocol: /^https?$/ }).optional(),
});

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

/** `POST /api/connections/:id/zuper`: connects a Zuper company by its login name and an API key. */
export const zuperConnectEndpoint = systemEndpoint('POST', 'zuper', connectZuperBody, zuperConnectedSchema);
