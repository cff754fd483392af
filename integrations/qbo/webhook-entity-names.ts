/** Entity names as QBO spells them (docs/qbo-behaviour.md, "Webhook payloads and delivery", plus InventoryAdjustment), keyed by their lowercase form. */
const canonical = new Map(
  [
    'Account',
    'Bill',
    'BillPayment',
    'Budget',
    'Class',
    'CreditMemo',
    'Currency',
    'Customer',
    'Department',
    'Deposit',
    'Employee',
    'Estimate',
    'InventoryAdjustment',
    'Invoice',
    'Item',
    'JournalCode',
    'JournalEntry',
    'Payment',
    'PaymentMethod',
    'Preferences',
    'Purchase',
    'PurchaseOrder',
    'RefundReceipt',
    'SalesReceipt',
    'TaxAgency',
    'Term',
    'TimeActivity',
    'Transfer',
    'Vendor',
    'VendorCredit',
  ].map((name) => [name.toLowerCase(), name]),
);

/** CloudEvents `type` names entities in lowercase (`qbo.salesreceipt.created.v1`); routing uses QBO's spelling. */
const qboEntityName = (lowercase: string): string =>
  canonical.get(lowercase.toLowerCase()) ?? lowercase.charAt(0).toUpperCase() + lowercase.slice(1);

const operations: Record<string, string> = {
  created: 'Create',
  updated: 'Update',
  deleted: 'Delete',
  merged: 'Merge',
  voided: 'Void',
  emailed: 'Emailed',
};

/**
 * Splits a CloudEvents `type` such as `qbo.item.updated.v1` into the legacy entity and operation names. The verbs for
 * merge, void and email are unconfirmed guesses (docs/qbo-behaviour.md, "Webhook payloads and delivery"), so any other verb passes through capitalised.
 * Null when the type is not a QBO entity event at all.
 */
export function parseCloudEventType(type: string): { entity: string; operation: string } | null {
  const match = /^qbo\.([a-z][a-z0-9]*)\.([a-z]+)\.v\d+$/i.exec(type);
  if (!match) return null;
  const [, entity = '', verb = ''] = match;
  const lower = verb.toLowerCase();
  return {
    entity: qboEntityName(entity),
    operation: operations[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1),
  };
}
