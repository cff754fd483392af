import { configureFlags, systemConnect, type SystemCli } from '../system-cli.js';
import { qboQuantityWrites, type qboSettings } from './connection-settings.js';
import { qboConnectEndpoint } from './operator-contract.js';

/** QuickBooks Online's part of the CLI: `connect <id> qbo` prints the sign-in link; its accounts and quantity write. */
export const qboCli: SystemCli = {
  system: 'qbo',
  title: 'QuickBooks Online',
  connect: systemConnect({
    does: '(prints the sign-in link)',
    usage: '',
    options: {},
    request: () => ({ endpoint: qboConnectEndpoint, body: {} }),
    format: (link) =>
      `Open this link in a browser and sign in to QuickBooks as a company admin to connect "${link.connectionId}" (it is valid for one hour):\n  ${link.url}`,
  }),
  disconnectDoes: '(revokes the authorisation)',
  configure: configureFlags<typeof qboSettings.flatChange>([
    {
      flag: 'income-account',
      value: 'id',
      description: 'QuickBooks Online income account for new items, by id (default "Sales of Product Income")',
      setting: 'accounts',
      key: 'incomeAccountId',
    },
    {
      flag: 'cogs-account',
      value: 'id',
      description: 'QuickBooks Online cost of goods sold account (default "Cost of Goods Sold")',
      setting: 'accounts',
      key: 'cogsAccountId',
    },
    {
      flag: 'asset-account',
      value: 'id',
      description: 'QuickBooks Online inventory asset account (default "Inventory Asset")',
      setting: 'accounts',
      key: 'assetAccountId',
    },
    {
      flag: 'adjustment-account',
      value: 'id',
      description: 'QuickBooks Online inventory adjustment account (default "Inventory Shrinkage")',
      setting: 'accounts',
      key: 'adjustmentAccountId',
    },
    {
      flag: 'qbo-quantity-write',
      value: 'mode',
      description:
        'How quantities are written to QuickBooks Online: inventory-adjustment (US companies) or qty-on-hand (companies without inventory adjustments)',
      setting: 'qboQuantityWrite',
      choices: qboQuantityWrites,
    },
  ]),
  commands: [],
};
