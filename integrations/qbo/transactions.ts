import { notFoundAsNull } from './not-found.js';
import { singleEnvelope, type QboTransactionEntity } from './schemas/entities.js';
import { transactionItemIds } from './transaction-items.js';
import type { QboTransport } from './transport.js';

export interface QboTransactionSummary {
  entity: QboTransactionEntity;
  id: string;
  syncToken: string;
  docNumber?: string;
  txnDate?: string;
  privateNote?: string;
  /** Items whose QtyOnHand this transaction moves (bundle components included). */
  itemIds: string[];
}

export interface QboTransactionsApi {
  /** null when the transaction was hard-deleted (fault 610). */
  getTransaction(entity: QboTransactionEntity, id: string): Promise<QboTransactionSummary | null>;
}

export function createTransactionsApi(transport: QboTransport): QboTransactionsApi {
  return {
    async getTransaction(entity, id) {
      const path = `${entity.toLowerCase()}/${encodeURIComponent(id)}`;
      const tx = await notFoundAsNull(transport.send({ method: 'GET', path }, singleEnvelope(entity)));
      if (tx === null) return null;
      return {
        entity,
        id: tx.Id,
        syncToken: tx.SyncToken,
        ...(tx.DocNumber === undefined ? {} : { docNumber: tx.DocNumber }),
        ...(tx.TxnDate === undefined ? {} : { txnDate: tx.TxnDate }),
        ...(tx.PrivateNote === undefined ? {} : { privateNote: tx.PrivateNote }),
        itemIds: transactionItemIds(tx),
      };
    },
  };
}
