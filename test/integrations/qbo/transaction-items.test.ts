import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qboTransactionSchema } from '../../../integrations/qbo/schemas/transaction.js';
import { transactionItemIds } from '../../../integrations/qbo/transaction-items.js';

void test('item ids from sales, expense, adjustment and bundle lines, without repeats or non-item lines', () => {
  const tx = qboTransactionSchema.parse({
    Id: '130',
    SyncToken: '0',
    Line: [
      {
        DetailType: 'SalesItemLineDetail',
        Amount: 30,
        SalesItemLineDetail: { ItemRef: { value: '19', name: 'A' }, Qty: 3 },
      },
      { DetailType: 'SubTotalLineDetail', Amount: 30, SubTotalLineDetail: {} },
      {
        DetailType: 'GroupLineDetail',
        GroupLineDetail: {
          GroupItemRef: { value: '50', name: 'Kit' },
          Quantity: 1,
          Line: [
            { DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 2 } },
            { DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '19' }, Qty: 1 } },
          ],
        },
      },
      { DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: '22' }, Qty: 5 } },
      { DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '7' } } },
      { DetailType: 'ItemAdjustmentLineDetail', ItemAdjustmentLineDetail: { ItemRef: { value: '23' }, QtyDiff: -2 } },
      { DetailType: 'DescriptionOnly', Description: 'note' },
    ],
  });
  assert.deepEqual(transactionItemIds(tx), ['19', '21', '22', '23']);
});

void test('a voided transaction with no lines moves no items', () => {
  assert.deepEqual(transactionItemIds(qboTransactionSchema.parse({ Id: '1', SyncToken: '3' })), []);
});
