import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth.js';
import type { ZuperContext } from '../context.js';
import { wrapped } from '../http/body.js';
import { badRequest, recordEnvelope, writeEnvelope } from '../http/envelope.js';
import { findLive } from '../http/not-found.js';
import { pageOf, parsePaging } from '../http/paging.js';
import { queryOf } from '../http/query.js';
import { parseOrThrow } from '../http/validate.js';
import { parseSortDirection } from '../products/product-sort.js';
import type { CompanyStore } from '../store/company-store.js';
import type { InvoiceRecord } from '../store/types.js';
import type { WebhookTrigger } from '../webhooks/webhook-triggers.js';
import { recoverInputSchema } from './invoice-input.js';
import { invoiceListPredicate, sortInvoices } from './invoice-list-query.js';
import { invoiceView } from './invoice-view.js';
import { createInvoice, deleteInvoice, recoverInvoice, setInvoiceStatus, updateInvoice } from './invoice-write.js';

type Params = { Params: { uid: string } };

export function registerInvoiceRoutes(api: FastifyInstance, ctx: ZuperContext): void {
  const emit = (company: CompanyStore, trigger: WebhookTrigger, invoice: InvoiceRecord) =>
    ctx.emit(company, trigger, { uidKey: 'invoice_uid', uid: invoice.invoice_uid });

  api.post('/invoice', (request) => {
    const company = companyOf(request);
    const invoice = createInvoice(ctx, company, wrapped(request.body, 'invoice'));
    emit(company, 'invoice_created', invoice);
    // The documented create response is a bare {} (UNCONFIRMED); data.invoice_uid by analogy with update.
    return ctx.settings().invoices.createResponse === 'empty'
      ? {}
      : writeEnvelope('Invoice Created Successfully', { invoice_uid: invoice.invoice_uid });
  });

  api.get('/invoice', (request) => {
    const company = companyOf(request);
    const query = queryOf(request);
    const paging = parsePaging(query, 10, ctx.settings().paging);
    const direction = parseSortDirection(query.sort, 'DESC');
    const matches = invoiceListPredicate(query);
    const items: InvoiceRecord[] = [];
    for (const inv of company.invoices.values()) if (matches(inv)) items.push(inv);
    return pageOf(sortInvoices(items, query.sort_by, direction), paging, invoiceView);
  });

  api.get<Params>('/invoice/:uid', (request) => {
    const company = companyOf(request);
    return recordEnvelope(invoiceView(findLive(ctx, company.invoices, request.params.uid, 'Invoice', 'read')));
  });

  api.put<Params>('/invoice/:uid', (request) => {
    const company = companyOf(request);
    const invoice = findLive(ctx, company.invoices, request.params.uid, 'Invoice', 'write');
    updateInvoice(ctx, company, invoice, wrapped(request.body, 'invoice'));
    emit(company, 'invoice_updated', invoice);
    return writeEnvelope('Invoice Updated', { invoice_uid: invoice.invoice_uid });
  });

  api.put<Params>('/invoice/:uid/status', (request) => {
    const company = companyOf(request);
    const invoice = findLive(ctx, company.invoices, request.params.uid, 'Invoice', 'write');
    setInvoiceStatus(ctx, company, invoice, request.body);
    emit(company, 'invoice_status_changed', invoice);
    return writeEnvelope('Invoice Status Updated', { invoice_uid: invoice.invoice_uid });
  });

  api.delete<Params>('/invoice/:uid', (request) => {
    const company = companyOf(request);
    const invoice = findLive(ctx, company.invoices, request.params.uid, 'Invoice', 'write');
    deleteInvoice(ctx, company, invoice);
    emit(company, 'invoice_deleted', invoice);
    return { type: 'success', message: 'Invoice deleted successfully' };
  });

  api.post('/invoice/recover', (request) => {
    const company = companyOf(request);
    const { entity_uids } = parseOrThrow(recoverInputSchema, request.body);
    const invoices = entity_uids.map((uid) => company.invoices.get(uid));
    if (invoices.some((inv) => inv === undefined)) throw badRequest('Invalid invoice uid', 'Invalid Data');
    for (const invoice of invoices as InvoiceRecord[]) {
      if (!invoice.is_deleted) continue;
      recoverInvoice(ctx, company, invoice);
      emit(company, 'invoice_recovered', invoice);
    }
    return { type: 'success', message: 'Invoice Recovered Successfully' };
  });
}
