import { z } from 'zod';
import type { ZuperTransport } from './http-transport.js';
import { nullWhenNotFound } from './not-found.js';
import { toPage } from './paging.js';
import { embeddedRef, flag, listEnvelope, numeric, recordEnvelope, type Page } from './schemas.js';
import { uidOf } from './uid-of.js';

export interface ZuperInvoiceLine {
  /** Null for free-text lines that are not linked to a product. */
  productUid: string | null;
  /** The stock location the line consumes from; null when the line names none. */
  locationUid: string | null;
  quantity: number;
}

export interface ZuperInvoice {
  uid: string;
  status: string;
  isDeleted: boolean;
  lines: ZuperInvoiceLine[];
  updatedAt: string | null;
}

export interface ZuperInvoiceFilters {
  updatedAtFrom?: string;
  updatedAtTo?: string;
  isDeleted?: boolean;
  status?: string;
}

const invoiceRecord = z.looseObject({
  invoice_uid: z.string().min(1),
  invoice_status: z.string(),
  is_deleted: flag.optional(),
  line_items: z
    .array(
      z.looseObject({
        product_uid: embeddedRef('product_uid').nullish(),
        location_uid: embeddedRef('location_uid').nullish(),
        quantity: numeric,
      }),
    )
    .nullish(),
  updated_at: z.string().nullish(),
});

const nonEmpty = (uid: string): string | null => (uid === '' ? null : uid);

function normalizeInvoice(raw: z.output<typeof invoiceRecord>): ZuperInvoice {
  return {
    uid: raw.invoice_uid,
    status: raw.invoice_status,
    isDeleted: raw.is_deleted ?? false,
    lines: (raw.line_items ?? []).map((line) => ({
      productUid: nonEmpty(uidOf(line.product_uid, 'product_uid')),
      locationUid: nonEmpty(uidOf(line.location_uid, 'location_uid')),
      quantity: line.quantity,
    })),
    updatedAt: raw.updated_at ?? null,
  };
}

const invoiceAnswer = recordEnvelope(invoiceRecord);
const invoiceList = listEnvelope(invoiceRecord);

export function createInvoicesApi(transport: ZuperTransport) {
  return {
    /** Null when Zuper does not know the uid; a deleted invoice comes back with isDeleted (it may be recovered). */
    async getInvoice(uid: string): Promise<ZuperInvoice | null> {
      const path = `/invoice/${encodeURIComponent(uid)}`;
      const answer = await nullWhenNotFound(transport.call(invoiceAnswer, { method: 'GET', path }));
      return answer && normalizeInvoice(answer.data);
    },

    async listInvoices(params: {
      page: number;
      count: number;
      filters?: ZuperInvoiceFilters;
    }): Promise<Page<ZuperInvoice>> {
      const { page, count, filters = {} } = params;
      const query = {
        page,
        count,
        'filter.updated_at_from': filters.updatedAtFrom,
        'filter.updated_at_to': filters.updatedAtTo,
        'filter.is_deleted': filters.isDeleted === undefined ? undefined : String(filters.isDeleted),
        'filter.status': filters.status,
      };
      const answer = await transport.call(invoiceList, { method: 'GET', path: '/invoice', query });
      return toPage(answer, page, count, normalizeInvoice);
    },
  };
}
