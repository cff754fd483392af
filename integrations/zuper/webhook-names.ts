/** Webhook names are unique in Zuper; ours carry the connection so several connections can share a company. */
export const zuperWebhookName = (connectionId: string, event: string) => `qzsync:${connectionId}:${event}`;
