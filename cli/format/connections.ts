import type { ConnectionList, ConnectionSummary } from '../../operator/contract/connection.js';
import type { System } from '../../domain/systems.js';
import { systemClis } from '../../integrations/system-commands.js';
import { formatTable } from './table.js';
import { connectionListCells, connectionListColumns } from './vendor-named-fields.js';

const cliOf = (system: System) => systemClis.find((cli) => cli.system === system);

/** `qzsync connect <system> <id>` with the options it cannot go without (the usage's unbracketed ones). */
const connectLine = (system: System, id: string) => {
  const needed = cliOf(system)
    ?.connect.usage.replace(/\s*\[[^\]]*\]/g, '')
    .trim();
  return `qzsync connect ${system} ${id}${needed ? ` ${needed}` : ''}`;
};

/** The configure flags the connection's settings cannot go without (the field side's default location). */
const neededFlags = (c: ConnectionSummary) =>
  [c.sides.accounting.system, c.sides.field.system]
    .flatMap((system) => cliOf(system)?.configure.filter((f) => f.needed) ?? [])
    .map((f) => ` --${f.flag} <${f.value}>`)
    .join('');

export function formatConnections(list: ConnectionList): string {
  if (list.connections.length === 0) return 'No connections yet. Create one with `qzsync connections add <id>`.';
  return formatTable(
    ['ID', 'NAME', 'STATUS', ...connectionListColumns, 'SETTINGS'],
    list.connections.map((c) => [
      c.id,
      c.displayName,
      c.status + (c.statusReason ? ` (${c.statusReason})` : ''),
      ...connectionListCells(c),
      c.configured ? 'configured' : 'not configured',
    ]),
  );
}

export function formatCreated(c: ConnectionSummary): string {
  return [
    `Created connection "${c.id}" (${c.displayName}). Next:`,
    ...[c.sides.accounting.system, c.sides.field.system].map((system) => `  ${connectLine(system, c.id)}`),
    `  qzsync configure ${c.id} --master <${c.sides.accounting.system}|${c.sides.field.system}>${neededFlags(c)}`,
    `  qzsync check ${c.id}`,
  ].join('\n');
}
