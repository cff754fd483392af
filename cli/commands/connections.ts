import { connectionListSchema, connectionSummarySchema } from '../../operator/contract/connection.js';
import { usageError } from '../cli-error.js';
import { ok, stringOption, type Command } from '../command.js';
import { formatConnections, formatCreated } from '../format/connections.js';

export const connectionsCommand: Command = {
  name: 'connections',
  summary: 'List connections, or add one (one accounting company ↔ one field-service company)',
  arguments: ['[list|add]', '[id]'],
  usage: ['connections [list]', 'connections add <id> [--name <display name>]'],
  options: { name: { type: 'string', value: 'display name', description: 'Name shown in listings (default: the id)' } },
  async run(c) {
    const [sub = 'list', id] = c.args;
    if (sub === 'list') {
      if (id !== undefined) throw usageError(`Unexpected argument "${id}".`);
      const list = await c.api('GET', '/connections', connectionListSchema);
      return ok(list, formatConnections(list));
    }
    if (sub !== 'add') throw usageError(`Unknown sub-command "${sub}": use list or add.`);
    if (id === undefined) throw usageError('Missing <id>.');
    const name = stringOption(c, 'name');
    const created = await c.api('POST', '/connections', connectionSummarySchema, {
      body: { id, ...(name ? { displayName: name } : {}) },
    });
    return ok(created, formatCreated(created));
  },
};
