import type { QboErrorKind } from './errors.js';

export interface QboErrorExplanation {
  explanation: string;
  fix: string;
}

const duplicateName: QboErrorExplanation = {
  explanation:
    'An item with this name already exists in QuickBooks (possibly inactive: QuickBooks keeps names of inactive items reserved, and item and category names share one list).',
  fix: 'In QuickBooks, search Products and Services including inactive ones for the name. Rename one of the two items, or reactivate the existing QuickBooks item and link it to the Zuper product, then retry.',
};

const stale: QboErrorExplanation = {
  explanation:
    'The QuickBooks record changed between the moment the sync read it and the moment it wrote to it (someone edited it, or another change landed first).',
  fix: 'Nothing to do: the sync re-reads the record and applies its change again. If it keeps happening, look for another app or user editing the same item continuously.',
};

const invalidReference: QboErrorExplanation = {
  explanation:
    'The change refers to a QuickBooks record that does not exist or has the wrong type, typically an account or category chosen in the settings, or a line whose name clashes with a category.',
  fix: 'Check the income, expense (COGS), inventory asset and adjustment accounts and the category mapping in the connection settings; pick records that exist in this QuickBooks company, then retry.',
};

/** Plain-language meaning and remedy of specific QBO fault codes, for the sync history. */
const byCode: Readonly<Record<string, QboErrorExplanation>> = {
  '6240': duplicateName,
  '5010': stale,
  '610': {
    explanation:
      'The QuickBooks record this refers to does not exist any more, or is inactive (deleted transactions are removed for good; deleted items become inactive).',
    fix: 'Reactivate the record in QuickBooks (Products and Services → filter Inactive → Make active), or unlink and relink the item so the sync creates or finds the right one, then retry.',
  },
  '2500': invalidReference,
  '2010': {
    explanation: 'QuickBooks rejected a field it does not support in this request.',
    fix: 'This is a defect in the sync or a change in the QuickBooks API, not a data problem: report it with the QuickBooks transaction id (intuit_tid) shown here.',
  },
  '2020': {
    explanation:
      'QuickBooks needs a field that was not sent. For items this is usually an account: inventory items need income, expense (COGS) and inventory asset accounts; other items need at least one.',
    fix: 'Choose the accounts in the connection settings (or create accounts with the standard names in QuickBooks), then retry.',
  },
  '2030': {
    explanation:
      'QuickBooks refused an id the sync sent because it is not a whole number; nothing was read or changed, and the record it meant may well exist.',
    fix: 'Check the QuickBooks id stored for this link (it must be digits only), relink the item if it is wrong, then retry; otherwise report it with the QuickBooks transaction id (intuit_tid).',
  },
  '2050': {
    explanation:
      'A text is too long or empty for QuickBooks: item names 1–100 characters, SKU up to 100, sales description up to 4000, document numbers up to 21.',
    fix: 'Shorten the field on the product in the master system, then retry.',
  },
  '2170': {
    explanation: 'QuickBooks does not accept one of the values sent (for example an item type it does not support).',
    fix: 'Check the product type; QuickBooks can only create Inventory, Non-inventory, Service and Category items through its API.',
  },
  '2210': {
    explanation: 'An e-mail address in the request is not valid for QuickBooks.',
    fix: 'Correct the address, then retry.',
  },
  '4000': {
    explanation: 'QuickBooks could not parse a query the sync sent.',
    fix: 'This is a defect in the sync, not a data problem: report it with the QuickBooks transaction id (intuit_tid).',
  },
  '4001': {
    explanation:
      'QuickBooks refused a query the sync sent (for example a page size over 1000 or an unsupported filter).',
    fix: 'This is a defect in the sync, not a data problem: report it with the QuickBooks transaction id (intuit_tid).',
  },
  '6000': {
    explanation:
      'QuickBooks refused the change because of one of its business rules, for example editing an inactive item, a change in a closed accounting period, inactivating a category, or a plan without inventory tracking. QuickBooks says why in the detail.',
    fix: 'Read the QuickBooks detail shown here, correct the record or setting it names in QuickBooks, then retry.',
  },
  '6520': {
    explanation:
      'An inventory item line has no quantity, which QuickBooks requires for items that track quantity on hand.',
    fix: 'Add a quantity to the line, then retry.',
  },
  '6210': {
    explanation:
      'QuickBooks refused the change because the accounting period is closed (or the document number is already used).',
    fix: 'Ask the bookkeeper to allow changes in the closed period or to move the closing date, or use a later date, then retry.',
  },
  '6140': {
    explanation: 'The document number is already used by another QuickBooks transaction.',
    fix: 'Use a unique number, then retry.',
  },
  '630': {
    explanation: 'QuickBooks already has a record with the same unique value (name or reference number).',
    fix: 'Make the name or number unique, then retry.',
  },
  '6540': {
    explanation: 'The QuickBooks transaction has been deposited and can no longer be changed.',
    fix: 'Undo the deposit in QuickBooks first if the change is really needed, then retry.',
  },
  '6190': {
    explanation: 'The QuickBooks company is not in good standing (subscription lapsed, trial expired, or cancelled).',
    fix: 'Renew or reactivate the QuickBooks subscription, then retry.',
  },
  '500': {
    explanation:
      'QuickBooks does not support this operation for this company or request: typically a plan without inventory (Simple Start or Essentials), text with unsupported characters, or a change-data-capture window reaching back more than 30 days.',
    fix: 'Check that the QuickBooks plan is Plus or Advanced with quantity tracking on and remove unusual characters from names and descriptions, then retry. QuickBooks says which case it is in the detail.',
  },
};

