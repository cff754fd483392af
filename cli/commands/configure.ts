import { configuredSchema } from '../../operator/contract/connect.js';
import { productMasterWords } from '../../domain/connection-settings.js';
import { usageError } from '../cli-error.js';
import {
  choiceOption,
  connectionArgument,
  numberOption,
  ok,
  stringOption,
  type Command,
  type CommandContext,
} from '../command.js';
import { formatConfigured } from '../format/connect.js';

const accountFlags = {
  'income-account': 'incomeAccountId',
  'cogs-account': 'cogsAccountId',
  'asset-account': 'assetAccountId',
  'adjustment-account': 'adjustmentAccountId',
} as const;

/** QuickBooks Desktop accounts, by full name. */
const qbdAccountFlags = {
  'qbd-income-account': 'income',
  'qbd-cogs-account': 'cogs',
  'qbd-asset-account': 'asset',
  'qbd-adjustment-account': 'adjustment',
  'qbd-non-inventory-account': 'nonInventoryIncome',
  'qbd-service-account': 'serviceIncome',
} as const;

/** The flags of `flags` given, as the settings object they fill. */
const flagValues = (c: CommandContext, flags: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(flags).flatMap(([flag, key]) => {
      const value = stringOption(c, flag);
      return value === undefined ? [] : [[key, value]];
    }),
  );

export const configureCommand: Command = {
  name: 'configure',
  summary: 'Set the sync settings of a connection and create or update its reconciliation schedule',
  arguments: ['<id>'],
  usage: [
    'configure <id> --master <accounting|field|system> [--min-quantity n] [--non-inventory-quantity n] [--reconcile-every 15m]',
    "  each side's own settings, those of the system on that side (others are answered as not kept):",
    '  Zuper (field):                   --default-location <uid>',
    '  QuickBooks Online (accounting):  [--income-account id] [--cogs-account id] [--asset-account id]',
    '                                   [--adjustment-account id] [--qbo-quantity-write inventory-adjustment|qty-on-hand]',
    '  QuickBooks Desktop (accounting): [--qbd-income-account name] [--qbd-cogs-account name] [--qbd-asset-account name]',
    '                                   [--qbd-adjustment-account name] [--qbd-non-inventory-account name]',
    '                                   [--qbd-service-account name] [--qbd-site name]',
  ],
  options: {
    master: {
      type: 'string',
      value: 'side',
      description:
        'Product master: where new items are created and definitions flow from; accounting or field, or the ' +
        "connection's system on that side (qbo, qbd or zuper)",
    },
    'default-location': {
      type: 'string',
      value: 'uid',
      description:
        "Zuper location where items copied from the accounting side are stocked and that side's changes land",
    },
    'min-quantity': {
      type: 'string',
      value: 'n',
      description: 'Minimum quantity at the default location for items copied from the accounting side',
    },
    'non-inventory-quantity': {
      type: 'string',
      value: 'n',
      description: "Quantity the field side gives the accounting side's non-inventory items (which keep none)",
    },
    'income-account': {
      type: 'string',
      value: 'id',
      description: 'QuickBooks Online income account for new items, by id (default "Sales of Product Income")',
    },
    'cogs-account': {
      type: 'string',
      value: 'id',
      description: 'QuickBooks Online cost of goods sold account (default "Cost of Goods Sold")',
    },
    'asset-account': {
      type: 'string',
      value: 'id',
      description: 'QuickBooks Online inventory asset account (default "Inventory Asset")',
    },
    'adjustment-account': {
      type: 'string',
      value: 'id',
      description: 'QuickBooks Online inventory adjustment account (default "Inventory Shrinkage")',
    },
    'qbd-income-account': {
      type: 'string',
      value: 'name',
      description: 'QuickBooks Desktop income account of new inventory items, by full name (default "Sales")',
    },
    'qbd-cogs-account': {
      type: 'string',
      value: 'name',
      description: 'QuickBooks Desktop cost of goods sold account (default "Cost of Goods Sold")',
    },
    'qbd-asset-account': {
      type: 'string',
      value: 'name',
      description: 'QuickBooks Desktop inventory asset account (default "Inventory Asset")',
    },
    'qbd-adjustment-account': {
      type: 'string',
      value: 'name',
      description: 'QuickBooks Desktop inventory adjustment account (default "Inventory Adjustments")',
    },
    'qbd-non-inventory-account': {
      type: 'string',
      value: 'name',
      description: 'QuickBooks Desktop account of new non-inventory items (default: the income account)',
    },
    'qbd-service-account': {
      type: 'string',
      value: 'name',
      description: 'QuickBooks Desktop account of new service items (default: the income account)',
    },
    'qbd-site': {
      type: 'string',
      value: 'name',
      description:
        "QuickBooks Desktop inventory site stock movements land at (default: the site named as the default location, else the default site); '' unsets it",
    },
    'qbo-quantity-write': {
      type: 'string',
      value: 'mode',
      description:
        'How quantities are written to QuickBooks Online: inventory-adjustment (US companies) or qty-on-hand (companies without inventory adjustments)',
    },
    'reconcile-every': {
      type: 'string',
      value: 'duration',
      description: 'Reconciliation interval, e.g. 15m or 1h (at least 1m)',
    },
  },
  async run(c) {
    const id = connectionArgument(c);
    const accounts = flagValues(c, accountFlags);
    const qbdAccounts = flagValues(c, qbdAccountFlags);
    const change = {
      productMaster: choiceOption(c, 'master', productMasterWords),
      defaultLocationUid: stringOption(c, 'default-location'),
      minQuantity: numberOption(c, 'min-quantity'),
      nonInventoryQuantity: numberOption(c, 'non-inventory-quantity'),
      qbdSite: stringOption(c, 'qbd-site'),
      qboQuantityWrite: choiceOption(c, 'qbo-quantity-write', ['inventory-adjustment', 'qty-on-hand'] as const),
      reconcileEvery: stringOption(c, 'reconcile-every'),
      ...(Object.keys(accounts).length ? { accounts } : {}),
      ...(Object.keys(qbdAccounts).length ? { qbdAccounts } : {}),
    };
    const body = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    if (Object.keys(body).length === 0) throw usageError('Nothing to change: give at least one setting.');
    const configured = await c.api('PUT', `/connections/${encodeURIComponent(id)}/settings`, configuredSchema, {
      body,
    });
    return ok(configured, formatConfigured(configured));
  },
};
