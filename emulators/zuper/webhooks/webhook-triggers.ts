import { z } from 'zod';

/** Things that happen in the emulator that may fire webhooks. Event names per trigger are configurable. */
export const webhookTriggers = [
  'product_created',
  'product_updated',
  'product_deleted',
  'product_stock_inward',
  'product_stock_outward',
  'product_stock_transfer',
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

/**
 * Zuper's own event keys (its catalogue, captured 2026-09-17; `transcation` is its spelling). Zuper lists no key for
 * recovering an invoice, so that trigger fires nothing.
 */
export function defaultWebhookEvents(): WebhookEventTable {
  return {
    product_created: ['product.new'],
    product_updated: ['product.update'],
    product_deleted: ['product.delete'],
    product_stock_inward: ['product.transcation_inward'],
    product_stock_outward: ['product.transcation_outward'],
    product_stock_transfer: ['product.transcation_transfer'],
    product_stock_consumed: ['product.consumption'],
    invoice_created: ['invoice.new'],
    invoice_updated: ['invoice.update'],
    invoice_deleted: ['invoice.delete'],
    invoice_status_changed: ['invoice.status_update'],
    invoice_recovered: [],
  };
}