const byKind: Readonly<Record<QboErrorKind, QboErrorExplanation>> = {
  throttled: {
    explanation:
      'QuickBooks is limiting requests for this company (about 500 per minute and 10 at a time per app, 40 batches per minute).',
    fix: 'Nothing to do: the sync waits and retries. If it persists, another integration on the same QuickBooks company may be using the allowance.',
  },
  auth: {
    explanation: 'QuickBooks did not accept the access token for this company.',
    fix: 'The sync refreshes the token and retries. If it keeps failing, reconnect QuickBooks in the connection settings.',
  },
  forbidden: {
    explanation:
      'The QuickBooks connection is not allowed to do this: the app is not authorised for this company or scope, the connecting user lacks rights, or the subscription lapsed.',
    fix: 'Reconnect QuickBooks as a company administrator and check that the subscription is active, then retry.',
  },
  stale,
  'duplicate-name': duplicateName,
  validation: {
    explanation: 'QuickBooks rejected the data sent. QuickBooks says why in the detail.',
    fix: 'Correct the record or setting named in the QuickBooks detail, then retry.',
  },
  'invalid-reference': invalidReference,
  'not-found': {
    explanation:
      'QuickBooks does not know this address: the company id (realm) or the QuickBooks environment (production or sandbox) is wrong.',
    fix: 'Check the QuickBooks environment in the configuration and reconnect the company.',
  },
  server: {
    explanation: 'QuickBooks had an internal error or a temporary outage.',
    fix: "Nothing to do: the sync retries with backoff. If it lasts, check Intuit's developer status page.",
  },
  network: {
    explanation:
      'The connection to QuickBooks failed or timed out; the change may or may not have been applied by QuickBooks.',
    fix: 'Nothing to do: the sync checks whether the change already landed (by request id or document number) before retrying it, so nothing is applied twice.',
  },
};

/**
 * Explanation and fix for an error; specific fault codes win over the general kind, except for server failures
 * (code 500 means "Unsupported Operation" under HTTP 400 but is just an outage under HTTP 500).
 */
export function explainQboError(kind: QboErrorKind, code?: string): QboErrorExplanation {
  const specific = code === undefined || kind === 'server' ? undefined : byCode[code];
  return specific ?? byKind[kind];
}
