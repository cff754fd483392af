import { configuredSchema } from '../../operator/contract/connect.js';
import { productMasterWords } from '../../domain/connection-settings.js';
import { sideOfSystem, systems } from '../../domain/systems.js';
import type { Side } from '../../domain/sides.js';
import type { ConfigureFlag, SystemCli } from '../../integrations/system-cli.js';
import { systemClis } from '../../integrations/system-commands.js';
import { usageError } from '../cli-error.js';
import {
  choiceOption,
  connectionArgument,
  numberOption,
  ok,
  stringOption,
  type CommandContext,
  type Command,
  type OptionSpec,
} from '../command.js';
import { formatConfigured } from '../format/connect.js';
import { orList } from '../format/words.js';

/** Each side's systems, the field side first, as the answer lists their settings. */
const onSide = (side: Side) => systemClis.filter((cli) => sideOfSystem(cli.system) === side);
const grouped = [...onSide('field'), ...onSide('accounting')];

const optionsOf = (clis: readonly SystemCli[]): Record<string, OptionSpec> =>
  Object.fromEntries(
    clis.flatMap((cli) =>
      cli.configure.map((f) => [f.flag, { type: 'string', value: f.value, description: f.description }] as const),
    ),
  );

/** A flag as the usage shows it: `[--flag value]`, or `--flag <value>` when settings need it. */
const flagUsage = (f: ConfigureFlag) => {
  const value = f.choices ? f.choices.join('|') : f.value;
  return f.needed ? `--${f.flag} <${value}>` : `[--${f.flag} ${value}]`;
};

const groupWidth = 32;
const lineWidth = 85;

/** A system's flags under its name and side, wrapped at `lineWidth`. */
function usageGroup(cli: SystemCli): string[] {
  const lines: string[] = [];
  for (const flag of cli.configure.map(flagUsage)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + flag.length <= lineWidth) lines[lines.length - 1] = `${last} ${flag}`;
    else lines.push(flag);
  }
  const heading = `${cli.title} (${sideOfSystem(cli.system)}):`.padEnd(groupWidth);
  return lines.map((line, i) => `  ${i === 0 ? heading : ' '.repeat(groupWidth)} ${line}`);
}

/** The system flags given, as the settings change they make under the older top-level names. */
function systemSettingsGiven(c: CommandContext): Record<string, unknown> {
  const change: Record<string, unknown> = {};
  for (const f of systemClis.flatMap((cli) => cli.configure)) {
    const value = f.choices ? choiceOption(c, f.flag, f.choices) : stringOption(c, f.flag);
    if (value === undefined) continue;
    change[f.setting] = f.key ? { ...(change[f.setting] as object | undefined), [f.key]: value } : value;
  }
  return change;
}

export const configureCommand: Command = {
  name: 'configure',
  summary: 'Set the sync settings of a connection and create or update its reconciliation schedule',
  arguments: ['<id>'],
  usage: [
    'configure <id> --master <accounting|field|system> [--min-quantity n] [--non-inventory-quantity n] [--reconcile-every 15m]',
    "  each side's own settings, those of the system on that side (others are answered as not kept):",
    ...grouped.flatMap(usageGroup),
  ],
  options: {
    master: {
      type: 'string',
      value: 'side',
      description:
        'Product master: where new items are created and definitions flow from; accounting or field, or the ' +
        `connection's system on that side (${orList(systems)})`,
    },
    ...optionsOf(onSide('field')),
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
    ...optionsOf(onSide('accounting')),
    'reconcile-every': {
      type: 'string',
      value: 'duration',
      description: 'Reconciliation interval, e.g. 15m or 1h (at least 1m)',
    },
  },
  async run(c) {
    const id = connectionArgument(c);
    const change = {
      productMaster: choiceOption(c, 'master', productMasterWords),
      minQuantity: numberOption(c, 'min-quantity'),
      nonInventoryQuantity: numberOption(c, 'non-inventory-quantity'),
      reconcileEvery: stringOption(c, 'reconcile-every'),
      ...systemSettingsGiven(c),
    };
    const body = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    if (Object.keys(body).length === 0) throw usageError('Nothing to change: give at least one setting.');
    const configured = await c.api('PUT', `/connections/${encodeURIComponent(id)}/settings`, configuredSchema, {
      body,
    });
    return ok(configured, formatConfigured(configured));
  },
};
