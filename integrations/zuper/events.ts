/**
 * Zuper's webhook event keys for the two modules the sync listens to, as Zuper's own catalogue lists them
 * (docs/zuper-behaviour.md, "Webhook events"). `transcation` is Zuper's spelling and is what arrives.
 */
export const zuperProductEvents = [
  'product.new',
  'product.update',
  'product.delete',
  'product.location_new',
  'product.location_update',
  'product.location_delete',
  'product.transcation_inward',
  'product.transcation_outward',
  'product.transcation_transfer',
  'product.consumption',
  'product.update_stock',
  'product.bulk_action',
] as const;

export const zuperInvoiceEvents = [
  'invoice.new',
  'invoice.update',
  'invoice.status_update',
  'invoice.payment',
  'invoice.print',
  'invoice.send',
  'invoice.new_note',
  'invoice.update_note',
  'invoice.delete_note',
  'invoice.new_attachment',
  'invoice.delete_attachment',
  'invoice.delete',
  'invoice.bulk_action',
  'invoice.payment_mode_create',
  'invoice.payment_mode_update',
  'invoice.payment_mode_delete',
  'invoice.payment_term_create',
  'invoice.payment_term_update',
  'invoice.payment_term_delete',
] as const;

export type ZuperModule = 'PRODUCTS' | 'INVOICE';

/**
 * What a delivery of a key means to the sync: a product changed (its uid is in the body), an invoice changed (its
 * lines consume stock), or a stock movement happened (the body names the movement, never the product).
 */
export type ZuperEventRoute = 'product' | 'invoice' | 'movement';

/** The keys the sync needs, by route. */
const subscribed: Record<ZuperEventRoute, readonly string[]> = {
  product: ['product.new', 'product.update', 'product.delete', 'product.update_stock'],
  movement: [
    'product.transcation_inward',
    'product.transcation_outward',
    'product.transcation_transfer',
    'product.consumption',
  ],
  invoice: ['invoice.new', 'invoice.update', 'invoice.status_update', 'invoice.delete'],
};

/** The keys the sync registers webhooks for, with their module and route. */
export const zuperSubscriptions: readonly { module: ZuperModule; event: string; route: ZuperEventRoute }[] = (
  Object.keys(subscribed) as ZuperEventRoute[]
).flatMap((route) =>
  subscribed[route].map((event) => ({ module: route === 'invoice' ? 'INVOICE' : 'PRODUCTS', event, route }) as const),
);

/** The body field that names the record of each route; a movement's is informative only. */
export const zuperRouteUidField = {
  product: 'product_uid',
  invoice: 'invoice_uid',
  movement: 'transaction_uid',
} as const satisfies Record<ZuperEventRoute, string>;

const routes = new Map(zuperSubscriptions.map((s) => [s.event, s.route]));
const catalogued = new Set<string>([...zuperProductEvents, ...zuperInvoiceEvents]);

export type ZuperEventClass = { kind: 'route'; route: ZuperEventRoute } | { kind: 'ignored' } | { kind: 'unknown' };

/**
 * Routes the keys the sync subscribes to. Other keys of Zuper's catalogue, and keys of modules the sync does not
 * read, are not needed (a webhook someone else configured may point here). A product or invoice key Zuper does not
 * list is unknown.
 */
export function classifyZuperEvent(event: string): ZuperEventClass {
  const route = routes.get(event);
  if (route) return { kind: 'route', route };
  if (catalogued.has(event)) return { kind: 'ignored' };
  return event.startsWith('product.') || event.startsWith('invoice.') ? { kind: 'unknown' } : { kind: 'ignored' };
}

/** Whether a delivery of this key names a stock movement rather than a product. */
export function isZuperMovement(event: string): boolean {
  const kind = classifyZuperEvent(event);
  return kind.kind === 'route' && kind.route === 'movement';
}
