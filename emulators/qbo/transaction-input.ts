import { z } from 'zod';
import { decimal, flag, idString, reference } from './input-fields.js';

const itemLineDetail = z.looseObject({
  ItemRef: reference.optional(),
  Qty: decimal.nullable().optional(),
  UnitPrice: decimal.nullable().optional(),
});

export const lineInputSchema = z.looseObject({
  Id: idString.optional(),
  LineNum: z.unknown().optional(),
  Description: z.string().nullable().optional(),
  Amount: decimal.nullable().optional(),
  DetailType: z.string().optional(),
  SalesItemLineDetail: itemLineDetail.optional(),
  ItemBasedExpenseLineDetail: itemLineDetail.optional(),
  ItemAdjustmentLineDetail: z
    .looseObject({ ItemRef: reference.optional(), QtyDiff: decimal.optional(), NewQty: decimal.optional() })
    .optional(),
  AccountBasedExpenseLineDetail: z.looseObject({ AccountRef: reference.optional() }).optional(),
});
export type LineInput = z.infer<typeof lineInputSchema>;

/** Transactions carry many optional fields; only the ones the emulator interprets are typed, the rest are kept. */
export const transactionInputSchema = z.looseObject({
  Id: idString.optional(),
  SyncToken: idString.optional(),
  sparse: flag.optional(),
  Line: z.array(lineInputSchema).optional(),
  CustomerRef: reference.optional(),
  VendorRef: reference.optional(),
  AccountRef: reference.optional(),
  AdjustAccountRef: reference.optional(),
  PaymentType: z.string().optional(),
  Credit: flag.optional(),
  TxnDate: z.string().optional(),
  DocNumber: z.string().optional(),
  PrivateNote: z.string().nullable().optional(),
});
export type TransactionInput = z.infer<typeof transactionInputSchema>;

/** Server-computed properties a client may echo back; they are recomputed, never taken from the request. */
export const readOnlyTransactionFields = [
  'Id',
  'SyncToken',
  'sparse',
  'domain',
  'status',
  'MetaData',
  'TotalAmt',
  'Balance',
];
