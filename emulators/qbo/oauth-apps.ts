import { z } from 'zod';

export const webhookOperationSchema = z.enum(['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed']);

export const oauthAppSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.string().url()).default([]),
  /** Where webhooks for connected companies go; none when absent. */
  webhookUrl: z.string().url().optional(),
  /** HMAC key for `intuit-signature`. */
  verifierToken: z.string().min(1).default('verifier-token'),
  webhookFormat: z.enum(['legacy', 'cloudevents']).default('cloudevents'),
  /** Entity name → operations subscribed to (empty array = all); absent = every entity and operation. */
  webhookEntities: z.record(z.string(), z.array(webhookOperationSchema)).optional(),
});
export type OAuthAppInput = z.input<typeof oauthAppSchema>;
export type OAuthApp = z.output<typeof oauthAppSchema>;
