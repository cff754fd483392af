import type { FastifyInstance, FastifyRequest } from 'fastify';

export const qboEntityKey = (realmId: string, entity: string, id: string) =>
  `qbo:${realmId}:${entity.toLowerCase()}:${id}`;
export const zuperInvoiceKey = (invoiceUid: string) => `zuper:invoice:${invoiceUid}`;

/** The records a webhook body mentions, as keys above (QBO CloudEvents arrays and Zuper bodies). */
export function webhookKeys(url: string, body: unknown): string[] {
  if (url.startsWith('/webhooks/qbo') && Array.isArray(body)) {
    return body.flatMap((e: { type?: unknown; intuitaccountid?: unknown; intuitentityid?: unknown }) => {
      const entity = typeof e.type === 'string' ? e.type.split('.')[1] : undefined;
      return entity && typeof e.intuitaccountid === 'string' && typeof e.intuitentityid === 'string'
        ? [qboEntityKey(e.intuitaccountid, entity, e.intuitentityid)]
        : [];
    });
  }
  const uid = (body as { invoice_uid?: unknown } | null)?.invoice_uid;
  return url.startsWith('/webhooks/zuper/') && typeof uid === 'string' ? [zuperInvoiceKey(uid)] : [];
}

/**
 * When each record's first webhook POST reached the intake (`performance.now()`), observed by hooks on the intake
 * itself: on loopback that is when the emulator posted it.
 */
export class WebhookArrivals {
  private readonly first = new Map<string, number>();
  private readonly receivedAt = new WeakMap<FastifyRequest, number>();

  install(app: FastifyInstance): void {
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.url.startsWith('/webhooks/')) this.receivedAt.set(request, performance.now());
      done();
    });
    app.addHook('preHandler', (request, _reply, done) => {
      const at = this.receivedAt.get(request);
      if (at !== undefined && Buffer.isBuffer(request.body)) this.note(request.url, request.body, at);
      done();
    });
  }

  private note(url: string, raw: Buffer, at: number): void {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return;
    }
    for (const key of webhookKeys(url, body)) if (!this.first.has(key)) this.first.set(key, at);
  }

  get(key: string): number | undefined {
    return this.first.get(key);
  }
}
