import { plural } from '../../domain/words.js';
import {
  configureFlags,
  systemConnect,
  systemCommand,
  type CliOption,
  type SystemCli,
  type TypedOptions,
} from '../system-cli.js';
import type { qbdSettings } from './connection-settings.js';
import {
  qbdConnectEndpoint,
  qbdConnectorFileEndpoint,
  qbdNewConnectorFileEndpoint,
  type QbdConnected,
  type QbdConnectorFile,
} from './operator-contract.js';

/** The .qwc options of `connect qbd` and `qwc`: each one given is kept for the connection's later files. */
const qwcOptionSpecs: Record<string, CliOption> = {
  'app-url': {
    type: 'string',
    value: 'url',
    description:
      "The service's /qbwc as the Web Connector reaches it: https with a host name, http only for localhost (default PUBLIC_BASE_URL/qbwc; kept for later files)",
  },
  every: {
    type: 'string',
    value: 'interval',
    description:
      'How often the Web Connector runs: minutes (15, 15m, 1h) or seconds (30s, which only the .qwc file can set); default 15 minutes, kept for later files',
  },
};

/** `--every`: whole minutes (a bare number, `m` or `h`), or seconds (`s`); at most a day. */
function runEvery(raw: string, typed: TypedOptions): { runEveryMinutes: number } | { runEverySeconds: number } {
  const match = /^(\d+)\s*(s|m|h)?$/.exec(raw.trim());
  const n = Number(match?.[1]);
  const unit = match?.[2] ?? 'm';
  const seconds = n * { s: 1, m: 60, h: 3600 }[unit as 's' | 'm' | 'h'];
  if (!match || n < 1 || seconds > 24 * 60 * 60)
    typed.refuse(`--every expects minutes (15, 15m, 1h) or seconds (30s), from 1 second to a day, not "${raw}".`);
  return unit === 's' ? { runEverySeconds: n } : { runEveryMinutes: seconds / 60 };
}

/** The API body fields of the .qwc options given. */
function qwcOptions(typed: TypedOptions) {
  const appUrl = typed.string('app-url');
  const every = typed.string('every');
  return { ...(appUrl === undefined ? {} : { appUrl }), ...(every === undefined ? {} : runEvery(every, typed)) };
}

/** A run interval in words: whole minutes in minutes, else seconds. */
const interval = (seconds: number) => (seconds % 60 === 0 ? plural(seconds / 60, 'minute') : plural(seconds, 'second'));

const webConnectorCalls = (q: QbdConnectorFile) =>
  `The Web Connector will call ${q.appUrl} every ${interval(q.runEverySeconds)}.`;

const formatConnected = (q: QbdConnected) =>
  [
    `Web Connector login for "${q.connectionId}" (the password is shown only now; connecting again replaces it):`,
    `  username: ${q.username}`,
    `  password: ${q.password}`,
    `Save the file below as ${q.fileName}, open it in the QuickBooks Web Connector (Add an application) and`,
    `type the password there. ${webConnectorCalls(q)}`,
    '',
    q.qwc,
  ].join('\n');

const formatQwc = (q: QbdConnectorFile) =>
  [
    `The .qwc file of "${q.connectionId}" for Web Connector user ${q.username} (the password is unchanged).`,
    `Save it as ${q.fileName} and open it in the QuickBooks Web Connector. ${webConnectorCalls(q)}`,
    '',
    q.qwc,
  ].join('\n');

/** The accounts flags: each names one role's account by full name. */
const accountFlag = (flag: string, key: string, description: string) =>
  ({ flag, value: 'name', description, setting: 'qbdAccounts', key }) as const;

/**
 * QuickBooks Desktop's part of the CLI: `connect <id> qbd` issues a Web Connector login and its .qwc file, `qwc <id>`
 * makes the file again; its accounts and inventory site.
 */
export const qbdCli: SystemCli = {
  system: 'qbd',
  title: 'QuickBooks Desktop',
  connect: systemConnect({
    does: '(Web Connector login and .qwc file)',
    usage: '[--username <name>] [--app-url <url>] [--every <minutes>|<n>s]',
    options: {
      username: { type: 'string', value: 'name', description: 'Web Connector username (default qzsync-<id>)' },
      ...qwcOptionSpecs,
    },
    request: (typed) => {
      const username = typed.string('username');
      return { endpoint: qbdConnectEndpoint, body: { ...(username ? { username } : {}), ...qwcOptions(typed) } };
    },
    format: formatConnected,
  }),
  disconnectDoes: '(deletes the Web Connector login)',
  configure: configureFlags<typeof qbdSettings.flatChange>([
    accountFlag(
      'qbd-income-account',
      'income',
      'QuickBooks Desktop income account of new inventory items, by full name (default "Sales")',
    ),
    accountFlag(
      'qbd-cogs-account',
      'cogs',
      'QuickBooks Desktop cost of goods sold account (default "Cost of Goods Sold")',
    ),
    accountFlag('qbd-asset-account', 'asset', 'QuickBooks Desktop inventory asset account (default "Inventory Asset")'),
    accountFlag(
      'qbd-adjustment-account',
      'adjustment',
      'QuickBooks Desktop inventory adjustment account (default "Inventory Adjustments")',
    ),
    accountFlag(
      'qbd-non-inventory-account',
      'nonInventoryIncome',
      'QuickBooks Desktop account of new non-inventory items (default: the income account)',
    ),
    accountFlag(
      'qbd-service-account',
      'serviceIncome',
      'QuickBooks Desktop account of new service items (default: the income account)',
    ),
    {
      flag: 'qbd-site',
      value: 'name',
      description:
        "QuickBooks Desktop inventory site stock movements land at (default: the site named as the default location, else the default site); '' unsets it",
      setting: 'qbdSite',
    },
  ]),
  commands: [
    systemCommand({
      name: 'qwc',
      summary:
        "Print a QuickBooks Desktop connection's .qwc file again (same application and password); --app-url and --every change it for good",
      usage: ['qwc <id> [--app-url <url>] [--every <minutes>|<n>s]'],
      options: qwcOptionSpecs,
      request: (typed) => {
        const changes = qwcOptions(typed);
        return Object.keys(changes).length === 0
          ? { endpoint: qbdConnectorFileEndpoint }
          : { endpoint: qbdNewConnectorFileEndpoint, body: changes };
      },
      format: formatQwc,
    }),
  ],
};
