import { z } from 'zod';

/** Things that happen in the emulator that may fire webhooks. Event names per trigger are configurable. */
export const webhookTriggers = [
  'product_created',
  'product_updated',
  'product_deleted',
  'product_stock_moved',
  'product_stock_consumed',
  'invoice_created',
  'invoice_updated',
  'invoice_deleted',
  'invoice_status_changed',
  'invoice_recovered',
] as const;
export type WebhookTrigger = (typeof webhookTriggers)[number];

export const webhookEventTableSchema = z.record(z.enum(webhookTriggers), z.array(z.string().min(1)));
export type WebhookEventTable = z.infer<typeof webhookEventTableSchema>;

/** The module a webhook must name (when its webhook_module is set) to receive a trigger's events. */
export function triggerModule(trigger: WebhookTrigger): 'PRODUCTS' | 'INVOICE' {
  return trigger.startsWith('product_') ? 'PRODUCTS' : 'INVOICE';
}

/** UNCONFIRMED guesses modelled on the workflow builder's `job.new` / `job.status_update` keys. */
export function defaultWebhookEvents(): WebhookEventTable {
  return {
    product_created: ['product.new'],
    product_updated: ['product.update'],
    product_deleted: ['product.delete'],
    product_stock_moved: ['product.stock_update'],
    product_stock_consumed: [],
    invoice_created: ['invoice.new'],
    invoice_updated: ['invoice.update'],
    invoice_deleted: ['invoice.delete'],
    invoice_status_changed: ['invoice.status_update'],
    invoice_recovered: ['invoice.recover'],
  };
}
