import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/** `{"web_hook":{...}}` for create (name, event and URL required) and update (all optional). */
export const webhookInputSchema = z.object({
  webhook_name: z.string().trim().min(1).optional(),
  webhook_event: z.string().trim().min(1).optional(),
  webhook_url: url.optional(),
  webhook_module: z.string().nullable().optional(),
  content_type: z.string().min(1).optional(),
  request_method: z.enum(['POST', 'GET', 'PUT', 'DELETE']).optional(),
  headers: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .nullable()
    .optional(),
  is_active: z.boolean().optional(),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const activationInputSchema = z.object({ type: z.enum(['ACTIVATE', 'DEACTIVATE']) });
