import { qbdConnectorFileSchema } from '../../operator/contract/connect.js';
import { usageError } from '../cli-error.js';
import {
  connectionArgument,
  ok,
  stringOption,
  type CommandContext,
  type Command,
  type OptionSpec,
} from '../command.js';
import { formatQwc } from '../format/connect.js';

/** The .qwc options of `connect qbd` and `qwc`: each one given is kept for the connection's later files. */
export const qwcOptionSpecs: Record<string, OptionSpec> = {
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
function runEvery(raw: string): { runEveryMinutes: number } | { runEverySeconds: number } {
  const match = /^(\d+)\s*(s|m|h)?$/.exec(raw.trim());
  const n = Number(match?.[1]);
  const unit = match?.[2] ?? 'm';
  const seconds = n * { s: 1, m: 60, h: 3600 }[unit as 's' | 'm' | 'h'];
  if (!match || n < 1 || seconds > 24 * 60 * 60)
    throw usageError(`--every expects minutes (15, 15m, 1h) or seconds (30s), from 1 second to a day, not "${raw}".`);
  return unit === 's' ? { runEverySeconds: n } : { runEveryMinutes: seconds / 60 };
}

/** The API body fields of the .qwc options given. */
export function qwcOptions(c: CommandContext) {
  const appUrl = stringOption(c, 'app-url');
  const every = stringOption(c, 'every');
  return { ...(appUrl === undefined ? {} : { appUrl }), ...(every === undefined ? {} : runEvery(every)) };
}

export const qwcCommand: Command = {
  name: 'qwc',
  summary:
    "Print a QuickBooks Desktop connection's .qwc file again (same application and password); --app-url and --every change it for good",
  arguments: ['<id>'],
  usage: ['qwc <id> [--app-url <url>] [--every <minutes>|<n>s]'],
  options: qwcOptionSpecs,
  async run(c) {
    const id = encodeURIComponent(connectionArgument(c));
    const changes = qwcOptions(c);
    const file =
      Object.keys(changes).length === 0
        ? await c.api('GET', `/connections/${id}/qbd/qwc`, qbdConnectorFileSchema)
        : await c.api('PUT', `/connections/${id}/qbd/qwc`, qbdConnectorFileSchema, { body: changes });
    return ok(file, formatQwc(file));
  },
};
