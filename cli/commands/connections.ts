import { connectionListSchema, connectionSummarySchema } from '../../operator/contract/connection.js';
import { usageError } from '../cli-error.js';
import { ok, positionals, stringOption, type Command } from '../command.js';
import { formatConnections, formatCreated } from '../format/connections.js';

export const connectionsCommand: Command = {
  name: 'connections',
  summary: 'List connections, or add one (one QuickBooks company ↔ one Zuper company)',
  usage: ['connections [list]', 'connections add <id> [--name <display name>]'],
  options: { name: { type: 'string', value: 'display name', description: 'Name shown in listings (default: the id)' } },
  async run(c) {
    const [sub = 'list', ...rest] = c.positionals;
    if (sub === 'list') {
      positionals({ ...c, positionals: rest }, []);
      const list = await c.api('GET', '/connections', connectionListSchema);
      return ok(list, formatConnections(list));
    }
    if (sub !== 'add') throw usageError(`Unknown sub-command "${sub}": use list or add.`);
    const { id } = positionals({ ...c, positionals: rest }, ['id']);
    const name = stringOption(c, 'name');
    const created = await c.api('POST', '/connections', connectionSummarySchema, {
      body: { id, ...(name ? { displayName: name } : {}) },
    });
    return ok(created, formatCreated(created));
  },
};
