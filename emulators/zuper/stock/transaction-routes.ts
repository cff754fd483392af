import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth.js';
import type { ZuperContext } from '../context.js';
import { wrapped } from '../http/body.js';
import { badRequest, recordEnvelope, writeEnvelope } from '../http/envelope.js';
import { findLive, notFound } from '../http/not-found.js';
import { pageOf, parsePaging } from '../http/paging.js';
import { type Query, queryDateMs, queryOf, withinRange } from '../http/query.js';
import { parseOrThrow } from '../http/validate.js';
import { parseSortDirection } from '../products/product-sort.js';
import type { WebhookTrigger } from '../webhooks/webhook-triggers.js';
import type { CompanyStore } from '../store/company-store.js';
import type { TransactionRecord } from '../store/types.js';
import { executeMovement, type Movement } from './movements.js';
import { inwardSchema, outwardSchema, transferSchema } from './transaction-input.js';
import { transactionListItemView, transactionView } from './transaction-view.js';

/** Filters of `GET /product/transaction` (documented without the `filter.` prefix). */
function transactionMatches(query: Query): (tx: TransactionRecord) => boolean {
  const from = queryDateMs(query, 'created_at_from');
  const to = queryDateMs(query, 'created_at_to');
  const { type, location_uid, from_location, to_location, created_at } = query;
  return (tx) =>
    (!type || tx.type === type) &&
    (!location_uid || tx.from_location_uid === location_uid || tx.to_location_uid === location_uid) &&
    (!from_location || tx.from_location_uid === from_location) &&
    (!to_location || tx.to_location_uid === to_location) &&
    (!created_at || tx.created_at.startsWith(created_at)) &&
    withinRange(Date.parse(tx.created_at), from, to);
}

function sortTransactions(items: TransactionRecord[], query: Query): TransactionRecord[] {
  // Zuper lists movements oldest first unless asked otherwise (docs/zuper-behaviour.md, "Stock movements").
  const direction = parseSortDirection(query.sort, 'ASC');
  const sortBy = query.sort_by || 'created_at';
  if (sortBy !== 'created_at' && sortBy !== 'quantity') throw badRequest('Invalid Sort By Value');
  const sign = direction === 'ASC' ? 1 : -1;
  const key = sortBy === 'quantity' ? (tx: TransactionRecord) => tx.quantity : (tx: TransactionRecord) => tx.seq;
  return items.sort((a, b) => sign * (key(a) - key(b)) || sign * (a.seq - b.seq));
}

/** A movement body reduced to where stock leaves and arrives. */
interface MovementBody {
  product_uid: string;
  from: string | null;
  to: string | null;
  quantity: number;
  serial_nos?: string[] | undefined;
  remarks?: string | undefined;
  purchase_price?: number | null | undefined;
  min_quantity?: number | null | undefined;
}

const readers: Record<Movement['type'], (raw: unknown) => MovementBody> = {
  INWARD: (raw) => {
    const body = parseOrThrow(inwardSchema, raw);
    return { ...body, from: null, to: body.location_uid };
  },
  OUTWARD: (raw) => {
    const body = parseOrThrow(outwardSchema, raw);
    return { ...body, from: body.location_uid, to: null };
  },
  TRANSFER: (raw) => {
    const body = parseOrThrow(transferSchema, raw);
    return { ...body, from: body.from_location_uid, to: body.to_location_uid };
  },
};

const triggers = {
  INWARD: 'product_stock_inward',
  OUTWARD: 'product_stock_outward',
  TRANSFER: 'product_stock_transfer',
} as const satisfies Record<string, WebhookTrigger>;

export function registerTransactionRoutes(api: FastifyInstance, ctx: ZuperContext): void {
  for (const type of ['INWARD', 'OUTWARD', 'TRANSFER'] as const) {
    api.post<{ Params: { uid: string } }>(`/product/:uid/${type.toLowerCase()}`, (request) => {
      const company = companyOf(request);
      const product = findLive(ctx, company.products, request.params.uid, 'Product', 'write');
      const body = readers[type](wrapped(request.body, 'transaction'));
      if (body.product_uid !== product.product_uid) {
        throw badRequest('product_uid does not match the path', 'Invalid Data');
      }
      const tx = executeMovement(ctx, company, {
        type,
        product,
        from: body.from,
        to: body.to,
        quantity: body.quantity,
        serialNos: body.serial_nos ?? [],
        remarks: body.remarks,
        purchasePrice: body.purchase_price,
        minQuantity: body.min_quantity,
      });
      ctx.emit(company, triggers[type], { uidKey: 'transaction_uid', uid: tx.transaction_uid });
      return writeEnvelope('Product Transaction Created Successfully', { transaction_uid: tx.transaction_uid });
    });
  }

  api.get('/product/transaction', (request) => {
    const company: CompanyStore = companyOf(request);
    const query = queryOf(request);
    const paging = parsePaging(query, 10, ctx.settings().paging);
    const source = query.product_uid
      ? (company.transactionsByProduct.get(query.product_uid) ?? [])
      : company.transactions.values();
    const matches = transactionMatches(query);
    const selected: TransactionRecord[] = [];
    for (const tx of source) if (matches(tx)) selected.push(tx);
    return pageOf(sortTransactions(selected, query), paging, (tx) => transactionListItemView(company, tx));
  });

  api.get<{ Params: { uid: string } }>('/product/transaction/:uid', (request) => {
    const company = companyOf(request);
    const tx = company.transactions.get(request.params.uid);
    if (!tx) throw notFound(ctx, 'Transaction');
    return recordEnvelope(transactionView(company, tx));
  });
}
