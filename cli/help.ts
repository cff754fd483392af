import type { Command, OptionSpec } from './command.js';

/** Options every command accepts (commander's own help option reads --help and -h). */
export const globalOptions: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: "Print one JSON document (the service's answer, or {error}) instead of text" },
  url: {
    type: 'string',
    value: 'url',
    description: 'The qzsync service (default QZSYNC_URL, else http://127.0.0.1:$HTTP_PORT)',
  },
  help: { type: 'boolean', description: 'Show help (also -h)' },
};

const optionLines = (options: Record<string, OptionSpec>) => {
  const entries = Object.entries(options).map(
    ([name, o]) => [`--${name}${o.value ? ` <${o.value}>` : ''}`, o.description] as const,
  );
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return entries.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
};

/** Usage lines; lines starting with spaces continue the one before. */
export const usageLines = (command: Command) =>
  command.usage.map((u) => (u.startsWith(' ') ? `  ${u}` : `  qzsync ${u}`));

export function commandHelp(command: Command): string {
  return [
    `qzsync ${command.name}: ${command.summary}`,
    '',
    'Usage:',
    ...usageLines(command),
    '',
    'Options:',
    ...optionLines({ ...command.options, ...globalOptions }),
  ].join('\n');
}

export function toolHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'qzsync: operate the inventory sync between an accounting system and a field-service system (talks to the running service).',
    '',
    'Usage: qzsync <command> [arguments] [--json] [--url <url>]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `qzsync <command> --help` for its arguments and options.',
    '',
    'Environment: QZSYNC_URL (or HTTP_PORT) locates the service; OPERATOR_TOKEN authorises (in development the',
    'token is read from $DATA_DIR/operator-token, default data/operator-token).',
    '',
    'Exit codes: 0 done, 1 failed or needs attention, 2 usage error, 3 service unreachable, 4 operator token',
    'missing or refused (unauthorised).',
  ].join('\n');
}
