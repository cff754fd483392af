import { randomBytes } from 'node:crypto';

/**
 * The header the service configures on the Zuper webhooks it registers and the webhook route checks; Zuper signs
 * nothing, so this secret is what authenticates a delivery (docs/zuper-behaviour.md, "Delivery body").
 */
export const zuperSecretHeader = 'x-qzsync-webhook-secret';

/** A fresh secret for a connection's webhooks: 32 random bytes, URL-safe so any header carries it. */
export const newZuperWebhookSecret = (): string => randomBytes(32).toString('base64url');
