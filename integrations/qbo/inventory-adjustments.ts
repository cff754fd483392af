import { checkRequestId, maxRequestIdLength } from './request-id.js';
import { selectQuery, where } from './query-builder.js';
import type { QboQueryApi } from './query.js';
import { singleEnvelope } from './schemas/entities.js';
import type { QboItem } from './schemas/item.js';
import type { QboInventoryAdjustment } from './schemas/transaction.js';
import type { QboTransport } from './transport.js';
import type { QboWriteOptions } from './write-options.js';

export interface QboInventoryAdjustmentInput {
  itemId: string;
  /** Relative change of QtyOnHand; non-zero. */
  qtyDiff: number;
  /** Our movement reference (≤ 21 characters), so a retry after a lost response can find the adjustment. */
  docNumber: string;
  privateNote?: string;
  adjustAccountId: string;
  /** YYYY-MM-DD. */
  txnDate: string;
}

export interface QboQuantityApi {
  createInventoryAdjustment(input: QboInventoryAdjustmentInput, opts: QboWriteOptions): Promise<QboInventoryAdjustment>;
  findInventoryAdjustmentsByDocNumber(docNumber: string): Promise<QboInventoryAdjustment[]>;
  /** Fallback: sets the absolute quantity through a sparse Item update (InvStartDate is then the adjust date). */
  setQtyOnHand(
    update: { Id: string; SyncToken: string; QtyOnHand: number; InvStartDate: string },
    opts: QboWriteOptions,
  ): Promise<QboItem>;
}

export const maxDocNumberLength = 21;

function checkDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected a YYYY-MM-DD date, got "${date}"`);
  return date;
}

function checkAdjustment(input: QboInventoryAdjustmentInput): void {
  if (!Number.isFinite(input.qtyDiff) || input.qtyDiff === 0) {
    throw new RangeError(`qtyDiff must be a non-zero number, got ${input.qtyDiff}`);
  }
  if (input.docNumber.length === 0 || input.docNumber.length > maxDocNumberLength) {
    throw new RangeError(`docNumber must be 1–${maxDocNumberLength} characters, got "${input.docNumber}"`);
  }
  checkDate(input.txnDate);
}

export function createQuantityApi(transport: QboTransport, queries: QboQueryApi): QboQuantityApi {
  return {
    async createInventoryAdjustment(input, opts) {
      checkAdjustment(input);
      const body = {
        TxnDate: input.txnDate,
        DocNumber: input.docNumber,
        ...(input.privateNote === undefined ? {} : { PrivateNote: input.privateNote }),
        AdjustAccountRef: { value: input.adjustAccountId },
        Line: [
          {
            DetailType: 'ItemAdjustmentLineDetail',
            ItemAdjustmentLineDetail: { ItemRef: { value: input.itemId }, QtyDiff: input.qtyDiff },
          },
        ],
      };
      return await transport.send(
        {
          method: 'POST',
          path: 'inventoryadjustment',
          json: body,
          requestId: checkRequestId(opts.requestId, maxRequestIdLength),
        },
        singleEnvelope('InventoryAdjustment'),
      );
    },

    async findInventoryAdjustmentsByDocNumber(docNumber) {
      return await queries.query(selectQuery('InventoryAdjustment', { where: [where('DocNumber', '=', docNumber)] }));
    },

    async setQtyOnHand({ Id, SyncToken, QtyOnHand, InvStartDate }, opts) {
      if (!Number.isFinite(QtyOnHand)) throw new RangeError(`QtyOnHand must be a number, got ${QtyOnHand}`);
      return await transport.send(
        {
          method: 'POST',
          path: 'item',
          json: { Id, SyncToken, sparse: true, QtyOnHand, InvStartDate: checkDate(InvStartDate) },
          requestId: checkRequestId(opts.requestId, maxRequestIdLength),
        },
        singleEnvelope('Item'),
      );
    },
  };
}
