import { z } from 'zod';
import type { ZuperTransport } from './http-transport.js';
import { toPage } from './paging.js';
import { embeddedRef, flag, listEnvelope, numeric, writeEnvelope, type Page } from './schemas.js';
import { uidOf } from './uid-of.js';

export interface StockMoveInput {
  productUid: string;
  locationUid: string;
  /** Positive amount to add (inward) or remove (outward). */
  quantity: number;
  /** Free text; the sync puts its movement id here so a retry can find a write whose answer was lost. */
  remarks: string;
}

export interface StockTransferInput {
  productUid: string;
  fromLocationUid: string;
  toLocationUid: string;
  quantity: number;
  remarks: string;
}

export interface ZuperStockTransaction {
  uid: string;
  /** INWARD, OUTWARD or TRANSFER (consumption rows, if any, may use other values). */
  type: string;
  productUid: string;
  fromLocationUid: string | null;
  toLocationUid: string | null;
  quantity: number;
  remarks: string;
  isDeleted: boolean;
  createdAt: string;
}

const transactionList = listEnvelope(
  z.looseObject({
    transaction_uid: z.string().min(1),
    type: z.string(),
    product: embeddedRef('product_uid'),
    from_location: embeddedRef('location_uid').nullish(),
    to_location: embeddedRef('location_uid').nullish(),
    quantity: numeric,
    remarks: z.string().nullish(),
    is_deleted: flag.optional(),
    created_at: z.string(),
  }),
);
type TransactionRecord = z.output<typeof transactionList>['data'][number];

const transactionWritten = writeEnvelope('transaction_uid');

function normalizeTransaction(raw: TransactionRecord): ZuperStockTransaction {
  return {
    uid: raw.transaction_uid,
    type: raw.type,
    productUid: uidOf(raw.product, 'product_uid'),
    fromLocationUid: raw.from_location == null ? null : uidOf(raw.from_location, 'location_uid'),
    toLocationUid: raw.to_location == null ? null : uidOf(raw.to_location, 'location_uid'),
    quantity: raw.quantity,
    remarks: raw.remarks ?? '',
    isDeleted: raw.is_deleted ?? false,
    createdAt: raw.created_at,
  };
}

function assertPositive(quantity: number): void {
  if (!(quantity > 0) || !Number.isFinite(quantity)) {
    throw new RangeError(`A stock movement needs a positive finite quantity, got ${quantity}`);
  }
}

export function createStockApi(transport: ZuperTransport, pageSize: number) {
  const post = async (productUid: string, kind: 'inward' | 'outward' | 'transfer', transaction: object) => {
    const answer = await transport.call(transactionWritten, {
      method: 'POST',
      path: `/product/${encodeURIComponent(productUid)}/${kind}`,
      body: { transaction },
    });
    return answer.data.transaction_uid;
  };

  async function listStockTransactions(params: {
    productUid: string;
    page: number;
    count: number;
  }): Promise<Page<ZuperStockTransaction>> {
    const query = {
      product_uid: params.productUid,
      page: params.page,
      count: params.count,
      sort: 'DESC',
      sort_by: 'created_at',
    };
    return readTransactions(query, params.page, params.count);
  }

  async function readTransactions(query: Record<string, string | number>, page: number, count: number) {
    const answer = await transport.call(transactionList, { method: 'GET', path: '/product/transaction', query });
    return toPage(answer, page, count, normalizeTransaction);
  }

  return {
    /** Adds stock at a location; returns the transaction_uid. */
    async stockInward({ productUid, locationUid, quantity, remarks }: StockMoveInput): Promise<string> {
      assertPositive(quantity);
      return post(productUid, 'inward', { product_uid: productUid, location_uid: locationUid, quantity, remarks });
    },

    /** Removes stock at a location; returns the transaction_uid. */
    async stockOutward({ productUid, locationUid, quantity, remarks }: StockMoveInput): Promise<string> {
      assertPositive(quantity);
      return post(productUid, 'outward', { product_uid: productUid, location_uid: locationUid, quantity, remarks });
    },

    /** Moves stock between two locations; returns the transaction_uid. */
    async stockTransfer(input: StockTransferInput): Promise<string> {
      assertPositive(input.quantity);
      return post(input.productUid, 'transfer', {
        product_uid: input.productUid,
        from_location_uid: input.fromLocationUid,
        to_location_uid: input.toLocationUid,
        quantity: input.quantity,
        remarks: input.remarks,
      });
    },

    /** One page of a product's transactions, newest first. */
    listStockTransactions,

    /** One page of every product's movements in Zuper's own order, oldest first; only `count` and `page` are sent. */
    listMovements: (params: { page: number; count: number }): Promise<Page<ZuperStockTransaction>> =>
      readTransactions({ count: params.count, page: params.page }, params.page, params.count),

    /**
     * Finds the product's transaction whose remarks contain `marker`, scanning newest first. Transactions created
     * before `notBefore` (when given) end the scan: the movement being looked for cannot be older than its first try.
     */
    async findStockTransactionByRemark(
      productUid: string,
      marker: string,
      options: { notBefore?: Date } = {},
    ): Promise<ZuperStockTransaction | null> {
      const floor = options.notBefore?.getTime() ?? Number.NEGATIVE_INFINITY;
      for (let page = 1; ; page++) {
        const result = await listStockTransactions({ productUid, page, count: pageSize });
        const hit = result.items.find((t) => t.remarks.includes(marker));
        if (hit) return hit;
        const oldest = result.items.at(-1);
        const pastFloor = oldest !== undefined && Date.parse(oldest.createdAt) < floor;
        if (pastFloor || page >= result.totalPages || result.items.length === 0) return null;
      }
    },
  };
}
